import { EventEmitter } from 'node:events'
import { singleton } from './singleton.server'

// When someone loses access (signs out, is deactivated, leaves a review) the live
// collaboration sockets must close at once. The app announces it here; the socket server
// listens. In process by default; with several nodes (REDIS_URL, ADR 0044) the server installs
// a relay that carries each event to the other nodes, which hand it to receiveAccessChange.
export type AccessEvent =
  | { type: 'session-ended'; sessionId: string; userId: string }
  | { type: 'user-deactivated'; userId: string }
  | { type: 'membership-changed'; reviewId: string; userId: string }
  | { type: 'account-closed'; accountId: string }

const bus = singleton('access-events', () => {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(50)
  return emitter
})

const relay = singleton('access-events-relay', () => ({ current: null as ((event: AccessEvent) => void) | null }))

export function announceAccessChange(event: AccessEvent) {
  bus.emit('access', event)
  relay.current?.(event)
}

/** An event announced on another node: this node's listeners only, never relayed again. */
export function receiveAccessChange(event: AccessEvent) {
  bus.emit('access', event)
}

export function setAccessEventRelay(send: ((event: AccessEvent) => void) | null) {
  relay.current = send
}

export function onAccessChange(listener: (event: AccessEvent) => void) {
  bus.on('access', listener)
  return () => void bus.off('access', listener)
}
