import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createSqlitePersistence, type CollabPersistence } from '../../../server/collab'
import { collabTestServer } from './hooks'
import {
  headersFor,
  memoryLogger,
  openRaw,
  openSilentPeer,
  pairStillSyncs,
  sleep,
  synced,
  syncedPair,
  tempDbFile,
  updateMessage,
  upgradeStatus,
  waitFor,
  type TestClient,
} from './helpers'

const { client, start } = collabTestServer()

/** Two editors that must keep syncing while a third connection misbehaves. */
const bystanders = (docName: string) => syncedPair(client, docName)

async function stillSyncing(pair: [TestClient, TestClient], marker: string): Promise<void> {
  await pairStillSyncs(pair, marker, 5000, 'bystanders')
  expect(pair[0].provider.wsconnected && pair[1].provider.wsconnected).toBe(true)
}

describe('collab limits', () => {
  it('closes only the connection that sends garbage, a text frame or a malformed update', async () => {
    const server = await start()
    const pair = await bystanders('review:garbage')
    const cases: [string, (raw: Awaited<ReturnType<typeof openRaw>>) => void][] = [
      ['garbage bytes', raw => raw.ws.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))],
      ['unknown message type', raw => raw.ws.send(Buffer.from([42, 1, 2, 3]))],
      ['text frame', raw => raw.ws.send('hello')],
      ['malformed update', raw => raw.ws.send(updateMessage(Uint8Array.from([5, 200, 1, 9, 9, 9])))],
      ['truncated awareness', raw => raw.ws.send(Buffer.from([1, 20, 3, 1]))],
      [
        'awareness state that is not JSON',
        raw => {
          const payload = encoding.createEncoder()
          encoding.writeVarUint(payload, 1)
          encoding.writeVarUint(payload, 777)
          encoding.writeVarUint(payload, 1)
          encoding.writeVarString(payload, '{not json')
          const message = encoding.createEncoder()
          encoding.writeVarUint(message, 1)
          encoding.writeVarUint8Array(message, encoding.toUint8Array(payload))
          raw.ws.send(encoding.toUint8Array(message))
        },
      ],
    ]
    for (const [what, misbehave] of cases) {
      const raw = await openRaw(server.url, 'review:garbage', 'carol-token')
      misbehave(raw)
      const { code } = await raw.closed
      expect(code, what).toBe(1003)
      await stillSyncing(pair, `[after ${what}]`)
    }
    expect(server.logger.entries.some(e => e.level === 'warn' && e.msg === 'collab connection closed')).toBe(true)
  })

  it('refuses an oversized edit with 4413 (terminal for the provider) and cuts far larger frames with 1009', async () => {
    const server = await start({ limits: { maxMessageBytes: 64 * 1024 } })
    const pair = await bystanders('review:big')
    const raw = await openRaw(server.url, 'review:big', 'carol-token')
    const big = new Y.Doc()
    big.getText('body').insert(0, 'x'.repeat(100 * 1024))
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(big)))
    expect((await raw.closed).code).toBe(4413)
    const huge = await openRaw(server.url, 'review:big', 'carol-token')
    huge.ws.send(Buffer.alloc(200 * 1024, 1))
    expect((await huge.closed).code).toBe(1009)
    await stillSyncing(pair, '[after oversize]')
    expect(pair[0].text.toString()).not.toContain('xxxx')
  })

  it('closes a connection that exceeds its message rate', async () => {
    const server = await start({ limits: { messagesPerSecond: 20, messageBurst: 40 } })
    const pair = await bystanders('review:rate')
    const raw = await openRaw(server.url, 'review:rate', 'carol-token')
    const stateVector = encoding.createEncoder()
    encoding.writeVarUint(stateVector, 0)
    encoding.writeVarUint(stateVector, 0)
    encoding.writeVarUint8Array(stateVector, Y.encodeStateVector(new Y.Doc()))
    const step1 = encoding.toUint8Array(stateVector)
    for (let i = 0; i < 200; i++) raw.ws.send(step1)
    expect((await raw.closed).code).toBe(1008)
    await stillSyncing(pair, '[after flood]')
  })

  it('refuses connections beyond the per-room maximum', async () => {
    const server = await start({ limits: { maxConnectionsPerRoom: 2 } })
    await bystanders('review:full')
    expect(await upgradeStatus(`${server.url}/review:full`, headersFor('carol-token'))).toBe(503)
    expect(await upgradeStatus(`${server.url}/review:other`, headersFor('carol-token'))).toBe(101)
  })

  it('holds messages while the room loads, and closes a connection that sends too many', async () => {
    const logger = memoryLogger()
    const inner = createSqlitePersistence({ filename: tempDbFile(), logger })
    let releaseLoad: () => void = () => {}
    const gated: CollabPersistence = {
      ...inner,
      async load(docName) {
        await new Promise<void>(resolve => (releaseLoad = resolve))
        return inner.load(docName)
      },
      append: (docName, update) => inner.append(docName, update),
    }
    const server = await start({ persistence: gated, limits: { maxPendingMessages: 5 } })
    const patient = await openRaw(server.url, 'review:slow', 'alice-token')
    const doc = new Y.Doc()
    doc.getText('body').insert(0, 'early')
    patient.ws.send(updateMessage(Y.encodeStateAsUpdate(doc)))
    const flooder = await openRaw(server.url, 'review:slow', 'bob-token')
    for (let i = 0; i < 6; i++) flooder.ws.send(Buffer.from([3]))
    expect((await flooder.closed).code).toBe(1008)
    releaseLoad()
    const reader = client('review:slow', 'carol-token')
    await synced(reader)
    await waitFor(() => reader.text.toString() === 'early', 5000, 'held update applied after load')
    patient.ws.close()
  })

  it('terminates peers that stop answering pings', async () => {
    const server = await start({ timings: { heartbeatMs: 100 } })
    const pair = await bystanders('review:dead')
    const peer = await openSilentPeer(server.port, 'review:dead', 'carol-token')
    await waitFor(() => server.collab.stats().connections === 3)
    await peer.cut
    await waitFor(() => server.collab.stats().connections === 2)
    expect(server.collab.stats().connectionsClosed.heartbeat).toBe(1)
    // Live providers answer pings (and get keepalives), so they are still here.
    await sleep(300)
    await stillSyncing(pair, '[after heartbeat]')
  })
})
