// Issue 10: hostile input on the socket. Each test runs the attack from the security report
// against a real server and asserts the bound (memory, closing, refusal), with two editors
// in the room (or another room) as witnesses that must keep syncing.
import * as encoding from 'lib0/encoding'
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { inspectUpdate, ProtocolError, encodeAwareness } from '../../../server/collab/protocol'
import type { CollabAccess, CollabAuthenticator, CollabRefusal } from '../../../server/collab'
import { collabTestServer } from './hooks'
import {
  headersFor,
  openRaw,
  pairStillSyncs,
  sleep,
  stubAuthenticator,
  synced,
  syncedPair,
  upgradeStatus,
  waitFor,
  type TestClient,
  type TestServer,
} from './helpers'

const { client, start } = collabTestServer()

const witnesses = (docName: string) => syncedPair(client, docName)
const stillSyncing = (pair: [TestClient, TestClient], marker: string) => pairStillSyncs(pair, marker, 10_000, 'witnesses')

function syncStep1(stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc())): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}

/** A document of about `bytes` bytes, written by the host. */
async function bigDocument(server: TestServer, docName: string, bytes: number): Promise<void> {
  await server.collab.updateDoc(docName, doc => {
    const text = doc.getText('body')
    // Many small runs rather than one: encoding cost like a real review's.
    for (let i = 0; i < bytes / 1000; i++) text.insert(text.length, `${String(i).padStart(8, '0')}${'z'.repeat(992)}`)
  })
}

function socketOf(raw: Awaited<ReturnType<typeof openRaw>>): Socket {
  return (raw.ws as unknown as { _socket: Socket })._socket
}

