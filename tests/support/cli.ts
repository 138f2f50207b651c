// What the CLI tests share: the CLI in-process with a recording console, the CLI as the operator
// runs it (its own process, from the repository root), and a folder for the files it writes.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll } from 'vitest'
import type { CliIO } from '../../server/cli'

const root = path.resolve(__dirname, '../..')
const run = promisify(execFile)

/** Console and environment for `runCli`, keeping what it printed. */
export function cliIO(env: Record<string, string> = { USER: 'operator-ann' }) {
  const out: string[] = []
  const err: string[] = []
  const value: CliIO = { out: l => out.push(l), err: l => err.push(l), env, promptSecret: async () => null }
  return { io: value, out: () => out.join('\n'), err: () => err.join('\n') }
}

/** A TypeScript script of the repository in a process of its own, run by tsx from the repository root. */
export function tsxProcess(script: string, args: string[], env: NodeJS.ProcessEnv, timeout = 45_000) {
  return run(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), script, ...args], { cwd: root, env, timeout })
}

/** `scripts/cli.ts` with these arguments, as `npm run cli` starts it. */
export const cliProcess = (args: string[], env: NodeJS.ProcessEnv, timeout?: number) => tsxProcess('scripts/cli.ts', args, env, timeout)

/** A temporary folder for the test file, removed after it. */
export function tempFolder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}
