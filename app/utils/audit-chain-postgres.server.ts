// The audit chain's verification on PostgreSQL (ADR 0041): the rows as the trigger hashed them
// (createdAt through the same scir_audit_time() the trigger uses), checked by the same code as
// on SQLite, so the database's hashing is recomputed independently of the database.
import pg from 'pg'
import { verifyAuditRows, type AuditChainRow, type ChainReport } from './audit-chain.server'

const BATCH = 5000

export async function verifyAuditChainPostgres(databaseUrl: string): Promise<ChainReport> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    // One snapshot for the whole read, so rows written meanwhile cannot look like a gap.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const unsequenced = await client.query<{ id: string; jurisdictionId: string }>(
      `SELECT "id", "jurisdictionId" FROM "AuditEvent" WHERE "seq" IS NULL LIMIT 1`,
    )
    const rows: (AuditChainRow & { hash: string | null })[] = []
    for (let after = 0; ;) {
      const page = await client.query<AuditChainRow & { hash: string | null; seq: number }>(
        `SELECT "seq", "id", "jurisdictionId", "action", "actorId", "reviewId", "detail", scir_audit_time("createdAt") AS "createdAt", "prevHash", "hash"
           FROM "AuditEvent" WHERE "seq" > $1 ORDER BY "seq" LIMIT ${BATCH}`,
        [after],
      )
      rows.push(...page.rows)
      if (page.rows.length < BATCH) break
      after = page.rows[page.rows.length - 1]!.seq
    }
    await client.query('COMMIT')
    return verifyAuditRows(rows, unsequenced.rows[0])
  } finally {
    await client.end()
  }
}
