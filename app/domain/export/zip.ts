// A minimal ZIP writer (stored entries, no compression) for handing several CSV files over as
// one download. Store-only keeps it small and dependency-free; CSV exports of one review are
// small enough that compression does not matter. Timestamps are fixed (1980-01-01) so the
// same export gives the same bytes.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1
const UTF8_NAMES = 1 << 11

export function zipFiles(files: ReadonlyArray<{ name: string; content: string | Uint8Array }>): Uint8Array {
  const encoder = new TextEncoder()
  const entries = files.map(file => {
    const data = typeof file.content === 'string' ? encoder.encode(file.content) : file.content
    return { name: encoder.encode(file.name), data, crc: crc32(data) }
  })
  if (entries.length > 0xffff) throw new Error('too many files for a ZIP without ZIP64')
  const localSize = entries.reduce((sum, e) => sum + 30 + e.name.length + e.data.length, 0)
  const centralSize = entries.reduce((sum, e) => sum + 46 + e.name.length, 0)
  if (localSize + centralSize > 0xffffffff) throw new Error('too large for a ZIP without ZIP64')
  const out = new Uint8Array(localSize + centralSize + 22)
  const view = new DataView(out.buffer)
  let at = 0
  const offsets: number[] = []
  for (const e of entries) {
    offsets.push(at)
    view.setUint32(at, 0x04034b50, true)
    view.setUint16(at + 4, 20, true) // version needed: 2.0
    view.setUint16(at + 6, UTF8_NAMES, true)
    view.setUint16(at + 8, 0, true) // stored
    view.setUint16(at + 10, 0, true) // time 00:00
    view.setUint16(at + 12, DOS_DATE_1980_01_01, true)
    view.setUint32(at + 14, e.crc, true)
    view.setUint32(at + 18, e.data.length, true)
    view.setUint32(at + 22, e.data.length, true)
    view.setUint16(at + 26, e.name.length, true)
    view.setUint16(at + 28, 0, true)
    out.set(e.name, at + 30)
    out.set(e.data, at + 30 + e.name.length)
    at += 30 + e.name.length + e.data.length
  }
  const centralStart = at
  entries.forEach((e, i) => {
    view.setUint32(at, 0x02014b50, true)
    view.setUint16(at + 4, 20, true) // made by
    view.setUint16(at + 6, 20, true) // needed
    view.setUint16(at + 8, UTF8_NAMES, true)
    view.setUint16(at + 10, 0, true)
    view.setUint16(at + 12, 0, true)
    view.setUint16(at + 14, DOS_DATE_1980_01_01, true)
    view.setUint32(at + 16, e.crc, true)
    view.setUint32(at + 20, e.data.length, true)
    view.setUint32(at + 24, e.data.length, true)
    view.setUint16(at + 28, e.name.length, true)
    // extra, comment, disk, internal attributes, external attributes: all zero
    view.setUint32(at + 42, offsets[i]!, true)
    out.set(e.name, at + 46)
    at += 46 + e.name.length
  })
  view.setUint32(at, 0x06054b50, true)
  view.setUint16(at + 8, entries.length, true)
  view.setUint16(at + 10, entries.length, true)
  view.setUint32(at + 12, at - centralStart, true)
  view.setUint32(at + 16, centralStart, true)
  return out
}
