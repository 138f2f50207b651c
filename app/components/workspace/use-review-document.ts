// Keeps a typed, read-only view of the shared Y.Doc for rendering. Reading a whole review
// (readReviewDoc validates every entity) costs tens of milliseconds at 2,000 events, so:
// - typing, which only changes rich-text fragments, re-reads just those fragments;
// - a change to events only (a quick add, a checkbox, a date) re-reads just those events, with
//   the reader's own schema; anything unusual (a removal, an invalid value, a reference to a
//   person who is gone) falls back to a full read, which reports it as before;
// - anything else re-reads the document at the next animation frame, and less often when reads
//   are slow and changes keep coming, so the main thread stays free for typing;
// - this user's own structured edits (a click) are read at once, so controls never flicker;
// - unchanged entities keep their object identity, so memoised rows do not re-render.
import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import {
  eventDescriptionField,
  readReviewDoc,
  readRichText,
  timelineEventSchema,
  type Finding,
  type ReviewDocument,
  type RichText,
  type TimelineEvent,
} from '~/domain/review-doc'
import { compareTimelineDates } from '~/domain/review-doc/calendar-dates'
import { emptyRichText } from '~/domain/review-doc/rich-text'
import { isLocalOrigin } from './context'

const richTextRoot = /^(event|finding):([A-Za-z0-9_-]{1,100}):(description|body)$/

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its roots loosely
function rootName(ydoc: Y.Doc, type: Y.AbstractType<any>): string | null {
  let root: Y.AbstractType<unknown> = type
  while (root._item !== null) {
    const parent = root._item.parent
    if (!(parent instanceof Y.AbstractType)) return null
    root = parent
  }
  for (const [name, shared] of ydoc.share) if (shared === root) return name
  return null
}

function eventKey(event: TimelineEvent): string {
  const { description, ...fields } = event
  return JSON.stringify([fields, description.text])
}

function findingKey(finding: Finding): string {
  const { body, ...fields } = finding
  return JSON.stringify([fields, body.text])
}

/** Reuses the previous object of every entity whose content did not change. */
function shareUnchanged<T extends { id: string }>(previous: readonly T[] | undefined, next: T[], key: (item: T) => string): T[] {
  if (!previous) return next
  const before = new Map(previous.map(item => [item.id, item]))
  let same = previous.length === next.length
  const out = next.map((item, index) => {
    // The reader keeps unchanged entities as the same objects (its validation cache): no need
    // to compare their contents, which at 10,000 events costs more than the read.
    if (item === previous[index]) return item
    const old = before.get(item.id)
    const reused = old !== undefined && (old === item || key(old) === key(item)) ? old : item
    if (reused !== previous[index]) same = false
    return reused
  })
  return same ? (previous as T[]) : out
}

function sameJson<T>(previous: T | undefined, next: T): T {
  return previous !== undefined && JSON.stringify(previous) === JSON.stringify(next) ? previous : next
}

function shareDocument(previous: ReviewDocument | null, next: ReviewDocument): ReviewDocument {
  return {
    ...next,
    people: sameJson(previous?.people, next.people),
    events: shareUnchanged(previous?.events, next.events, eventKey),
    findings: shareUnchanged(previous?.findings, next.findings, findingKey),
  }
}

function readFragment(ydoc: Y.Doc, name: string): RichText | null {
  try {
    return readRichText(ydoc.getXmlFragment(name))
  } catch {
    return null
  }
}

/** Applies changed rich text to the previous view; null when a full read is needed. */
function withRichText(ydoc: Y.Doc, previous: ReviewDocument, roots: Set<string>): ReviewDocument | null {
  let events = previous.events
  let findings = previous.findings
  for (const name of roots) {
    const match = richTextRoot.exec(name)
    if (!match) return null
    const [, kind, id] = match
    const text = readFragment(ydoc, name)
    if (text === null) return null
    if (kind === 'event') {
      const index = events.findIndex(event => event.id === id)
      const event = events[index]
      if (!event) continue // a fragment of an entity that is not (or no longer) there
      events = events === previous.events ? [...events] : events
      events[index] = { ...event, description: text }
    } else {
      const index = findings.findIndex(finding => finding.id === id)
      const finding = findings[index]
      if (!finding) continue
      findings = findings === previous.findings ? [...findings] : findings
      findings[index] = { ...finding, body: text }
    }
  }
  return { ...previous, events, findings }
}

