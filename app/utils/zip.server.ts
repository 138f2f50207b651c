// Several CSV files handed over as one download. fflate is what docx already writes its ZIPs
// with. The timestamp is fixed so the same export gives the same bytes.
import { strToU8, zipSync, type Zippable } from 'fflate'

const FIXED_TIME = new Date(1980, 0, 1, 12, 0, 0)

export function zipFiles(files: ReadonlyArray<{ name: string; content: string | Uint8Array }>): Uint8Array {
  const entries: Zippable = {}
  for (const file of files) {
    if (file.name in entries) throw new Error(`two files named ${file.name} in one ZIP`)
    entries[file.name] = [typeof file.content === 'string' ? strToU8(file.content) : file.content, { mtime: FIXED_TIME }]
  }
  return zipSync(entries, { level: 6 })
}
