import { useEffect, useState } from 'react'
import { useWorkspace } from './context'
import { useTranslation } from 'react-i18next'
import type { WebsocketProvider } from 'y-websocket'
import type { ConnectionState } from './use-collab-session'

export type Participant = {
  clientId: number
  name: string
  color: string
  isSelf: boolean
  /** The rich-text field they are typing in, if any. */
  editing: string | null
}

function readParticipants(provider: WebsocketProvider): Participant[] {
  const self = provider.awareness.clientID
  const seen = new Set<string>()
  const out: Participant[] = []
  const states = [...provider.awareness.getStates().entries()].sort(([a], [b]) => (a === self ? -1 : b === self ? 1 : a - b))
  for (const [clientId, state] of states) {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user
    if (!user || typeof user.name !== 'string' || user.name === '') continue
    const color = typeof user.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : '#37474f'
    const editing = (state as { editing?: unknown }).editing
    // One person with two tabs is one person here (the first tab found wins).
    const key = `${user.name}\u0000${color}`
    if (seen.has(key)) {
      const existing = out.find(p => `${p.name}\u0000${p.color}` === key)
      if (existing && existing.editing === null && typeof editing === 'string') existing.editing = editing
      continue
    }
    seen.add(key)
    out.push({ clientId, name: user.name, color, isSelf: clientId === self, editing: typeof editing === 'string' ? editing : null })
  }
  return out
}

/** Everyone whose presence the room relays to us, ourselves first. */
export function useParticipants(provider: WebsocketProvider | null): Participant[] {
  const [participants, setParticipants] = useState<Participant[]>([])
  useEffect(() => {
    if (!provider) {
      setParticipants([])
      return
    }
    let frame = 0
    const update = () => {
      if (frame !== 0) return
      frame = requestAnimationFrame(() => {
        frame = 0
        setParticipants(readParticipants(provider))
      })
    }
    setParticipants(readParticipants(provider))
    provider.awareness.on('change', update)
    return () => {
      provider.awareness.off('change', update)
      if (frame !== 0) cancelAnimationFrame(frame)
    }
  }, [provider])
  return participants
}

/** Names (and the first one's colour) of the others editing one field; null when nobody else is. */
export function useOthersEditing(field: string): { names: string; color: string } | null {
  const { provider } = useWorkspace()
  const [editing, setEditing] = useState<{ names: string; color: string } | null>(null)
  useEffect(() => {
    const read = () => {
      const others = readParticipants(provider).filter(p => !p.isSelf && p.editing === field)
      const next = others.length === 0 ? null : { names: others.map(p => p.name).join(', '), color: others[0]?.color ?? '#37474f' }
      setEditing(current => (current?.names === next?.names && current?.color === next?.color ? current : next))
    }
    read()
    provider.awareness.on('change', read)
    return () => provider.awareness.off('change', read)
  }, [provider, field])
  return editing
}

/** Names of the others typing in each field. */
export function editorsByField(participants: readonly Participant[]): Map<string, string> {
  const byField = new Map<string, string[]>()
  for (const p of participants) {
    if (p.isSelf || p.editing === null) continue
    byField.set(p.editing, [...(byField.get(p.editing) ?? []), p.name])
  }
  return new Map([...byField].map(([field, names]) => [field, names.join(', ')]))
}

export function PresenceList({ participants }: { participants: readonly Participant[] }) {
  const { t } = useTranslation()
  const others = participants.filter(p => !p.isSelf).length
  return (
    <section className="presence" aria-labelledby="presence-title">
      <h2 id="presence-title" className="presence-title">
        {t('workspace.presence.title')}
      </h2>
      <ul className="presence-list">
        {participants.map(p => (
          <li key={p.clientId} className="presence-person" style={{ borderColor: p.color }}>
            <span className="presence-swatch" style={{ backgroundColor: p.color }} aria-hidden="true" />
            {p.isSelf ? t('workspace.presence.you', { name: p.name }) : p.name}
          </li>
        ))}
      </ul>
      {others === 0 ? <p className="presence-alone">{t('workspace.presence.alone')}</p> : null}
    </section>
  )
}

const messageKey: Record<ConnectionState, { write: string; read: string }> = {
  connecting: { write: 'workspace.connection.connecting', read: 'workspace.connection.connecting' },
  connected: { write: 'workspace.connection.connected', read: 'workspace.connection.connected' },
  reconnecting: { write: 'workspace.connection.reconnecting', read: 'workspace.connection.reconnectingReadOnly' },
  'not-saving': { write: 'workspace.connection.notSaving', read: 'workspace.connection.notSavingReadOnly' },
  offline: { write: 'workspace.connection.offline', read: 'workspace.connection.offlineReadOnly' },
  'signed-out': { write: 'workspace.connection.signedOut', read: 'workspace.connection.signedOut' },
  revoked: { write: 'workspace.connection.revoked', read: 'workspace.connection.revoked' },
}

/** Always in the page, so screen readers announce each change of state politely. */
export function ConnectionStatus({ state, canWrite }: { state: ConnectionState; canWrite: boolean }) {
  const { t } = useTranslation()
  const key = messageKey[state][canWrite ? 'write' : 'read']
  return (
    <p role="status" className={`connection connection-${state}`} data-state={state}>
      <span className="connection-dot" aria-hidden="true" />
      <span>{t(key)}</span>
    </p>
  )
}
