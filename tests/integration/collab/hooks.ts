// Vitest hooks for the socket test files; apart from helpers.ts, which also runs outside
// Vitest (fixtures/persisting-server.ts, a server in its own process).
import { afterAll, afterEach } from 'vitest'
import { connectClient, removeTempDbFiles, startTestServer, type TestClient, type TestServer } from './helpers'

/**
 * The per-test cleanup every socket test file needs: after each test its clients are destroyed
 * and its server stopped; after the file, the temporary databases go. Gives the file's
 * `client(docName, token)`, which connects to the current server.
 */
export function collabTestHooks(current: () => TestServer | undefined, forget: () => void) {
  const clients: TestClient[] = []
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await current()?.stop()
    forget()
  })
  afterAll(removeTempDbFiles)
  return (docName: string, token: string, options?: Parameters<typeof connectClient>[3]): TestClient => {
    const client = connectClient(current()!.url, docName, token, options)
    clients.push(client)
    return client
  }
}

/**
 * The same hooks for a file whose tests each start their own server: `start(options)` runs it
 * and hands it over to the cleanup, so no test file keeps a server variable of its own.
 */
export function collabTestServer() {
  let current: TestServer | undefined
  const client = collabTestHooks(
    () => current,
    () => (current = undefined),
  )
  const start = async (options?: Parameters<typeof startTestServer>[0]): Promise<TestServer> => (current = await startTestServer(options))
  return { client, start }
}
