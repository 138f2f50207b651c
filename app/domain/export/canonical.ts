// One serialisation of a JSON value that every party computes alike, for hashes and signatures:
// object keys sorted by code unit, no whitespace, strings and numbers as JSON.stringify writes
// them (the shared format has integers only, so number formatting cannot differ). This is the
// JSON Canonicalization Scheme (RFC 8785) for the values the shared format can hold.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON has no representation for a non-finite number')
    if (value === undefined) throw new Error('canonical JSON has no representation for undefined')
    return JSON.stringify(value)
  }
  if (Array.isArray(value)) return `[${value.map(item => canonicalJson(item === undefined ? null : item)).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}
