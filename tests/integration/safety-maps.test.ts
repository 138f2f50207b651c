// Signs of Safety maps through the real stack (ADR 0040): co-authored on the collaboration
// host with the real authenticator (an observer's writes are refused, its copy kept up to
// date), projected as numbers only for trends, counted and suppressed there, and exported
// de-identified in every format.
import http, { type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { exportFormats, sharedReviewSchema } from '~/domain/export'
import { applyCommand, readReviewDoc } from '~/domain/review-doc'
import { exportReview } from '~/models/export.server'
import { initialReviewDoc, reviewDocName, storeInitialReviewDoc } from '~/models/review-doc.server'
import { trendsData } from '~/models/trends.server'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { reviewDocGateway } from '~/utils/review-doc-gateway.server'
import { attachCollaboration } from '../../server/collab-host'
import { createLogger } from '../../server/logger'
import { makeReview } from '../support/fixtures'
import { CALDER_INCIDENT, calderCommands, calderIdentifying } from '../fixtures/export/calder'
import { approveForExport, exportJurisdiction, exportReviewWith, exportUser } from '../fixtures/export/db'
import { compileSharedReviewJsonSchema } from '../fixtures/export/json-schema'
import { csvText, docxText, htmlText } from '../fixtures/export/text'
import { buildWorld, membersOf, type World } from './accounts-support'
import { waitFor } from './collab/helpers'

let world: World
let httpServer: http.Server
let host: ReturnType<typeof attachCollaboration>
let base: string

beforeAll(async () => {
  world = await buildWorld()
  const handlers: ((req: IncomingMessage, socket: Duplex, head: Buffer) => boolean)[] = []
  httpServer = http.createServer((_req, res) => res.writeHead(404).end())
  host = attachCollaboration({ env: getEnv(), logger: createLogger('silent'), prisma, onUpgrade: h => void handlers.push(h) })
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!handlers.some(h => h(req, socket, head))) socket.destroy()
  })
  await new Promise<void>(resolve => httpServer.listen(0, '127.0.0.1', resolve))
  base = `127.0.0.1:${(httpServer.address() as AddressInfo).port}`
})

afterAll(async () => {
  await host.shutdown()
  httpServer.closeAllConnections()
  await new Promise<void>(resolve => httpServer.close(() => resolve()))
})

function connect(cookie: string, docName: string) {
  const origin = `http://${base}`
  class SignedIn extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie, origin } })
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://${base}/collab`, docName, doc, {
    WebSocketPolyfill: SignedIn as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  })
  return { doc, provider, close: () => (provider.destroy(), doc.destroy()) }
}

const mapsOf = (doc: Y.Doc) => readReviewDoc(doc).doc.safetyMaps

describe('maps in the live review document', () => {
  test('a panel member’s map reaches everyone; an observer reads it and cannot change it', async () => {
    const review = await makeReview(world.jurisdictionId, membersOf(world))
    // Seeded once, as createReview does: the server's copy is the only one that initialises.
    await storeInitialReviewDoc(prisma, review.id, initialReviewDoc(review.id).state)
    const docName = reviewDocName(review.id)
    const facilitator = connect(world.cookies.facilitator!, docName)
    const observer = connect(world.cookies.observer!, docName)
    try {
      await waitFor(() => facilitator.provider.synced && observer.provider.synced, 5000, 'both synced')
      await waitFor(() => readReviewDoc(facilitator.doc).doc.schemaVersion !== null, 5000, 'initialised')
      applyCommand(facilitator.doc, {
        type: 'addSafetyMap',
        id: 'm1',
        date: '2026-09-01',
        title: 'At the safety plan',
        pastHarm: 'A bruise on the arm.',
        scaling: { worker: 2, family: 9 },
      })
      await waitFor(() => mapsOf(observer.doc).length === 1, 5000, 'observer receives the map')
      expect(mapsOf(observer.doc)[0]).toMatchObject({ title: 'At the safety plan', pastHarm: 'A bruise on the arm.', scaling: { worker: 2, family: 9 } })

      // The observer's own copy takes the edit; the room refuses it and nobody else sees it.
      const refusedBefore = host.collab.stats().updatesRefusedReadOnly
      applyCommand(observer.doc, { type: 'setSafetyScaling', mapId: 'm1', party: 'family', value: 2 })
      applyCommand(observer.doc, { type: 'updateSafetyMap', id: 'm1', patch: { pastHarm: 'OBSERVER REWRITE' } })
      await waitFor(() => host.collab.stats().updatesRefusedReadOnly > refusedBefore, 5000, 'observer edit refused')
      applyCommand(facilitator.doc, { type: 'setSafetyScaling', mapId: 'm1', party: 'supervisor', value: 4 })
      await waitFor(() => mapsOf(observer.doc)[0]?.scaling.supervisor === 4, 5000, 'observer still receives edits')
      expect(mapsOf(facilitator.doc)[0]).toMatchObject({ pastHarm: 'A bruise on the arm.', scaling: { worker: 2, family: 9, supervisor: 4 } })
      const stored = await reviewDocGateway().change(docName, doc => readReviewDoc(doc).doc.safetyMaps)
      expect(stored[0]).toMatchObject({ pastHarm: 'A bruise on the arm.', scaling: { worker: 2, family: 9, supervisor: 4 } })

      // The projection keeps numbers only, and trends count the divergence (suppressed: 1 map).
      await expect
        .poll(async () => prisma.projectedSafetyMap.findMany({ where: { reviewId: review.id } }), { timeout: 8000 })
        .toEqual([{ reviewId: review.id, id: 'm1', date: '2026-09-01', worker: 2, supervisor: 4, family: 9, partner: null }])
    } finally {
      facilitator.close()
      observer.close()
    }
  })
})

