import { createRequire } from 'node:module'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createSqlitePersistence, type CollabPersistence } from '../../../server/collab'
import { collabTestServer } from './hooks'
import { openRaw, sleep, synced, syncedPair, tempDbFile, waitFor } from './helpers'

type Db = { prepare(sql: string): { get(): unknown }; close(): void }
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string, o?: { readonly?: boolean }) => Db

function rowCount(file: string, table: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

const { client, start } = collabTestServer()

/** Alice and Bob in one room, Bob already seeing Alice's presence. */
async function aliceSeenByBob(docName: string) {
  const [alice, bob] = await syncedPair(client, docName)
  alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
  const aliceId = alice.doc.clientID
  await waitFor(() => (bob.provider.awareness.getStates().get(aliceId) as { user?: { name: string } } | undefined)?.user?.name === 'Alice')
  return { alice, bob, aliceId }
}

describe('collab sync', () => {
  it('converges several clients editing concurrently', async () => {
    await start()
    const editors = [client('review:conv', 'alice-token'), client('review:conv', 'bob-token'), client('review:conv', 'carol-token')]
    await Promise.all(editors.map(c => synced(c)))
    for (let round = 0; round < 20; round++) {
      editors.forEach((c, i) => c.text.insert(round % 2 === 0 ? 0 : c.text.length, `${i}:${round};`))
    }
    const expectedLength = editors.reduce((sum, _c, i) => sum + Array.from({ length: 20 }, (_, r) => `${i}:${r};`.length).reduce((a, b) => a + b, 0), 0)
    await waitFor(() => editors.every(c => c.text.length === expectedLength), 5000, 'all edits everywhere')
    const texts = editors.map(c => c.text.toString())
    expect(new Set(texts).size).toBe(1)
    // A late joiner gets the whole document from the server.
    const late = client('review:conv', 'alice-token')
    await synced(late)
    await waitFor(() => late.text.toString() === texts[0])
  })

  it('relays presence and removes it when its connection closes', async () => {
    await start()
    const { alice, bob, aliceId } = await aliceSeenByBob('review:presence')
    alice.provider.disconnect()
    await waitFor(() => !bob.provider.awareness.getStates().has(aliceId), 5000, 'presence removed')
  })

  it('does not let a connection set presence for a client id owned by another', async () => {
    const server = await start()
    const { bob, aliceId } = await aliceSeenByBob('review:spoof')

    const mallet = await openRaw(server.url, 'review:spoof', 'carol-token')
    const spoof = (clientID: number, clock: number, state: unknown): Uint8Array => {
      const payload = encoding.createEncoder()
      encoding.writeVarUint(payload, 1)
      encoding.writeVarUint(payload, clientID)
      encoding.writeVarUint(payload, clock)
      encoding.writeVarString(payload, JSON.stringify(state))
      const message = encoding.createEncoder()
      encoding.writeVarUint(message, 1)
      encoding.writeVarUint8Array(message, encoding.toUint8Array(payload))
      return encoding.toUint8Array(message)
    }
    // Overwrite Alice's cursor, then try to remove it, both with a newer clock.
    mallet.ws.send(spoof(aliceId, 1000, { user: { name: 'Mallory' } }))
    mallet.ws.send(spoof(aliceId, 1001, null))
    // Its own presence still goes through, so the messages above were processed by now.
    mallet.ws.send(spoof(424242, 1, { user: { name: 'Carol' } }))
    await waitFor(() => bob.provider.awareness.getStates().has(424242))
    const seen = bob.provider.awareness.getStates().get(aliceId) as { user: { name: string } } | undefined
    expect(seen?.user.name).toBe('Alice')
    mallet.ws.close()
  })

  it('merges edits a client made while offline when it reconnects', async () => {
    await start()
    const alice = client('review:offline', 'alice-token')
    const bob = client('review:offline', 'bob-token')
    await Promise.all([synced(alice), synced(bob)])
    alice.text.insert(0, 'shared ')
    await waitFor(() => bob.text.toString() === 'shared ')

    alice.provider.disconnect()
    alice.text.insert(alice.text.length, 'offline-alice ')
    bob.text.insert(0, 'online-bob ')
    await sleep(100)
    expect(bob.text.toString()).not.toContain('offline-alice')

    alice.provider.connect()
    await waitFor(() => alice.text.toString() === bob.text.toString() && bob.text.toString().includes('offline-alice'), 5000, 'offline merge')
    expect(alice.text.toString()).toContain('online-bob')
  })

  it('loads a document once when many clients connect at the same moment', async () => {
    const logger = { info() {}, warn() {}, error() {} }
    const inner = createSqlitePersistence({ filename: tempDbFile(), logger })
    const loads: string[] = []
    const slow: CollabPersistence = {
      ...inner,
      async load(docName) {
        loads.push(docName)
        await sleep(200)
        return inner.load(docName)
      },
      append: (docName, update) => inner.append(docName, update),
    }
    await start({ persistence: slow })
    const crowd = Array.from({ length: 10 }, (_, i) => client('review:crowd', ['alice-token', 'bob-token'][i % 2]!))
    crowd[0]!.text.insert(0, 'typed while the room was loading')
    await Promise.all(crowd.map(c => synced(c)))
    await waitFor(() => crowd.every(c => c.text.toString() === 'typed while the room was loading'))
    expect(loads).toEqual(['review:crowd'])
  })

  it('applies host-side edits and reports changes through a debounced hook', async () => {
    const changes: string[] = []
    const server = await start({
      onDocChanged: (docName, doc) => void changes.push(`${docName}=${doc.getText('body').toString()}`),
      timings: { docChangedDebounceMs: 50 },
    })
    await server.collab.updateDoc('review:seeded', doc => doc.getText('body').insert(0, 'template'))
    const alice = client('review:seeded', 'alice-token')
    await synced(alice)
    await waitFor(() => alice.text.toString() === 'template')
    for (let i = 0; i < 10; i++) alice.text.insert(alice.text.length, '.')
    await waitFor(() => changes.at(-1) === 'review:seeded=template..........', 5000, 'hook with final text')
    // Ten keystrokes in a burst are one or two hook calls, not ten.
    expect(changes.length).toBeLessThanOrEqual(3)
  })

  it('unloads an idle room after compacting it, and reloads it on the next connect', async () => {
    const dbFile = tempDbFile()
    const server = await start({ dbFile, timings: { roomIdleMs: 50 } })
    const alice = client('review:idle', 'alice-token')
    await synced(alice)
    alice.text.insert(0, 'kept')
    await waitFor(() => server.collab.stats().updatesApplied > 0)
    alice.destroy()
    await waitFor(() => server.collab.stats().rooms === 0, 5000, 'room unloaded')
    expect(rowCount(dbFile, 'CollabUpdate')).toBe(0)
    expect(rowCount(dbFile, 'CollabSnapshot')).toBe(1)
    const again = client('review:idle', 'bob-token')
    await synced(again)
    await waitFor(() => again.text.toString() === 'kept')
    expect(Y.encodeStateVector(again.doc).length).toBeGreaterThan(1)
  })
})
