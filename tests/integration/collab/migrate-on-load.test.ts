// A review stored by the version-1 code is migrated by the server when its room loads, before
// any client syncs, and the migration is stored like any change (so it runs once).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { migrateReviewDoc, readReviewDoc, REVIEW_DOC_SCHEMA_VERSION } from '../../../app/domain/review-doc'
import { createSqlitePersistence, type DocLoadedHook } from '../../../server/collab'
import { connectClient, memoryLogger, removeTempDbFiles, startTestServer, synced, tempDbFile, type TestClient, type TestServer } from './helpers'

const here = path.dirname(fileURLToPath(import.meta.url))
const v1Update = Buffer.from(readFileSync(path.join(here, '../../fixtures/review-doc/v1-review.update.base64'), 'utf8').trim(), 'base64')

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const server of servers.splice(0)) await server.stop()
})
afterAll(removeTempDbFiles)

// What server/collab-host.ts registers.
const migrateReviews: DocLoadedHook = (docName, doc, origin) => {
  if (docName.startsWith('review:')) migrateReviewDoc(doc, { origin })
}

async function storeV1(dbFile: string, docName: string) {
  const persistence = createSqlitePersistence({ filename: dbFile, logger: memoryLogger() })
  persistence.append(docName, v1Update)
  await persistence.flush()
  await persistence.close()
}

describe('migration when a room loads', () => {
  it('hands clients a version-2 document with every text intact, and stores the migration once', async () => {
    const dbFile = tempDbFile()
    const docName = 'review:v1-fixture'
    await storeV1(dbFile, docName)

    const server = await startTestServer({ dbFile, onDocLoaded: migrateReviews })
    servers.push(server)
    const alice = connectClient(server.url, docName, 'alice-token')
    clients.push(alice)
    await synced(alice)
    const { doc, problems } = readReviewDoc(alice.doc)
    expect(problems).toEqual([])
    expect(doc.schemaVersion).toBe(REVIEW_DOC_SCHEMA_VERSION)
    expect(doc.unmetNeeds.find(n => n.id === 'n-safety')?.gap).toBe('Two weeks without a plan')
    const need = alice.doc.getMap('unmetNeeds').get('n-safety') as Y.Map<unknown>
    expect(need.get('gap')).toBeInstanceOf(Y.Text)
    alice.destroy()
    clients.splice(0)
    await server.stop()
    servers.splice(0)

    // Loaded again: already version 2, so nothing moves (and no text is doubled).
    const again = await startTestServer({ dbFile, onDocLoaded: migrateReviews })
    servers.push(again)
    const bob = connectClient(again.url, docName, 'bob-token')
    clients.push(bob)
    await synced(bob)
    const reread = readReviewDoc(bob.doc).doc
    expect(reread).toEqual(doc)
    expect(again.logger.entries.filter(e => e.level === 'error')).toEqual([])
  })
})
