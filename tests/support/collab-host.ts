// The real collaboration host (server/collab-host.ts: real authenticator, real sessions, the
// app's database) on an ephemeral port, for tests that open sockets as signed-in people.
import http, { type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { attachCollaboration } from '../../server/collab-host'
import { createLogger } from '../../server/logger'

export type LiveCollabHost = Awaited<ReturnType<typeof startCollabHost>>

export async function startCollabHost(options: Pick<Parameters<typeof attachCollaboration>[0], 'timings'> = {}) {
  const handlers: ((req: IncomingMessage, socket: Duplex, head: Buffer) => boolean)[] = []
  const httpServer = http.createServer((_req, res) => res.writeHead(404).end())
  const host = attachCollaboration({ env: getEnv(), logger: createLogger('silent'), prisma, onUpgrade: h => void handlers.push(h), ...options })
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!handlers.some(h => h(req, socket, head))) socket.destroy()
  })
  await new Promise<void>(resolve => httpServer.listen(0, '127.0.0.1', resolve))
  const base = `127.0.0.1:${(httpServer.address() as AddressInfo).port}`

  /** What a browser of this origin sends: its session cookie (if any) and its Origin. */
  const headers = (cookie: string | null, origin = `http://${base}`) => ({ ...(cookie ? { cookie } : {}), origin })

  /** A y-websocket client signed in with `cookie`; `closes` collects the close codes it got. */
  function connect(cookie: string, docName: string) {
    class SignedIn extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: headers(cookie) })
      }
    }
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(`ws://${base}/collab`, docName, doc, {
      WebSocketPolyfill: SignedIn as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 300,
    })
    const closes: number[] = []
    provider.on('connection-close', event => {
      if (event) closes.push(event.code)
    })
    return { doc, provider, closes }
  }

  async function stop() {
    await host.shutdown()
    httpServer.closeAllConnections()
    await new Promise<void>(resolve => httpServer.close(() => resolve()))
  }

  return { base, host, headers, connect, stop }
}
