import { createSqlitePersistence } from '/work/main/server/collab/sqlite-persistence'
import fs from 'node:fs'
const file = `/tmp/sqlbench-${process.pid}.db`
const p = createSqlitePersistence({ filename: file, logger: { info() {}, warn() {}, error() {} }, createTables: true, commitIntervalMs: 1e9 })
const u = new Uint8Array(120).fill(7)
const times: number[] = []
for (let i = 0; i < 3000; i++) {
  for (let j = 0; j < 10; j++) p.append('review:x' + (j % 50), u)
  const t = performance.now()
  await p.flush()
  times.push(performance.now() - t)
}
times.sort((a, b) => a - b)
console.log('commit of 10 rows ms: p50', times[1500]!.toFixed(3), 'p99', times[2970]!.toFixed(3), 'max', times[2999]!.toFixed(3))
await p.close()
for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
