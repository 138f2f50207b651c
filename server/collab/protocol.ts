/**
 * The y-websocket wire protocol (as spoken by y-websocket 3.x's WebsocketProvider): every
 * binary frame starts with a varuint message type, followed by a y-protocols sync or awareness
 * payload. Decoding is strict because the bytes come from the network: anything that does not
 * parse completely is a ProtocolError, and the connection that sent it is closed.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const
export const SyncType = { step1: 0, step2: 1, update: 2 } as const

export const COLLAB_PATH_PREFIX = '/collab/'

export class ProtocolError extends Error {
  override name = 'ProtocolError'
}

/**
 * The doc name from an upgrade URL like `/collab/review:abc?x=y`, or null if it is not one the
 * host accepts (`pattern`: which names exist is the host's business, not the core's).
 */
export function docNameFromUrl(url: string | undefined, pattern: RegExp): string | null {
  if (url === undefined || !url.startsWith(COLLAB_PATH_PREFIX)) return null
  const end = url.search(/[?#]/)
  const encoded = url.slice(COLLAB_PATH_PREFIX.length, end === -1 ? undefined : end)
  let docName: string
  try {
    docName = decodeURIComponent(encoded)
  } catch {
    return null
  }
  return pattern.test(docName) ? docName : null
}

/** One client's presence entry; `state` stays as raw JSON text until someone needs it. */
export type AwarenessEntry = { clientID: number; clock: number; state: string }

/**
 * An entry as it arrived: its state is still a byte range of the message. Most awareness
 * messages a busy room receives are stock providers echoing other people's cursors back, and
 * they are dropped on the client ID alone, so their states are never turned into strings.
 */
export type IncomingAwarenessEntry = { clientID: number; clock: number; stateStart: number; stateEnd: number }

/** An awareness message, walked (and so validated) but with its states left as bytes. */
export type IncomingAwareness = { payload: Uint8Array; entries: IncomingAwarenessEntry[] }

export type IncomingMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | ({ type: 'awareness' } & IncomingAwareness)
  | { type: 'query-awareness' }

export function decodeMessage(data: Uint8Array): IncomingMessage {
  try {
    const decoder = decoding.createDecoder(data)
    const messageType = decoding.readVarUint(decoder)
    switch (messageType) {
      case MessageType.sync:
        return decodeSync(decoder)
      case MessageType.awareness:
        return { type: 'awareness', ...decodeAwarenessUpdate(decoding.readVarUint8Array(decoder)) }
      case MessageType.queryAwareness:
        return { type: 'query-awareness' }
      default:
        throw new ProtocolError(`unknown message type ${messageType}`)
    }
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError(`malformed message: ${(error as Error).message}`)
  }
}

function decodeSync(decoder: decoding.Decoder): IncomingMessage {
  const syncType = decoding.readVarUint(decoder)
  switch (syncType) {
    case SyncType.step1: {
      const stateVector = decoding.readVarUint8Array(decoder)
      // Validate now: a bad state vector must not surface later as a broken reply.
      Y.decodeStateVector(stateVector)
      return { type: 'sync-step1', stateVector }
    }
    case SyncType.step2:
      return { type: 'sync-step2', update: decoding.readVarUint8Array(decoder) }
    case SyncType.update:
      return { type: 'update', update: decoding.readVarUint8Array(decoder) }
    default:
      throw new ProtocolError(`unknown sync message type ${syncType}`)
  }
}

function decodeAwarenessUpdate(payload: Uint8Array): IncomingAwareness {
  const decoder = decoding.createDecoder(payload)
  const count = decoding.readVarUint(decoder)
  // Each entry takes at least 3 bytes; a larger count is a lie that would make us loop.
  if (count > payload.length) throw new ProtocolError('awareness entry count exceeds payload')
  const entries: IncomingAwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientID = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const length = decoding.readVarUint(decoder)
    const stateStart = decoder.pos
    if (length > payload.length - stateStart) throw new ProtocolError('awareness state runs past the message')
    decoder.pos += length
    entries.push({ clientID, clock, stateStart, stateEnd: decoder.pos })
  }
  return { payload, entries }
}

/** As strict as lib0's readVarString: a state that is not UTF-8 is refused, not patched up. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** The state of an incoming entry as text; only entries the room keeps are ever decoded. */
export function awarenessStateOf(payload: Uint8Array, entry: IncomingAwarenessEntry): string {
  try {
    return utf8.decode(payload.subarray(entry.stateStart, entry.stateEnd))
  } catch {
    throw new ProtocolError('awareness state is not UTF-8')
  }
}

/** Whether an awareness entry's state is valid JSON and, if so, whether it is a removal. */
export function parseAwarenessState(state: string): { removed: boolean } {
  let value: unknown
  try {
    value = JSON.parse(state)
  } catch {
    throw new ProtocolError('awareness state is not JSON')
  }
  return { removed: value === null }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncType.step1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncType.step2)
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector))
  return encoding.toUint8Array(encoder)
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncType.update)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeAwareness(entries: readonly AwarenessEntry[]): Uint8Array {
  const payload = encoding.createEncoder()
  encoding.writeVarUint(payload, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(payload, entry.clientID)
    encoding.writeVarUint(payload, entry.clock)
    encoding.writeVarString(payload, entry.state)
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(payload))
  return encoding.toUint8Array(encoder)
}

