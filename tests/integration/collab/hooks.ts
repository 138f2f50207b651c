// Vitest hooks for the socket test files; apart from helpers.ts, which also runs outside
// Vitest (fixtures/persisting-server.ts, a server in its own process).
import { afterAll, afterEach } from 'vitest'
import { connectClient, removeTempDbFiles, startTestServer, type TestClient, type TestServer } from './helpers'

/**
 * The per-test cleanup every socket test file needs: after each test the clients it connected
 * are destroyed and the servers it started stopped, then `andThen` releases whatever else the
 * file holds; after the file, the temporary databases go.
 */
export function collabCleanup(andThen?: () => Promise<void>) {
  const clients: TestClient[] = []
  const servers: TestServer[] = []
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    for (const server of servers.splice(0)) await server.stop()
    await andThen?.()
  })
  afterAll(removeTempDbFiles)
  return {
    async start(options?: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
      const server = await startTestServer(options)
      servers.push(server)
      return server
    },
    connect(...args: Parameters<typeof connectClient>): TestClient {
      const client = connectClient(...args)
      clients.push(client)
      return client
    },
  }
}

/**
 * The same for a file whose tests each start one server: `start(options)` runs it, and
 * `client(docName, token)` connects to it.
 */
export function collabTestServer() {
  const cleanup = collabCleanup()
  let current: TestServer | undefined
  return {
    client: (docName: string, token: string, options?: Parameters<typeof connectClient>[3]): TestClient =>
      cleanup.connect(current!.url, docName, token, options),
    start: async (options?: Parameters<typeof startTestServer>[0]): Promise<TestServer> => (current = await cleanup.start(options)),
  }
}
