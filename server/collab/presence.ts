/**
 * A room's awareness (presence: who is here, where their cursor is), kept as the wire entries
 * so relaying needs no re-serialisation.
 *
 * The server does not trust clients with other clients' presence: each client ID belongs to
 * the connection that first announced it, and entries for IDs owned by another connection are
 * dropped. That matters because the stock provider echoes every awareness change it receives
 * back to the server; those echoes are dropped here cheaply, and a client cannot use them to
 * impersonate or erase someone else's cursor.
 */
import { awarenessStateOf, parseAwarenessState, ProtocolError, REMOVED_STATE, type AwarenessEntry, type IncomingAwareness } from './protocol'

type PresenceEntry = AwarenessEntry & { owner: PresenceOwner; renewedAt: number }

/** The part of a connection presence cares about. */
export interface PresenceOwner {
  readonly ownedClientIDs: Set<number>
  /** Client IDs claimed over the owner's lifetime. */
  claims: number
}

export type PresenceLimits = {
  maxClientsPerOwner: number
  maxClaimsPerOwner: number
  maxStateBytes: number
  maxDeparted: number
}

export type PresenceVerdict = {
  /** Entries to relay to the room (already applied here). */
  accepted: AwarenessEntry[]
  /** The owner tried to claim more client IDs than allowed. */
  overClaimed: boolean
}

export class Presence {
  private readonly entries = new Map<number, PresenceEntry>()
  /**
   * Clocks of client IDs whose owner left, so a stale echo cannot resurrect or steal them.
   * Bounded (issue 10, point 4): pruned after the awareness timeout (no honest echo is older)
   * and capped in size, oldest first (a Map iterates in insertion order).
   */
  private readonly departed = new Map<number, { clock: number; at: number }>()

  constructor(private readonly limits: PresenceLimits) {}

  get size(): number {
    return this.entries.size
  }

  all(): AwarenessEntry[] {
    return [...this.entries.values()].map(({ clientID, clock, state }) => ({ clientID, clock, state }))
  }

  /** True when every entry belongs to another connection: the message only echoes them. */
  isEchoOnly(owner: PresenceOwner, incoming: IncomingAwareness): boolean {
    const { entries } = incoming
    if (entries.length === 0) return false
    for (const entry of entries) {
      const current = this.entries.get(entry.clientID)
      if (current === undefined || current.owner === owner) return false
    }
    return true
  }

  /** Applies what `owner` may change; throws ProtocolError for unparseable states it owns. */
  apply(owner: PresenceOwner, incoming: IncomingAwareness, now: number): PresenceVerdict {
    const accepted: AwarenessEntry[] = []
    let overClaimed = false
    for (const entry of incoming.entries) {
      const current = this.entries.get(entry.clientID)
      // Someone else's client ID (an echo): dropped before its state is even read.
      if (current !== undefined && current.owner !== owner) continue
      if (entry.stateEnd - entry.stateStart > this.limits.maxStateBytes) throw new ProtocolError('awareness state too large')
      const state = awarenessStateOf(incoming.payload, entry)
      const { removed } = parseAwarenessState(state)
      if (current !== undefined) {
        // Same rule as y-protocols: newer clock wins; an equal clock may only remove.
        if (entry.clock < current.clock || (entry.clock === current.clock && !removed)) continue
        if (removed) {
          this.remove(entry.clientID, entry.clock, now)
          owner.ownedClientIDs.delete(entry.clientID)
        } else {
          current.clock = entry.clock
          current.state = state
          current.renewedAt = now
        }
        accepted.push({ clientID: entry.clientID, clock: entry.clock, state })
        continue
      }
      if (removed) continue
      const departed = this.departed.get(entry.clientID)
      if (departed !== undefined && entry.clock <= departed.clock) continue
      if (owner.ownedClientIDs.size >= this.limits.maxClientsPerOwner || owner.claims >= this.limits.maxClaimsPerOwner) {
        overClaimed = true
        continue
      }
      owner.claims++
      this.departed.delete(entry.clientID)
      this.entries.set(entry.clientID, { clientID: entry.clientID, clock: entry.clock, state, owner, renewedAt: now })
      owner.ownedClientIDs.add(entry.clientID)
      accepted.push({ clientID: entry.clientID, clock: entry.clock, state })
    }
    return { accepted, overClaimed }
  }

  /** Removes everything `owner` announced (it disconnected); returns the removals to relay. */
  removeOwner(owner: PresenceOwner): AwarenessEntry[] {
    const removals: AwarenessEntry[] = []
    for (const clientID of owner.ownedClientIDs) {
      const entry = this.entries.get(clientID)
      if (entry === undefined) continue
      this.remove(clientID, entry.clock, Date.now())
      removals.push({ clientID, clock: entry.clock, state: REMOVED_STATE })
    }
    owner.ownedClientIDs.clear()
    return removals
  }

  /** Drops presence its owner stopped renewing (a stuck tab); returns the removals to relay. */
  expire(now: number, timeoutMs: number): AwarenessEntry[] {
    const removals: AwarenessEntry[] = []
    for (const [clientID, departed] of this.departed) {
      if (now - departed.at < timeoutMs) break
      this.departed.delete(clientID)
    }
    for (const entry of this.entries.values()) {
      if (now - entry.renewedAt < timeoutMs) continue
      this.remove(entry.clientID, entry.clock, now)
      entry.owner.ownedClientIDs.delete(entry.clientID)
      removals.push({ clientID: entry.clientID, clock: entry.clock, state: REMOVED_STATE })
    }
    return removals
  }

  /** Departed entries remembered (for tests and the bench). */
  get departedSize(): number {
    return this.departed.size
  }

  private remove(clientID: number, clock: number, now: number): void {
    this.entries.delete(clientID)
    // Re-inserted at the end, so the map stays ordered by departure time.
    this.departed.delete(clientID)
    this.departed.set(clientID, { clock, at: now })
    if (this.departed.size > this.limits.maxDeparted) {
      const oldest = this.departed.keys().next().value
      if (oldest !== undefined) this.departed.delete(oldest)
    }
  }
}
