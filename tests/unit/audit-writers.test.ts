// One writer of audit rows (issue 12): app/models/audit.server.ts's audit(tx, entry). Anything
// else that inserts into AuditEvent would bypass the typed actions.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../..')
const OWNER = path.join('app', 'models', 'audit.server.ts')

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap(name => {
    const rel = path.join(dir, name)
    if (name === 'generated' || name === 'node_modules') return []
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel)
    return /\.(ts|tsx)$/.test(name) ? [rel] : []
  })
}

describe('audit writers', () => {
  it('only the audit model inserts audit rows', () => {
    const offenders = [...sources('app'), ...sources('server'), ...sources('scripts')]
      .filter(file => file !== OWNER)
      .filter(file => /auditEvent\s*\.\s*(create|createMany|upsert)\b|INSERT\s+INTO\s+"?AuditEvent/i.test(readFileSync(path.join(root, file), 'utf8')))
    expect(offenders).toEqual([])
  })
})
