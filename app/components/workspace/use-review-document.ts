// Keeps a typed, read-only view of the shared Y.Doc for rendering. Reading a whole review
// (readReviewDoc validates every entity) costs tens of milliseconds at 2,000 events, so:
// - typing, which only changes rich-text fragments, re-reads just those fragments;
// - anything else re-reads the document at the next animation frame, and less often when reads
//   are slow and changes keep coming, so the main thread stays free for typing;
// - this user's own structured edits (a click) are read at once, so controls never flicker;
// - unchanged entities keep their object identity, so memoised rows do not re-render.
import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import { readReviewDoc, readRichText, type Finding, type ReviewDocument, type RichText, type TimelineEvent } from '~/domain/review-doc'
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
      if (!fullRead && current !== null) next = withRichText(ydoc, current, changedRoots)
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
        for (const type of transaction.changed.keys()) {
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
