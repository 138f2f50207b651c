import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { collabTestServer } from './hooks'
import { headersFor, openSilentPeer, sleep, synced, tempDbFile, upgradeStatus, waitFor } from './helpers'

type Row = { n: number }
type Db = { prepare(sql: string): { get(...args: unknown[]): unknown }; close(): void }
const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string, o?: { readonly?: boolean }) => Db

const { client, start } = collabTestServer()

describe('collab access', () => {
  it('refuses upgrades with the status the authenticator or the server decided', async () => {
    const server = await start()
    const url = (doc: string) => `${server.url}/${doc}`
    expect(await upgradeStatus(url('review:a1'), headersFor('alice-token'))).toBe(101)
    expect(await upgradeStatus(url('review:a1'), headersFor(null))).toBe(401)
    expect(await upgradeStatus(url('review:a1'), headersFor('nobody-token'))).toBe(401)
    expect(await upgradeStatus(url('review:a1'), headersFor('alice-token', 'http://evil.test'))).toBe(403)
    expect(await upgradeStatus(url('review:a1'), headersFor('alice-token', null))).toBe(403)
    expect(await upgradeStatus(url('review:a1'), headersFor('mallory-token'))).toBe(403)
    expect(await upgradeStatus(url('review:missing-1'), headersFor('alice-token'))).toBe(404)
    expect(await upgradeStatus(url('case:a1'), headersFor('alice-token'))).toBe(400)
    expect(await upgradeStatus(url('review:a1%2F..%2Fx'), headersFor('alice-token'))).toBe(400)
    expect(await upgradeStatus(url(`review:${'x'.repeat(65)}`), headersFor('alice-token'))).toBe(400)
    expect(server.collab.stats().upgradesRefused).toMatchObject({ 400: 3, 401: 2, 403: 3, 404: 1 })
  })

  it('refuses with 503 when the authenticator does not answer in time', async () => {
    const server = await start({
      authenticator: { authorize: () => new Promise(() => {}) },
      timings: { authorizeTimeoutMs: 100 },
    })
    expect(await upgradeStatus(`${server.url}/review:a1`, headersFor('alice-token'))).toBe(503)
  })

  it('never applies, relays or stores what a read-only client writes, but keeps it up to date', async () => {
    const dbFile = tempDbFile()
    const server = await start({ dbFile })
    const alice = client('review:ro', 'alice-token')
    const olga = client('review:ro', 'olga-token')
    await Promise.all([synced(alice), synced(olga)])

    olga.text.insert(0, 'observer scribble')
    alice.text.insert(0, 'editor text')
    await waitFor(() => olga.text.toString().includes('editor text'), 5000, 'observer receives edits')
    await waitFor(() => server.collab.stats().updatesRefusedReadOnly > 0, 5000, 'observer edit refused')
    // Refused, not disconnected: the observer stays connected and keeps receiving.
    expect(olga.provider.wsconnected).toBe(true)
    alice.text.insert(alice.text.length, ' more')
    await waitFor(() => olga.text.toString().includes('editor text more'))

    // A fresh client sees only the editor's text, and so does the database.
    const bob = client('review:ro', 'bob-token')
    await synced(bob)
    await waitFor(() => bob.text.toString() === 'editor text more')
    expect(alice.text.toString()).toBe('editor text more')
    await server.persistence.flush()
    const db = new Database(dbFile, { readonly: true })
    try {
      const rows = db.prepare(`SELECT COUNT(*) AS n FROM "CollabUpdate" WHERE instr("update", ?) > 0`).get(Buffer.from('scribble')) as Row
      expect(rows.n).toBe(0)
      const all = db.prepare(`SELECT COUNT(*) AS n FROM "CollabUpdate" WHERE instr("update", ?) > 0`).get(Buffer.from('editor text')) as Row
      expect(all.n).toBe(1)
    } finally {
      db.close()
    }
    // Presence is allowed for observers.
    olga.provider.awareness.setLocalStateField('user', { name: 'Olga' })
    await waitFor(() => alice.provider.awareness.getStates().has(olga.doc.clientID))
  })

  it('closes revoked connections within a second and they stay closed', async () => {
    const server = await start()
    const alice = client('review:rev', 'alice-token')
    const aliceElsewhere = client('account:alice', 'alice-token')
    const bob = client('review:rev', 'bob-token')
    await Promise.all([synced(alice), synced(aliceElsewhere), synced(bob)])
    const closes: { code: number }[] = []
    alice.provider.on('connection-close', event => {
      if (event) closes.push({ code: event.code })
    })

    const started = performance.now()
    const closed = server.collab.closeConnections(c => c.userId === 'alice' && c.docName === 'review:rev', 'membership removed')
    expect(closed).toBe(1)
    await waitFor(() => !alice.provider.wsconnected, 1000, 'revoked socket closed')
    expect(performance.now() - started).toBeLessThan(1000)
    expect(closes).toEqual([{ code: 4403 }])

    // The stock provider does not reconnect after a 44xx close; the others are untouched.
    await sleep(700)
    expect(alice.provider.wsconnected || alice.provider.wsconnecting).toBe(false)
    expect(aliceElsewhere.provider.wsconnected).toBe(true)
    bob.text.insert(0, 'still here')
    await waitFor(() => server.collab.stats().updatesApplied > 0)
    expect(alice.text.toString()).toBe('')
  })

  it('closes only the sockets of the session that signed out', async () => {
    const server = await start()
    const laptop = client('review:sessions', 'alice-token')
    const phone = client('review:sessions', 'alice-phone-token')
    await Promise.all([synced(laptop), synced(phone)])
    expect(server.collab.closeConnections(c => c.sessionId === 'alice-laptop', 'signed out', 4401)).toBe(1)
    await waitFor(() => !laptop.provider.wsconnected, 1000, 'signed-out socket closed')
    expect(phone.provider.wsconnected).toBe(true)
  })

  it('cuts a revoked connection whose peer ignores the close handshake', async () => {
    const server = await start({ timings: { closeGraceMs: 200 } })
    const peer = await openSilentPeer(server.port, 'review:stubborn', 'alice-token')
    await waitFor(() => server.collab.stats().connections === 1)
    const started = performance.now()
    expect(server.collab.closeConnections(c => c.userId === 'alice', 'logged out', 4401)).toBe(1)
    expect(server.collab.stats().connections).toBe(0)
    await peer.cut
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
