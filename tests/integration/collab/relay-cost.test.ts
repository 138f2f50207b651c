// Issue 18: the relay path does only what the reference server does per message, without
// giving up the checks of issue 10. Echoed presence is dropped on its client ID alone (its
// state is never decoded); the update walk steps over strings instead of decoding them, and
// whatever it skips is still validated, by Yjs, before anything is kept or relayed.
import * as encoding from 'lib0/encoding'
import * as ws from 'ws'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  awarenessStateOf,
  decodeMessage,
  encodeAwareness,
  encodeUpdate,
  inspectUpdate,
  ProtocolError,
  updateFrame,
  websocketFrame,
} from '../../../server/collab/protocol'
import { collabTestServer } from './hooks'
import { openRaw, sleep, synced, updateMessage, waitFor } from './helpers'

const { client, start } = collabTestServer()

/** An awareness message with one entry whose state is the given raw bytes. */
function awarenessWithStateBytes(clientID: number, clock: number, state: Uint8Array): Uint8Array {
  const payload = encoding.createEncoder()
  encoding.writeVarUint(payload, 1)
  encoding.writeVarUint(payload, clientID)
  encoding.writeVarUint(payload, clock)
  encoding.writeVarUint8Array(payload, state)
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(payload))
  return encoding.toUint8Array(encoder)
}

const NOT_UTF8 = Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) // {"a":"\xff\xfe"}

/** ws's frame parser (exported at runtime, not in @types/ws). */
type FrameReceiver = { on(event: string, listener: (arg: never) => void): void; write(chunk: Buffer): void }
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean }) => FrameReceiver }

/** What a client's ws makes of the bytes: the messages it would hand to the provider. */
function receive(frame: Buffer): Buffer[] {
  const messages: Buffer[] = []
  const receiver = new Receiver({ isServer: false })
  receiver.on('message', (data: Buffer) => messages.push(Buffer.from(data)))
  receiver.on('error', (error: Error) => {
    throw error
  })
  receiver.write(frame)
  return messages
}

describe('relay cost (issue 18)', () => {
  it('frames a broadcast once, as ws would, at every length boundary', () => {
    for (const n of [0, 1, 121, 122, 123, 125, 126, 127, 65_531, 65_535, 65_536, 70_000, 300_000]) {
      const update = Uint8Array.from({ length: n }, (_, i) => (i * 7) & 255)
      const message = Buffer.from(encodeUpdate(update))
      expect(receive(updateFrame(update)), `update of ${n}`).toEqual([message])
      expect(receive(websocketFrame(message)), `message of ${n + 3}`).toEqual([message])
    }
  })

  it('walks an awareness message without decoding its states, and decodes a state on demand', () => {
    const message = encodeAwareness([
      { clientID: 7, clock: 3, state: '{"cursor":1}' },
      { clientID: 9, clock: 1, state: 'null' },
    ])
    const decoded = decodeMessage(message)
    if (decoded.type !== 'awareness') throw new Error(`decoded as ${decoded.type}`)
    expect(decoded.entries.map(e => [e.clientID, e.clock])).toEqual([
      [7, 3],
      [9, 1],
    ])
    expect(decoded.entries.map(e => awarenessStateOf(decoded.payload, e))).toEqual(['{"cursor":1}', 'null'])
  })

  it('refuses an awareness state that runs past the message', () => {
    const message = awarenessWithStateBytes(7, 1, new TextEncoder().encode('{"a":1}'))
    // Cut the last byte off the state, keeping the declared lengths.
    const truncated = message.slice(0, message.length - 1)
    truncated[1] = truncated[1]! - 1
    expect(() => decodeMessage(truncated)).toThrow(ProtocolError)
  })

  it('refuses an update whose string runs past the update, without decoding it', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'hello world')
    const update = Y.encodeStateAsUpdate(doc)
    expect(inspectUpdate(update)).toEqual({ structs: 1, deletes: 0 })
    // Drop the delete set and the last string byte: the string's declared length now lies.
    expect(() => inspectUpdate(update.subarray(0, update.length - 2))).toThrow(ProtocolError)
  })

  it('closes a connection whose edit carries a string that is not UTF-8, and keeps nothing of it', async () => {
    const server = await start()
    const a = client('review:bad-utf8', 'alice-token')
    const b = client('review:bad-utf8', 'bob-token')
    await Promise.all([synced(a), synced(b)])
    const doc = new Y.Doc()
    doc.clientID = 4242
    doc.getText('body').insert(0, 'xyz')
    const update = Y.encodeStateAsUpdate(doc)
    // 'xyz' is stored as its length (3) then the bytes; make them invalid UTF-8.
    const at = Buffer.from(update).indexOf(Buffer.from('xyz'))
    expect(at).toBeGreaterThan(0)
    update.set([0xff, 0xfe, 0xfd], at)
    expect(() => inspectUpdate(update)).not.toThrow() // the walk steps over it ...
    const raw = await openRaw(server.url, 'review:bad-utf8', 'carol-token')
    raw.ws.send(updateMessage(update))
    expect((await raw.closed).code).toBe(1003) // ... and Yjs refuses it before anything is kept
    a.text.insert(0, 'still here')
    await waitFor(() => b.text.toString() === 'still here', 5000, 'witnesses sync')
    await server.collab.updateDoc('review:bad-utf8', d => {
      expect(Y.getState(d.store, 4242)).toBe(0)
    })
  })

  it("drops an echo of someone else's presence without reading its state; its own state must be UTF-8", async () => {
    const server = await start()
    const a = client('review:echo', 'alice-token')
    await synced(a)
    a.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    const aliceID = a.doc.clientID
    await waitFor(() => server.collab.stats().presenceEntries >= 1, 5000, 'alice present')
    const raw = await openRaw(server.url, 'review:echo', 'carol-token')
    // An "echo" of Alice's cursor with a broken state: not Carol's to change, so never decoded.
    raw.ws.send(awarenessWithStateBytes(aliceID, 1, NOT_UTF8))
    await sleep(300)
    expect(raw.ws.readyState).toBe(raw.ws.OPEN)
    // The same bytes for a client ID Carol announces herself are refused.
    raw.ws.send(awarenessWithStateBytes(777_777, 1, NOT_UTF8))
    expect((await raw.closed).code).toBe(1003)
    expect(a.provider.wsconnected).toBe(true)
  })
})
