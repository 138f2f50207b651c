import * as encoding from 'lib0/encoding'
import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { applyServerStateAsReceived } from '../../../app/components/workspace/server-state-as-received'

/** A server document with one rich-text root per event, like a review. */
function serverDoc(events: number): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (let i = 0; i < events; i++) {
      doc.getMap('events').set(`e${i}`, new Y.Map())
      doc.getXmlFragment(`event:e${i}:description`).insert(0, [new Y.XmlText(`Event ${i}`)])
    }
  })
  return doc
}

/** What the provider receives: a sync message, step 2, carrying `update`. */
function stepTwo(update: Uint8Array): decoding.Decoder {
  const wire = encoding.createEncoder()
  encoding.writeVarUint(wire, 0)
  encoding.writeVarUint(wire, syncProtocol.messageYjsSyncStep2)
  encoding.writeVarUint8Array(wire, update)
  const decoder = decoding.createDecoder(encoding.toUint8Array(wire))
  decoding.readVarUint(decoder) // the provider reads the message type before calling the handler
  return decoder
}

/** Never connects: messages are handed to it directly. */
const offlineProvider = (ydoc: Y.Doc) =>
  new WebsocketProvider('ws://localhost:1', 'room', ydoc, { connect: false, disableBc: true, WebSocketPolyfill: class {} as unknown as typeof WebSocket })

function receive(provider: WebsocketProvider, decoder: decoding.Decoder) {
  const handler = provider.messageHandlers[0]
  if (!handler) throw new Error('no sync handler')
  handler(encoding.createEncoder(), decoder, provider, true, 0)
}

/** A document and its provider with the step-2 handling installed; `end` removes both. */
function session() {
  const ydoc = new Y.Doc()
  const provider = offlineProvider(ydoc)
  const stop = applyServerStateAsReceived(provider, ydoc)
  const end = () => {
    stop()
    provider.destroy()
  }
  return { ydoc, provider, end }
}

describe('the server state applied as received', () => {
  it('hands the received bytes to the update listeners instead of encoding them again', () => {
    const { ydoc, provider, end } = session()
    const seen: { update: Uint8Array; origin: unknown }[] = []
    ydoc.on('update', (update: Uint8Array, origin: unknown) => seen.push({ update, origin }))
    const update = Y.encodeStateAsUpdate(serverDoc(20))
    const message = stepTwo(update)
    receive(provider, message)
    expect(provider.synced).toBe(true)
    expect(ydoc.getXmlFragment('event:e19:description').toString()).toContain('Event 19')
    expect(seen).toHaveLength(1)
    // The very bytes received (a view of the message): Yjs did not encode the applied
    // transaction again for the listeners.
    expect(seen[0]?.update.buffer).toBe(message.arr.buffer)
    expect(seen[0]?.update).toEqual(update)
    expect(seen[0]?.origin).toBe(provider)
    end()
  })

  it('leaves the listeners attached, encodes local changes as before, and hands nothing for a step 2 with nothing new', () => {
    const { ydoc, provider, end } = session()
    const update = Y.encodeStateAsUpdate(serverDoc(3))
    receive(provider, stepTwo(update))
    const seen: unknown[] = []
    ydoc.on('update', (_update: Uint8Array, origin: unknown) => seen.push(origin))
    receive(provider, stepTwo(update))
    expect(seen).toEqual([])
    ydoc.getMap('events').set('mine', new Y.Map())
    expect(seen).toEqual([null])
    end()
  })

  it('stores the server state in a second document fed by the update listener, as the local copy would', () => {
    const { ydoc, provider, end } = session()
    const copy = new Y.Doc()
    ydoc.on('update', (update: Uint8Array) => Y.applyUpdate(copy, update))
    receive(provider, stepTwo(Y.encodeStateAsUpdate(serverDoc(5))))
    expect(copy.getXmlFragment('event:e4:description').toString()).toContain('Event 4')
    end()
  })
})