/** The id of the event a changed type belongs to (the events map's key), or null. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its children loosely
export function changedEventIds(events: Y.Map<unknown>, type: Y.AbstractType<any>, keys: Set<string | null>, into: Set<string>): boolean {
  if (type === events) {
    for (const key of keys) if (key !== null) into.add(key)
    return true
  }
  let child: Y.AbstractType<unknown> = type
  while (child._item !== null) {
    const parent = child._item.parent
    if (parent === events) {
      const key = child._item.parentSub
      if (key === null) return false
      into.add(key)
      return true
    }
    if (!(parent instanceof Y.AbstractType)) return false
    child = parent
  }
  return false
}

/** As the reader reads an event; null when only a full read can say (gone, invalid, odd). */
function readOneEvent(ydoc: Y.Doc, events: Y.Map<unknown>, id: string, personIds: ReadonlySet<string>): TimelineEvent | null {
  const entity = events.get(id)
  if (!(entity instanceof Y.Map)) return null
  const raw = entity.toJSON() as Record<string, unknown>
  for (const [key, value] of Object.entries(raw)) {
    // Lists are sets, and empty optional live text is absent (reader.ts: normaliseLists, liveText).
    if (Array.isArray(value) && new Set(value).size !== value.length) return null
    if (key === 'source' && value === '') delete raw[key]
  }
  const name = eventDescriptionField(id)
  const description = ydoc.share.has(name) ? readFragment(ydoc, name) : emptyRichText()
  if (description === null) return null
  const parsed = timelineEventSchema.safeParse({ ...raw, id, description })
  if (!parsed.success || parsed.data.actorIds.some(actor => !personIds.has(actor))) return null
  return parsed.data
}

function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return compareTimelineDates(a.date, b.date) || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Applies changed events to the previous view; null when a full read is needed. */
export function withEvents(ydoc: Y.Doc, previous: ReviewDocument, ids: Set<string>): ReviewDocument | null {
  if (ids.size === 0) return previous
  const map = ydoc.getMap<unknown>('events')
  const personIds = new Set(previous.people.map(person => person.id))
  const changed = new Map<string, TimelineEvent>()
  for (const id of ids) {
    const event = readOneEvent(ydoc, map, id, personIds)
    if (event === null) return null
    changed.set(id, event)
  }
  let moved = false
  const events = previous.events.map(event => {
    const next = changed.get(event.id)
    if (next === undefined) return event
    changed.delete(event.id)
    if (next.date !== event.date || next.order !== event.order) moved = true
    return next
  })
  if (moved) {
    for (const event of changed.values()) events.push(event)
    events.sort(compareEvents)
  } else {
    // New events (a quick add) go in at their place: no sort of thousands for one row.
    for (const event of changed.values()) {
      let lo = 0
      let hi = events.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (compareEvents(events[mid] as TimelineEvent, event) <= 0) lo = mid + 1
        else hi = mid
      }
      events.splice(lo, 0, event)
    }
  }
  return { ...previous, events }
}

export function useReviewDocument(ydoc: Y.Doc | null): ReviewDocument | null {
  const [document, setDocument] = useState<ReviewDocument | null>(null)

  useEffect(() => {
    if (!ydoc) {
      setDocument(null)
      return
    }
    let current: ReviewDocument | null = null
    let fullRead = true
    const changedRoots = new Set<string>()
    const changedEvents = new Set<string>()
    const eventsMap = ydoc.getMap<unknown>('events')
    let frame = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    /** A full read that took 60 ms is not repeated within the next 120 ms: bursts stay smooth. */
    let nextFullReadAt = 0

    const cancel = () => {
      if (frame !== 0) cancelAnimationFrame(frame)
      if (timer !== undefined) clearTimeout(timer)
      frame = 0
      timer = undefined
    }

    const render = () => {
      cancel()
      let next: ReviewDocument | null = null
      if (!fullRead && current !== null) {
        const withChangedEvents = withEvents(ydoc, current, changedEvents)
        next = withChangedEvents && withRichText(ydoc, withChangedEvents, changedRoots)
      }
      if (next === null) {
        const started = performance.now()
        next = shareDocument(current, readReviewDoc(ydoc).doc)
        const took = performance.now() - started
        nextFullReadAt = performance.now() + took * 2
        // Visible in the browser's performance tools (User Timing) when tuning large reviews.
        performance.measure('workspace: read review document', { start: started, duration: took })
      }
      fullRead = false
      changedRoots.clear()
      changedEvents.clear()
      current = next
      setDocument(next)
    }

    const schedule = () => {
      if (frame !== 0 || timer !== undefined) return
      const wait = fullRead ? nextFullReadAt - performance.now() : 0
      if (wait < 16) frame = requestAnimationFrame(render)
      else {
        timer = setTimeout(() => {
          timer = undefined
          frame = requestAnimationFrame(render)
        }, wait)
      }
    }

    const onTransaction = (transaction: Y.Transaction) => {
      if (transaction.changed.size === 0) return
      if (!fullRead) {
        for (const [type, keys] of transaction.changed) {
          if (changedEventIds(eventsMap, type, keys, changedEvents)) continue
          const name = rootName(ydoc, type)
          if (name === null || !richTextRoot.test(name)) {
            fullRead = true
            break
          }
          changedRoots.add(name)
        }
      }
      // This user's own click on a checkbox or select: show the result in the same event, so
      // the control never flickers back. Typing and remote changes wait for the next frame.
      if (isLocalOrigin(transaction.origin)) render()
      else schedule()
    }

    render()
    ydoc.on('afterTransaction', onTransaction)
    return () => {
      ydoc.off('afterTransaction', onTransaction)
      cancel()
    }
  }, [ydoc])

  return document
}