describe('collab under hostile input (issue 10)', () => {
  // First in the file: maxRSS is a high-water mark, so no earlier test may have raised it.
  it('point 3: refuses the 11-byte update that makes Yjs allocate 33 million entries, without allocating', async () => {
    const attack = Buffer.from('00020801c094de0fb96000', 'hex')
    // The message is sync/update with an 8-byte update declaring 33,000,000 structs.
    expect(() => inspectUpdate(attack.subarray(3))).toThrow(ProtocolError)
    expect(() => inspectUpdate(attack.subarray(3))).toThrow(/33000000 structs/)

    const server = await start()
    const pair = await witnesses('review:alloc-witness')
    const peakBefore = process.resourceUsage().maxRSS
    for (let i = 0; i < 10; i++) {
      const raw = await openRaw(server.url, 'review:alloc', 'carol-token')
      raw.ws.send(attack)
      expect((await raw.closed).code).toBe(1003)
    }
    // Yjs would take about 260 MB for each; the bound leaves room for ordinary test noise.
    expect(process.resourceUsage().maxRSS - peakBefore).toBeLessThan(100 * 1024)
    await stillSyncing(pair, '[after allocation attack]')
  })

  it('point 3: the walker accepts what real documents contain', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hello world')
    doc.getText('t').format(0, 5, { bold: true })
    doc.getText('t').insertEmbed(2, { image: 'x' })
    doc.getText('t').delete(1, 2)
    doc.getMap('m').set('any', { list: [1, 2.5, 'two', null, true, new Uint8Array([1, 2])], n: 2n ** 60n })
    doc.getMap('m').set('json', 'plain')
    const fragment = new Y.XmlFragment()
    doc.getMap('m').set('fragment', fragment)
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.setAttribute('align', 'left')
    fragment.insert(0, [paragraph, new Y.XmlText('text')])
    doc.getArray('a').insert(0, ['x', { y: 1 }, new Y.Map(), new Y.Array()])
    doc.getMap('m').set('sub', new Y.Doc())
    doc.getMap('m').delete('json')
    const shape = inspectUpdate(Y.encodeStateAsUpdate(doc))
    expect(shape.structs).toBeGreaterThan(10)
    expect(shape.deletes).toBeGreaterThan(0)
    expect(inspectUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ structs: 0, deletes: 0 })
  })

  it('point 1: an observer flooding sync requests gets one reply at a time and is cut off when it stops reading', async () => {
    const server = await start({ timings: { heartbeatMs: 300 } })
    await bigDocument(server, 'review:amplify', 1024 * 1024)
    const pair = await witnesses('review:amplify')
    const raw = await openRaw(server.url, 'review:amplify', 'olga-token')
    // The attacker reads nothing (its pongs never leave either), and keeps sending.
    socketOf(raw).pause()
    const buffersBefore = process.memoryUsage().arrayBuffers
    let peak = 0
    const deadline = Date.now() + 3000
    let sent = 0
    // Under the message rate limit (200/s), so only the new rules can stop it.
    while (Date.now() < deadline && server.collab.stats().connections === 3) {
      for (let i = 0; i < 2; i++) raw.ws.send(syncStep1())
      sent += 2
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - buffersBefore)
      await sleep(20)
    }
    expect(sent).toBeGreaterThan(2)
    // Closed while it was still sending: frames no longer count as signs of life.
    expect(Date.now()).toBeLessThan(deadline)
    expect(server.collab.stats().connections).toBe(2)
    // 400 full replies of 1 MB were queued before; now at most a couple of them exist.
    expect(peak).toBeLessThan(64 * 1024 * 1024)
    await stillSyncing(pair, '[after amplification]')
  })

  it('point 1: sync requests are charged by the size of their reply', async () => {
    const server = await start({ limits: { byteBurst: 3 * 1024 * 1024, bytesPerSecond: 1024 } })
    await bigDocument(server, 'review:charged', 1024 * 1024)
    const pair = await witnesses('review:charged')
    const raw = await openRaw(server.url, 'review:charged', 'olga-token')
    let replies = 0
    raw.ws.on('message', () => replies++)
    // A well-paced reader: each request waits for the previous reply. 4 bytes in, 1 MB out.
    for (let i = 0; i < 10 && raw.ws.readyState === raw.ws.OPEN; i++) {
      const before = replies
      raw.ws.send(syncStep1())
      await Promise.race([waitFor(() => replies > before, 5000, 'reply'), raw.closed])
    }
    expect((await raw.closed).code).toBe(1008)
    expect(replies).toBeLessThanOrEqual(5)
    await stillSyncing(pair, '[after paced amplification]')
  })

  it('point 4: claim-then-release presence from an observer leaves bounded state', async () => {
    const server = await start()
    const pair = await witnesses('review:presence')
    const raw = await openRaw(server.url, 'review:presence', 'olga-token')
    const heapBefore = process.memoryUsage().heapUsed
    let frames = 0
    for (let f = 0; f < 200 && raw.ws.readyState === raw.ws.OPEN; f++) {
      const entries = []
      for (let i = 0; i < 2000; i++) {
        const clientID = 1_000_000 + f * 2000 + i
        entries.push({ clientID, clock: 1, state: '{"user":{"name":"x"}}' }, { clientID, clock: 2, state: 'null' })
      }
      raw.ws.send(encodeAwareness(entries))
      frames++
      if (f % 20 === 0) await sleep(10)
    }
    await sleep(300)
    const stats = server.collab.stats()
    // Before: 400,000 departed ids stayed until the room unloaded.
    expect(stats.departedEntries).toBeLessThanOrEqual(64)
    expect(stats.presenceEntries).toBeLessThanOrEqual(2 + 4)
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(100 * 1024 * 1024)
    expect(frames).toBeGreaterThan(0)
    await stillSyncing(pair, '[after presence flood]')
  })

  it('point 4: a presence state larger than the limit closes its connection', async () => {
    const server = await start({ limits: { maxAwarenessStateBytes: 1024 } })
    const pair = await witnesses('review:fat-presence')
    const raw = await openRaw(server.url, 'review:fat-presence', 'olga-token')
    raw.ws.send(encodeAwareness([{ clientID: 4242, clock: 1, state: JSON.stringify({ pad: 'x'.repeat(4096) }) }]))
    expect((await raw.closed).code).toBe(1003)
    await stillSyncing(pair, '[after fat presence]')
  })

  it('point 6: one user cannot fill a room; others still get in', async () => {
    const server = await start({ limits: { maxConnectionsPerUserPerRoom: 3, maxConnectionsPerRoom: 10 } })
    const url = `${server.url}/review:crowd`
    const held = await Promise.all([0, 1, 2].map(() => openRaw(server.url, 'review:crowd', 'olga-token').catch(() => null)))
    expect(await upgradeStatus(url, headersFor('olga-token'))).toBe(429)
    expect(await upgradeStatus(url, headersFor('alice-token'))).toBe(101)
    for (const raw of held) raw?.ws.close()
  })

  it('point 13: a large edit under the limit is kept; one over it stops the provider without a reconnect loop', async () => {
    await start({ limits: { maxMessageBytes: 256 * 1024 } })
    const pair = await witnesses('review:paste')
    const paster = client('review:paste', 'carol-token')
    await synced(paster)
    paster.text.insert(0, 'a'.repeat(200 * 1024))
    await waitFor(() => pair[1].text.length >= 200 * 1024, 10_000, 'large edit relayed')
    let opens = 0
    paster.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') opens++
    })
    paster.text.insert(0, 'b'.repeat(300 * 1024))
    await waitFor(() => !paster.provider.wsconnected, 5000, 'oversized edit refused')
    await sleep(1500)
    // The stock provider reconnects on 1009 and resends the edit forever; 4413 stops it.
    expect(opens).toBe(0)
    expect(paster.provider.shouldConnect).toBe(false)
    expect(pair[0].text.toString()).not.toContain('bbbb')
    await stillSyncing(pair, '[after oversized paste]')
  })

  it('point 8: sockets are re-checked and close within seconds when their session ends elsewhere', async () => {
    const revoked = new Set<string>()
    const promoted = new Set<string>()
    const authenticator: CollabAuthenticator = {
      authorize: (req, docName) => stubAuthenticator.authorize(req, docName),
      async revalidate(access: CollabAccess): Promise<CollabAccess | CollabRefusal> {
        if (revoked.has(access.userId)) return { refuse: 401, reason: 'not signed in' }
        return { ...access, readOnly: access.readOnly && !promoted.has(access.userId) }
      },
    }
    const server = await start({ authenticator, timings: { revalidateMs: 200 } })
    const pair = await witnesses('review:stale')
    const stale = await openRaw(server.url, 'review:stale', 'carol-token')
    const changed = await openRaw(server.url, 'review:stale', 'olga-token')
    await sleep(500)
    expect(stale.ws.readyState).toBe(stale.ws.OPEN)
    revoked.add('carol')
    promoted.add('olga')
    expect((await stale.closed).code).toBe(4401)
    expect((await changed.closed).code).toBe(4100)
    expect(server.collab.stats().connectionsClosed[4401]).toBe(1)
    expect(pair[1].provider.wsconnected).toBe(true)
  })
})
