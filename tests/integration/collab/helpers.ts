import fs from 'node:fs'
import http, { type IncomingMessage } from 'node:http'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import {
  createCollabServer,
  createSqlitePersistence,
  hasAllowedOrigin,
  type CollabAuthenticator,
  type CollabLimits,
  type CollabLogger,
  type CollabPersistence,
  type CollabServer,
  type CollabTimings,
  type DocChangedHook,
  type DocLoadedHook,
} from '../../../server/collab'
import { DOC_NAME_PATTERN } from '../../../server/collab-doc-names'

export const ALLOWED_ORIGIN = 'http://app.test'
export const SESSION_COOKIE = 'scir_session'

/** Stub sessions: token -> user; mallory is signed in but a member of nothing. */
const sessions: Record<string, { userId: string; readOnly: boolean; sessionId?: string } | 'forbidden'> = {
  'alice-token': { userId: 'alice', readOnly: false, sessionId: 'alice-laptop' },
  'alice-phone-token': { userId: 'alice', readOnly: false, sessionId: 'alice-phone' },
  'bob-token': { userId: 'bob', readOnly: false },
  'carol-token': { userId: 'carol', readOnly: false },
  'olga-token': { userId: 'olga', readOnly: true },
  'mallory-token': 'forbidden',
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return undefined
}

/** Origin allow-list, session cookie, and `review:missing*` as documents that do not exist. */
export const stubAuthenticator: CollabAuthenticator = {
  async authorize(req, docName) {
    if (!hasAllowedOrigin(req, [ALLOWED_ORIGIN])) return { refuse: 403, reason: 'origin not allowed' }
    const token = cookie(req, SESSION_COOKIE)
    const session = token === undefined ? undefined : sessions[token]
    if (session === undefined) return { refuse: 401, reason: 'not signed in' }
    if (docName.startsWith('review:missing')) return { refuse: 404, reason: 'no such review' }
    if (session === 'forbidden') return { refuse: 403, reason: 'not a member of this review' }
    return { ...session, label: session.userId }
  },
}

export type LogEntry = { level: 'info' | 'warn' | 'error'; obj: object; msg: string }

export function memoryLogger(): CollabLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = []
  return {
    entries,
    info: (obj, msg) => void entries.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => void entries.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => void entries.push({ level: 'error', obj, msg }),
  }
}

const tempDirs: string[] = []

/** For each test file's afterAll (SQLite files may stay open until their server stopped). */
export function removeTempDbFiles(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

/** The tests' documents: the app's two kinds (the core itself takes any pattern). */
export const TEST_DOC_NAMES = DOC_NAME_PATTERN

/**
 * A database file in a fresh directory: a copy of the migrated template (tests/setup/global-
 * setup.ts), so the tables are the migrations' own; `empty` for a file with no tables at all.
 */
export function tempDbFile(options: { empty?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'collab-test-'))
  tempDirs.push(dir)
  const file = path.join(dir, 'collab.db')
  if (!options.empty) {
    const template = process.env.SCIR_TEST_TEMPLATE_DB
    if (template === undefined || !fs.existsSync(template)) throw new Error('no migrated template database (tests/setup/global-setup.ts)')
    fs.copyFileSync(template, file)
  }
  return file
}

export function removeDbFile(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true })
}

export type TestServer = {
  url: string
  port: number
  collab: CollabServer
  persistence: CollabPersistence
  logger: ReturnType<typeof memoryLogger>
  stop(): Promise<void>
}

export async function startTestServer(
  options: {
    dbFile?: string
    persistence?: CollabPersistence
    authenticator?: CollabAuthenticator
    limits?: Partial<CollabLimits>
    timings?: Partial<CollabTimings>
    onDocChanged?: DocChangedHook
    onDocLoaded?: DocLoadedHook
  } = {},
): Promise<TestServer> {
  const logger = memoryLogger()
  const persistence = options.persistence ?? createSqlitePersistence({ filename: options.dbFile ?? tempDbFile(), logger })
  const collab = createCollabServer({
    authenticator: options.authenticator ?? stubAuthenticator,
    persistence,
    logger,
    docNamePattern: TEST_DOC_NAMES,
    limits: options.limits,
    timings: options.timings,
    onDocChanged: options.onDocChanged,
    onDocLoaded: options.onDocLoaded,
  })
  const server = http.createServer((_req, res) => res.writeHead(404).end())
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    if (req.url?.startsWith('/collab/')) void collab.handleUpgrade(req, socket, head)
    else socket.destroy()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  let stopped = false
  return {
    url: `ws://127.0.0.1:${port}/collab`,
    port,
    collab,
    persistence,
    logger,
    async stop() {
      if (stopped) return
      stopped = true
      await collab.shutdown()
      await persistence.close()
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    },
  }
}