/**
 * `message` as one complete WebSocket frame from a server (FIN, binary, unmasked; RFC 6455
 * 5.2), header and payload in one buffer. A room frames a broadcast once and writes the same
 * bytes to every recipient's socket, where ws would build a header and two option objects per
 * recipient and queue two writes.
 */
export function websocketFrame(message: Uint8Array): Buffer {
  const { frame, headerBytes } = allocateFrame(message.byteLength)
  frame.set(message, headerBytes)
  return frame
}

/** A sync update message, framed: the update is copied once, into the frame. */
export function updateFrame(update: Uint8Array): Buffer {
  const lengthBytes = varUintBytes(update.byteLength)
  const { frame, headerBytes } = allocateFrame(2 + lengthBytes + update.byteLength)
  let at = headerBytes
  frame[at++] = MessageType.sync
  frame[at++] = SyncType.update
  for (let n = update.byteLength; ; n = Math.floor(n / 128)) {
    if (n < 128) {
      frame[at++] = n
      break
    }
    frame[at++] = (n % 128) | 0x80
  }
  frame.set(update, at)
  return frame
}

function varUintBytes(n: number): number {
  let bytes = 1
  while (n >= 128) {
    n = Math.floor(n / 128)
    bytes++
  }
  return bytes
}

function allocateFrame(length: number): { frame: Buffer; headerBytes: number } {
  const headerBytes = length < 126 ? 2 : length < 65536 ? 4 : 10
  const frame = Buffer.allocUnsafe(headerBytes + length)
  frame[0] = 0x82
  if (length < 126) {
    frame[1] = length
  } else if (length < 65536) {
    frame[1] = 126
    frame.writeUInt16BE(length, 2)
  } else {
    frame[1] = 127
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2)
    frame.writeUInt32BE(length >>> 0, 6)
  }
  return { frame, headerBytes }
}

/**
 * An awareness message without entries. The stock provider reconnects when it has heard
 * nothing for 30 s, and pings do not count, so quiet connections get one of these instead.
 */
export const KEEPALIVE_MESSAGE = encodeAwareness([])

export const REMOVED_STATE = 'null'

/** What an update declares, found by walking it without building anything. */
export type UpdateShape = { structs: number; deletes: number }

/** A clock span (a run's length) larger than this is no real edit: about a billion characters. */
const MAX_SPAN = 2 ** 30
/** Nesting of `any` values (maps of arrays of ...) beyond this is refused, not recursed into. */
const MAX_ANY_DEPTH = 32

/**
 * Walks a v1 update the way Yjs reads it, but allocates nothing per declared entry, and checks
 * every declared count against the bytes left: each entry takes at least one byte, so a count
 * larger than the remaining bytes is a lie. Yjs itself does `new Array(numberOfStructs)` on
 * the declared number, so an 11-byte message could make it allocate 33 million slots (issue
 * 10, point 3). Throws ProtocolError; returns the counts the rate limit charges for.
 */
