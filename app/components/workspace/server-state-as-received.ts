// When the server's state arrives (sync step 2), Yjs applies it and then, because the provider
// and the local copy listen to doc.on('update'), encodes the whole applied update again to hand
// it to them. Encoding an item at the top of a root type looks the root's name up by scanning
// every root of the document, and a review has one root per event description: at 10,000 events
// that second encoding alone is a quadratic long task of about 300 ms (ADR 0055).
// Both listeners can do with the bytes as received: the provider ignores updates it applied
// itself, and y-indexeddb only stores them. So while a step 2 is applied, the 'update'
// listeners are set aside just for the provider's own transaction, and afterwards they get the
// received update, with the same origin and transaction as Yjs would have given them.
import * as decoding from 'lib0/decoding'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'

/** y-websocket's message type for sync messages, and y-protocols' sync step 2 (the answer to our state vector). */
const MESSAGE_SYNC = 0
const SYNC_STEP_2 = 1

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void

/** The update carried by a sync step 2 message, without consuming the provider's decoder; null for any other message. */
function stepTwoUpdate(decoder: decoding.Decoder): Uint8Array | null {
  try {
    const peek = decoding.clone(decoder)
    if (decoding.readVarUint(peek) !== SYNC_STEP_2) return null
    return decoding.readVarUint8Array(peek)
  } catch {
    // Not ours to judge: the provider reads it as before.
    return null
  }
}

function changedSomething(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true
  return false
}

/** Installs the step-2 handling on this provider; returns the function that removes it. */
export function applyServerStateAsReceived(provider: WebsocketProvider, ydoc: Y.Doc): () => void {
  const handlers = provider.messageHandlers
  const original = handlers[MESSAGE_SYNC]
  if (original === undefined) return () => undefined
  let received: Uint8Array | null = null
  let applied: Y.Transaction | null = null
  /** The listeners the applied update is owed to, and whether they are detached right now. */
  let owed: UpdateListener[] = []
  let detached = false
  const reattach = () => {
    if (!detached) return
    detached = false
    for (const listener of owed) ydoc.on('update', listener)
  }

  // Emitted right before Yjs decides whether to encode the transaction for 'update' listeners.
  const onCleanup = (transaction: Y.Transaction) => {
    if (received === null) return
    if (applied === null && transaction.origin === provider) {
      applied = transaction
      owed = [...((ydoc._observers.get('update') as Set<UpdateListener> | undefined) ?? [])]
      detached = true
      for (const listener of owed) ydoc.off('update', listener)
    } else if (transaction !== applied) {
      // A later transaction in the same pass (an observer writing) is encoded as usual.
      reattach()
    }
  }
  ydoc.on('afterTransactionCleanup', onCleanup)

  handlers[MESSAGE_SYNC] = (encoder, decoder, prov, emitSynced, messageType) => {
    received = stepTwoUpdate(decoder)
    const update = received
    try {
      original(encoder, decoder, prov, emitSynced, messageType)
    } finally {
      reattach()
      const transaction = applied
      const listeners = owed
      received = null
      applied = null
      owed = []
      if (update !== null && transaction !== null && changedSomething(transaction)) {
        for (const listener of listeners) listener(update, provider, ydoc, transaction)
      }
    }
  }
  return () => {
    handlers[MESSAGE_SYNC] = original
    ydoc.off('afterTransactionCleanup', onCleanup)
  }
}