export function headersFor(token: string | null, origin: string | null = ALLOWED_ORIGIN): Record<string, string> {
  const headers: Record<string, string> = {}
  if (token !== null) headers.cookie = `${SESSION_COOKIE}=${token}`
  if (origin !== null) headers.origin = origin
  return headers
}

/** The provider cannot pass headers, so the polyfill carries them (as a browser would). */
function webSocketWith(headers: Record<string, string>): typeof globalThis.WebSocket {
  class HeaderWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers })
    }
  }
  return HeaderWebSocket as unknown as typeof globalThis.WebSocket
}

export type TestClient = {
  doc: Y.Doc
  text: Y.Text
  provider: WebsocketProvider
  destroy(): void
}

export function connectClient(url: string, docName: string, token: string, options: { doc?: Y.Doc; connect?: boolean } = {}): TestClient {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(url, docName, doc, {
    WebSocketPolyfill: webSocketWith(headersFor(token)),
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 300,
  })
  return {
    doc,
    text: doc.getText('body'),
    provider,
    destroy() {
      provider.destroy()
    },
  }
}

export function synced(client: TestClient, timeoutMs = 5000): Promise<void> {
  return waitFor(() => client.provider.synced, timeoutMs, 'client synced')
}

/** Polls; generous timeouts, because only the 50 ms and 1 s guarantees are timing claims. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/** Resolves with the HTTP status the server answered the upgrade with (101 when accepted). */
export function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      res.resume()
      ws.terminate()
    })
    ws.on('open', () => {
      resolve(101)
      ws.close()
    })
    ws.on('error', error => {
      if (!/Unexpected server response/.test(error.message)) reject(error)
    })
  })
}

export type RawClient = {
  ws: WebSocket
  received: Uint8Array[]
  closed: Promise<{ code: number; reason: string }>
}

/** A bare protocol-level client, for sending what no well-behaved provider would. */
export async function openRaw(url: string, docName: string, token: string): Promise<RawClient> {
  const ws = new WebSocket(`${url}/${docName}`, { headers: headersFor(token) })
  const received: Uint8Array[] = []
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
  const closed = new Promise<{ code: number; reason: string }>(resolve => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
  })
  ws.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
  })
  return { ws, received, closed }
}

/**
 * A peer that completes the handshake and then never answers anything: no pongs, no close
 * frames. It keeps reading, so it notices when the server cuts the TCP connection.
 */
export async function openSilentPeer(port: number, docName: string, token: string): Promise<{ cut: Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1')
  const headers = Object.entries(headersFor(token))
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')
  socket.write(
    `GET /collab/${docName} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${headers}\r\n`,
  )
  const cut = new Promise<void>(resolve => socket.on('close', () => resolve()))
  socket.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    let head = ''
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1')
      if (!head.includes('\r\n\r\n')) return
      socket.off('data', onData)
      socket.on('data', () => {})
      if (head.startsWith('HTTP/1.1 101')) resolve()
      else reject(new Error(head.split('\r\n')[0]))
    }
    socket.on('data', onData)
  })
  return { cut }
}

/** A sync-update message as y-websocket frames it, built here rather than by the server's encoder. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Alice and Bob in one room, synced: the editors who must keep syncing while a third misbehaves. */
export async function syncedPair(client: (docName: string, token: string) => TestClient, docName: string): Promise<[TestClient, TestClient]> {
  const a = client(docName, 'alice-token')
  const b = client(docName, 'bob-token')
  await Promise.all([synced(a), synced(b)])
  return [a, b]
}

/** What one of the pair types reaches the other. */
export async function pairStillSyncs([a, b]: [TestClient, TestClient], marker: string, timeoutMs: number, who: string): Promise<void> {
  a.text.insert(a.text.length, marker)
  await waitFor(() => b.text.toString().includes(marker), timeoutMs, `${who} sync ${marker}`)
}
