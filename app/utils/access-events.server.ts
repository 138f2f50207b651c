import { EventEmitter } from 'node:events'
import { singleton } from './singleton.server'

// When someone loses access (signs out, is deactivated, leaves a review) the live
// collaboration sockets must close at once. The app announces it here; the socket server
// listens. Same process, so an in-memory bus suffices until the app runs on several nodes.
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

export function announceAccessChange(event: AccessEvent) {
  bus.emit('access', event)
}

export function onAccessChange(listener: (event: AccessEvent) => void) {
  bus.on('access', listener)
  return () => void bus.off('access', listener)
}
