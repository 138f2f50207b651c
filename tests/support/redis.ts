/**
 * A real redis-server for a test file: its own temporary folder, a free port, no persistence,
 * stopped afterwards. Tests that need it skip (with a message) only outside CI when the
 * binary is missing; in CI a missing binary fails them (.ci/run installs redis-server).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net, { type AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

export function findRedisServer(): string | null {
  const candidates = [
    process.env.REDIS_SERVER_PATH,
    ...(process.env.PATH ?? '').split(':').map(dir => path.join(dir, 'redis-server')),
    '/usr/bin/redis-server',
    '/usr/sbin/redis-server',
  ]
  for (const candidate of candidates) {
    if (!candidate) continue
    try {
      fs.accessSync(candidate, fs.constants.X_OK)
      return candidate
    } catch {
      // Not there, or not executable: try the next place.
    }
  }
  return null
}

/** Null when the tests may skip; throws in CI, where they must run. */
export function redisServerOrSkip(): string | null {
  const binary = findRedisServer()
  if (binary === null) {
    if (process.env.CI) throw new Error('redis-server is required in CI (apt-get install -y redis-server)')
    console.warn('SKIPPED: redis-server not found (apt-get install -y redis-server); the multi-node tests did not run')
  }
  return binary
}

export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

export type RedisInstance = { url: string; port: number; stop(): Promise<void> }

export async function startRedis(binary: string): Promise<RedisInstance> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scir-redis-'))
  const port = await freePort()
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${output}`)
    const up = await new Promise<boolean>(resolve => {
      const socket = net.connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.write('PING\r\n')
        socket.once('data', data => {
          socket.destroy()
          resolve(data.toString().startsWith('+PONG'))
        })
      })
      socket.once('error', () => resolve(false))
    })
    if (up) break
    if (Date.now() > deadline) throw new Error(`redis-server did not start: ${output}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
