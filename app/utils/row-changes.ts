/** A stored or freshly computed row of a table, by column name. */
export type Row = Record<string, unknown>

const rowKey = (row: Row, key: readonly string[]) => JSON.stringify(key.map(k => row[k]))
const rowValue = (row: Row, fields: readonly string[]) => JSON.stringify(fields.map(f => row[f] ?? null))

/**
 * Compares the rows a table holds with the rows it should hold, both named by `key`: `stale` are
 * the stored rows that were removed or changed (to delete), `write` the rows that are new or
 * changed (to insert). Rows equal in every column of the fresh rows are left alone.
 */
export function rowChanges(stored: Row[], fresh: Row[], key: readonly string[]): { stale: Row[]; write: Row[] } {
  const fields = fresh[0] ? Object.keys(fresh[0]) : []
  const storedByKey = new Map(stored.map(row => [rowKey(row, key), row]))
  const stale: Row[] = []
  const write: Row[] = []
  for (const row of fresh) {
    const k = rowKey(row, key)
    const before = storedByKey.get(k)
    storedByKey.delete(k)
    if (before && rowValue(before, fields) === rowValue(row, fields)) continue
    if (before) stale.push(before)
    write.push(row)
  }
  stale.push(...storedByKey.values())
  return { stale, write }
}
