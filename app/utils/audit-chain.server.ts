// The audit hash chain (ADR 0027). Each row's hash covers a canonical serialisation of the row
// and the hash of the previous row of its jurisdiction; a database trigger computes it in the
// inserting statement through the SQL function registered here, and `verifyAuditChain`
// recomputes it from the stored rows.
import crypto from 'node:crypto'
import type BetterSqlite3 from 'better-sqlite3'

export const AUDIT_HASH_FUNCTION = 'scir_audit_hash'
const FORMAT = 'scir-audit-v1'

type Cell = string | number | bigint | null | undefined

export type AuditChainRow = {
  seq: Cell
  id: Cell
  jurisdictionId: Cell
  action: Cell
  actorId: Cell
  reviewId: Cell
  detail: Cell
  createdAt: Cell
  prevHash: Cell
}

// Values are read back exactly as SQLite stores them; integers arrive as number or bigint
// depending on the connection, so both become their decimal text.
function norm(value: Cell): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint' || typeof value === 'number') return String(value)
  return value
}

export function auditRowHash(row: AuditChainRow): string {
  const canonical = JSON.stringify([
    FORMAT,
    norm(row.seq),
    norm(row.id),
    norm(row.jurisdictionId),
    norm(row.action),
    norm(row.actorId),
    norm(row.reviewId),
    norm(row.detail),
    norm(row.createdAt),
    norm(row.prevHash),
  ])
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex')
}

/** Makes the trigger's hash function available on a connection (every writer needs it). */
export function registerAuditFunctions(db: BetterSqlite3.Database) {
  db.function(
    AUDIT_HASH_FUNCTION,
    { deterministic: true, varargs: false },
    (seq: Cell, id: Cell, jurisdictionId: Cell, action: Cell, actorId: Cell, reviewId: Cell, detail: Cell, createdAt: Cell, prevHash: Cell) =>
      auditRowHash({ seq, id, jurisdictionId, action, actorId, reviewId, detail, createdAt, prevHash }),
  )
}

const SELECT_ROWS = `SELECT "seq", "id", "jurisdictionId", "action", "actorId", "reviewId", "detail", "createdAt", "prevHash", "hash" FROM "AuditEvent"`

type StoredRow = AuditChainRow & { hash: string | null }

export type ChainProblem = {
  seq: number | null
  id: string
  jurisdictionId: string
  problem: 'hash-mismatch' | 'previous-hash-mismatch' | 'missing-hash' | 'sequence-gap'
}

export type ChainReport = {
  rows: number
  jurisdictions: { jurisdictionId: string; rows: number; head: string | null }[]
  firstBroken: ChainProblem | null
}

/** Recomputes every jurisdiction's chain in order and names the first row that does not fit. */
export function verifyAuditChain(db: BetterSqlite3.Database): ChainReport {
  const unsequenced = db.prepare(`SELECT "id", "jurisdictionId" FROM "AuditEvent" WHERE "seq" IS NULL LIMIT 1`).get() as
    { id: string; jurisdictionId: string } | undefined
  return verifyAuditRows(db.prepare(`${SELECT_ROWS} WHERE "seq" IS NOT NULL ORDER BY "seq"`).iterate() as IterableIterator<StoredRow>, unsequenced)
}

/** The check itself, over rows in `seq` order as the database stores them (any engine). */
export function verifyAuditRows(
  ordered: Iterable<AuditChainRow & { hash: string | null }>,
  unsequenced: { id: string; jurisdictionId: string } | undefined,
): ChainReport {
  const heads = new Map<string, { rows: number; head: string | null }>()
  let firstBroken: ChainProblem | null = unsequenced
    ? { seq: null, id: unsequenced.id, jurisdictionId: unsequenced.jurisdictionId, problem: 'missing-hash' }
    : null
  let rows = 0
  let expectedSeq = 1
  for (const row of ordered) {
    rows++
    const seq = Number(row.seq)
    const jurisdictionId = String(row.jurisdictionId)
    const state = heads.get(jurisdictionId) ?? { rows: 0, head: null }
    const at = { seq, id: String(row.id), jurisdictionId }
    if (!firstBroken) {
      // The sequence is global and gapless, so a deleted row shows as a gap even at the end
      // of one jurisdiction's chain (as long as any later row exists).
      if (seq !== expectedSeq) firstBroken = { ...at, problem: 'sequence-gap' }
      else if (row.hash === null) firstBroken = { ...at, problem: 'missing-hash' }
      else if ((row.prevHash ?? null) !== state.head) firstBroken = { ...at, problem: 'previous-hash-mismatch' }
      else if (auditRowHash(row) !== row.hash) firstBroken = { ...at, problem: 'hash-mismatch' }
    }
    expectedSeq = seq + 1
    heads.set(jurisdictionId, { rows: state.rows + 1, head: row.hash })
  }
  return {
    rows,
    jurisdictions: [...heads.entries()].map(([jurisdictionId, s]) => ({ jurisdictionId, ...s })),
    firstBroken,
  }
}
