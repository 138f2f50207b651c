/**
 * A throwaway PostgreSQL server in a temporary folder on a free port, for tests and for
 * generating PostgreSQL migrations (the schema engine needs a live server to diff against).
 * It runs as the Debian package's `postgres` user (PostgreSQL refuses to run as root) with
 * trust authentication on 127.0.0.1 only, and fsync off: nothing here must survive a crash.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export type TempPostgres = {
  port: number
  dataDir: string
  /** postgresql://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string
  stop(): void
}

/** The directory holding initdb/pg_ctl/pg_dump: PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const root = '/usr/lib/postgresql'
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter(v => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : []
  const found = versions.map(v => path.join(root, v, 'bin')).find(dir => fs.existsSync(path.join(dir, 'initdb')))
  if (!found) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (or set PG_BIN to the folder holding initdb)')
  return found
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0

// As root, commands run as `postgres`; otherwise as the current user (who then owns the cluster).
function run(bin: string, args: string[]): void {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
  const result = spawnSync(command, argv, { encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(`${path.basename(bin)} failed (${result.status}): ${(result.stderr || result.stdout || String(result.error)).trim()}`)
  }
}

export async function startTempPostgres(options: { port?: number } = {}): Promise<TempPostgres> {
  const bin = postgresBinDir()
  const port = options.port ?? (await freePort())
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scir-pg-'))
  if (asRoot) {
    // postgres must own the cluster folder and be able to reach it.
    execFileSync('chown', ['postgres:postgres', dataDir])
    fs.chmodSync(dataDir, 0o700)
  }
  const pgdata = path.join(dataDir, 'data')
  run(path.join(bin, 'initdb'), ['-D', pgdata, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'])
  const settings = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dataDir}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ')
  run(path.join(bin, 'pg_ctl'), ['-D', pgdata, '-o', settings, '-l', path.join(dataDir, 'server.log'), '-w', '-t', '60', 'start'])
  // If this process dies without calling stop() (killed test runner, web server killed by
  // Playwright), a detached watcher stops the server and removes its folder once we are gone.
  const stopCommand = [...(asRoot ? ['runuser', '-u', 'postgres', '--'] : []), path.join(bin, 'pg_ctl'), '-D', pgdata, '-m', 'immediate', '-w', 'stop']
  const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`
  const watcher = spawn(
    'sh',
    ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ${stopCommand.map(quote).join(' ')} >/dev/null 2>&1; rm -rf ${quote(dataDir)}`],
    {
      detached: true,
      stdio: 'ignore',
    },
  )
  watcher.unref()
  let stopped = false
  return {
    port,
    dataDir,
    url: (database = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop() {
      if (stopped) return
      stopped = true
      try {
        if (watcher.pid !== undefined) process.kill(watcher.pid)
      } catch {
        // The watcher has already gone.
      }
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', pgdata, '-m', 'immediate', '-w', 'stop'])
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true })
      }
    },
  }
}
