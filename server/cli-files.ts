// Files the CLI reads and writes: it never creates a folder it was not asked for.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { CliError } from './cli-io'

/** An output file whose folder must already exist (`--out /missing/x.json` is an error). */
export function outputPath(given: string, options: { mustNotExist?: boolean } = {}): string {
  const file = path.resolve(given)
  const dir = path.dirname(file)
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(`the folder ${dir} does not exist; create it first or choose another --out`)
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) throw new CliError(`${given} is a folder; give a file name`)
  if (options.mustNotExist && fs.existsSync(file)) throw new CliError(`${given} already exists; choose another name (nothing is overwritten)`)
  return file
}

export function openDatabaseFile(file: string, options: { readonly: boolean }) {
  if (!fs.existsSync(file)) throw new CliError(`${file} does not exist`)
  try {
    return new Database(file, { readonly: options.readonly, fileMustExist: true, timeout: 5000 })
  } catch (error) {
    throw new CliError(`cannot open ${file}: ${(error as Error).message}`)
  }
}