describe('trends of the jurisdiction’s own reviews', () => {
  test('count maps whose family and worker judgements diverged by 3 or more, by year, suppressed', async () => {
    const jurisdiction = await exportJurisdiction()
    const review = await exportReviewWith({ jurisdictionId: jurisdiction.id, commands: [], incidentDate: '2025-03-18' })
    const rows = [
      ...Array.from({ length: 11 }, (_, i) => ({ id: `d${i}`, worker: 1, family: 9 })),
      ...Array.from({ length: 12 }, (_, i) => ({ id: `w${i}`, worker: 5, family: 6 })),
      { id: 'only-worker', worker: 5, family: null },
    ]
    await prisma.projectedSafetyMap.createMany({ data: rows.map(r => ({ reviewId: review.id, date: '2025-01-01', supervisor: null, partner: null, ...r })) })
    const data = await trendsData({ id: jurisdiction.id, code: jurisdiction.code }, 'own', 'en')
    expect(data.tables.safetyScalingDivergenceByYear).toMatchObject({
      rows: ['diverged', 'notDiverged'],
      columns: ['2025'],
      cells: [[11], [12]],
      grandTotal: 23,
    })

    await prisma.projectedSafetyMap.deleteMany({ where: { reviewId: review.id, id: { startsWith: 'd' } } })
    await prisma.projectedSafetyMap.createMany({ data: [{ reviewId: review.id, id: 'd-small', date: '2025-01-01', worker: 0, family: 10 }] })
    const small = await trendsData({ id: jurisdiction.id, code: jurisdiction.code }, 'own', 'en')
    const table = small.tables.safetyScalingDivergenceByYear
    // One diverged map is a small cell: never shown, nor recoverable from the totals.
    expect(table.cells[0]).toEqual(['small'])
    expect(table.cells[1]).not.toEqual([12])
  })
})

describe('the de-identified export', () => {
  const mapCommands = [
    ...calderCommands,
    {
      type: 'addSafetyMap' as const,
      id: 'm1',
      date: '2024-11-06',
      title: 'Referral, with Dr. Walsh',
      eventIds: ['e2'],
      pastHarm: 'Tessa Calder said Darren Pike shook Ruby once.',
      futureDanger: 'Worried Ruby will be hurt when Mr. Pike is alone with her at 14 Larch Crescent.',
      complicatingFactors: 'File CFS-2024-10377; Priya Raman carries 31 families.',
      strengths: 'Tessa calls 867-555-0143 when worried.',
      existingSafety: 'Glen Osei visits weekly.',
      dangerStatements: 'Priya is worried Ruby could be badly hurt.',
      safetyGoals: 'Ruby is never alone with Darren.',
      nextSteps: 'Safety planning with Tessa on January 29.',
      scaling: { worker: 3, supervisor: 4, family: 8, partner: 5 },
    },
  ]

  test('carries every map in every format with no name, place, identifier or date', async () => {
    const jurisdiction = await exportJurisdiction()
    const lead = await exportUser(jurisdiction.id, 'Quinn Lead')
    const second = await exportUser(jurisdiction.id, 'Sasha Second')
    const review = await exportReviewWith({
      jurisdictionId: jurisdiction.id,
      commands: mapCommands,
      incidentDate: CALDER_INCIDENT,
      members: [{ userId: lead.id, role: 'qi_lead' }],
    })
    await approveForExport(review.id, lead.id, second.id)
    const decoder = new TextDecoder()
    const wordIn = (text: string, word: string) =>
      new RegExp(`(^|[^\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu').test(text)
    for (const format of exportFormats) {
      const result = await exportReview(review, format, { actorId: lead.id, via: 'cli', locale: 'en', acceptResiduals: true })
      if (!result.ok) throw new Error(`${format} refused: ${result.reason}`)
      let text: string
      if (format === 'json') {
        const json: unknown = JSON.parse(decoder.decode(result.download.bytes))
        expect(compileSharedReviewJsonSchema()(json)).toBe(true)
        const shared = sharedReviewSchema.parse(json)
        expect(shared.safetyMaps).toHaveLength(1)
        expect(shared.safetyMaps![0]).toMatchObject({ day: -132, scaling: { worker: 3, supervisor: 4, family: 8, partner: 5 }, timelineIndexes: [1] })
        expect(shared.safetyMaps![0]!.pastHarm).toMatch(/Mother said Mother's partner shook Child 1 once\./)
        text = JSON.stringify(shared.safetyMaps)
      } else if (format === 'csv') {
        const zip = await JSZip.loadAsync(result.download.bytes)
        const file = zip.file('safety-maps.csv')
        expect(file).not.toBeNull()
        text = csvText(await file!.async('string'))
        expect(text).toContain('Child 1')
      } else if (format === 'html') {
        text = htmlText(decoder.decode(result.download.bytes))
        expect(text).toContain('Signs of Safety maps')
      } else {
        text = await docxText(result.download.bytes)
        expect(text).toContain('Signs of Safety maps')
      }
      expect(
        calderIdentifying.filter(word => wordIn(text, word)),
        format,
      ).toEqual([])
      expect(text, format).not.toContain('Walsh')
    }
    const record = await prisma.exportRecord.findFirstOrThrow({ where: { reviewId: review.id, format: 'json' } })
    expect((JSON.parse(record.detail) as { counts: { safetyMaps: number } }).counts.safetyMaps).toBe(1)
  }, 60_000)
})