export function inspectUpdate(update: Uint8Array): UpdateShape {
  const decoder = decoding.createDecoder(update)
  const remaining = (): number => update.length - decoder.pos
  const count = (what: string): number => {
    const n = decoding.readVarUint(decoder)
    if (n > remaining()) throw new ProtocolError(`update declares ${n} ${what} in ${remaining()} bytes`)
    return n
  }
  // Strings and byte arrays are stepped over, not decoded: Yjs decodes (and so validates) them
  // when it applies the update, and this walk runs on every update a room relays.
  const skip = (n: number): void => {
    if (n > remaining()) throw new ProtocolError(`update declares ${n} bytes in ${remaining()}`)
    decoder.pos += n
  }
  const skipVarBytes = (): void => skip(decoding.readVarUint(decoder))
  const span = (): number => {
    const n = decoding.readVarUint(decoder)
    if (n > MAX_SPAN) throw new ProtocolError(`update declares a run of ${n}`)
    return n
  }
  const skipAny = (depth: number): void => {
    if (depth > MAX_ANY_DEPTH) throw new ProtocolError('update value nested too deeply')
    const tag = decoding.readUint8(decoder)
    switch (tag) {
      case 127:
      case 126:
      case 121:
      case 120:
        return
      case 125:
        decoding.readVarInt(decoder)
        return
      case 124:
        skip(4)
        return
      case 123:
      case 122:
        skip(8)
        return
      case 119:
        skipVarBytes()
        return
      case 118: {
        const n = count('object keys')
        for (let i = 0; i < n; i++) {
          skipVarBytes()
          skipAny(depth + 1)
        }
        return
      }
      case 117: {
        const n = count('array entries')
        for (let i = 0; i < n; i++) skipAny(depth + 1)
        return
      }
      case 116:
        skipVarBytes()
        return
      default:
        throw new ProtocolError(`update has an unknown value tag ${tag}`)
    }
  }
  try {
    let structs = 0
    const clients = count('clients')
    for (let c = 0; c < clients; c++) {
      const n = count('structs')
      decoding.readVarUint(decoder) // client
      decoding.readVarUint(decoder) // first clock
      structs += n
      for (let i = 0; i < n; i++) {
        const info = decoding.readUint8(decoder)
        const kind = info & 0b11111
        if (kind === 0 || kind === 10) {
          span() // GC or Skip
          continue
        }
        if (info & 0b10000000) {
          decoding.readVarUint(decoder)
          decoding.readVarUint(decoder)
        } // origin
        if (info & 0b01000000) {
          decoding.readVarUint(decoder)
          decoding.readVarUint(decoder)
        } // right origin
        if ((info & 0b11000000) === 0) {
          if (decoding.readVarUint(decoder) === 1)
            skipVarBytes() // root type name
          else {
            decoding.readVarUint(decoder)
            decoding.readVarUint(decoder)
          } // parent id
          if (info & 0b00100000) skipVarBytes() // map key
        }
        switch (kind) {
          case 1:
            span()
            break // deleted
          case 2: {
            const k = count('JSON values')
            for (let j = 0; j < k; j++) skipVarBytes()
            break
          }
          case 3:
            skipVarBytes()
            break // binary
          case 4:
            skipVarBytes()
            break // string
          case 5:
            skipVarBytes()
            break // embed (JSON)
          case 6:
            skipVarBytes()
            skipVarBytes()
            break // format
          case 7: {
            const typeRef = decoding.readVarUint(decoder)
            if (typeRef > 6) throw new ProtocolError(`update has an unknown type ${typeRef}`)
            if (typeRef === 3 || typeRef === 5) skipVarBytes() // XML element / hook name
            break
          }
          case 8: {
            const k = count('values')
            for (let j = 0; j < k; j++) skipAny(0)
            break
          }
          case 9:
            skipVarBytes()
            skipAny(0)
            break // subdocument
          default:
            throw new ProtocolError(`update has an unknown content kind ${kind}`)
        }
      }
    }
    let deletes = 0
    const deleteClients = count('delete-set clients')
    for (let c = 0; c < deleteClients; c++) {
      decoding.readVarUint(decoder) // client
      const n = count('deletions')
      deletes += n
      for (let i = 0; i < n; i++) {
        decoding.readVarUint(decoder) // clock
        span()
      }
    }
    if (remaining() !== 0) throw new ProtocolError(`update has ${remaining()} trailing bytes`)
    return { structs, deletes }
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError(`malformed update: ${(error as Error).message}`)
  }
}
