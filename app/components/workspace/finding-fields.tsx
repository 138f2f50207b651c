// Form parts shared by findings, the analysis and recommendations: a text area bound to the
// shared document, a picker that links entities by id, and a removal that asks first.
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FactorFramework } from '~/domain/factors'
import type { TimelineEvent } from '~/domain/review-doc'
import { formatTimelineDate } from './format'

export { CommitTextarea } from './commit-input'

export type LinkOption = { id: string; label: string }
export type LinkGroup = { id: string; label: string; options: readonly LinkOption[] }

type PickerProps = {
  /** Names the whole picker (legend). */
  legend: string
  /** The disclosure that opens the choices. */
  chooseLabel: string
  groups: readonly LinkGroup[]
  selected: readonly string[]
  onToggle: (id: string, linked: boolean) => void
  canEdit: boolean
  /** Shown when nothing is linked. */
  emptyText?: string
  /** Shown instead of the choices when there is nothing to choose from. */
  noOptionsText?: string
  /** Label for a linked id that is not among the options (removed elsewhere, no longer released...). */
  unknownLabel?: (id: string) => string
}

// Every finding card shows pickers over the same groups (thousands of events): one lookup per
// groups object, shared by all of them, instead of one per picker.
const labelCache = new WeakMap<readonly LinkGroup[], ReadonlyMap<string, string>>()
function labelsOf(groups: readonly LinkGroup[]): ReadonlyMap<string, string> {
  let labels = labelCache.get(groups)
  if (!labels) {
    labels = new Map(groups.flatMap(group => group.options.map(option => [option.id, option.label] as const)))
    labelCache.set(groups, labels)
  }
  return labels
}

// Beyond this many choices a filter box appears, and at most MAX_SHOWN are drawn at once: a
// review can hold thousands of events and every finding has its own picker.
const FILTER_FROM = 10
const MAX_SHOWN = 100

/**
 * Linked items as a plain list everyone can read, and (for editors) a disclosure with one
 * checkbox per choice. The choices are only drawn while the disclosure is open.
 */
export function LinkPicker({ legend, chooseLabel, groups, selected, onToggle, canEdit, emptyText, noOptionsText, unknownLabel }: PickerProps) {
  const { t } = useTranslation()
  const base = useId()
  const [open, setOpen] = useState(false)
  const [filter, setFilter] = useState('')
  const labels = labelsOf(groups)
  const total = labels.size
  const chosen = useMemo(() => new Set(selected), [selected])

  const needle = filter.trim().toLocaleLowerCase()
  let shown = 0
  // Closed, nothing is drawn, so nothing is filtered either.
  const visibleGroups = (open ? groups : [])
    .map(group => {
      const options = group.options.filter(option => {
        if (shown >= MAX_SHOWN) return false
        const match = needle === '' || option.label.toLocaleLowerCase().includes(needle)
        if (match) shown++
        return match
      })
      return { ...group, options }
    })
    .filter(group => group.options.length > 0)

  return (
    <fieldset className="link-picker">
      <legend>{legend}</legend>
      {selected.length === 0 ? (
        <p className="link-none">{emptyText ?? t('analysis.common.noneLinked')}</p>
      ) : (
        <ul className="linked-list">
          {selected.map(id => (
            <li key={id}>{labels.get(id) ?? unknownLabel?.(id) ?? id}</li>
          ))}
        </ul>
      )}
      {canEdit ? (
        total === 0 ? (
          noOptionsText ? (
            <p className="link-none">{noOptionsText}</p>
          ) : null
        ) : (
          <details className="link-choices" open={open} onToggle={event => setOpen(event.currentTarget.open)}>
            <summary>
              {chooseLabel} <span className="link-count">({t('analysis.common.linkedCount', { count: selected.length })})</span>
            </summary>
            {open ? (
              <div className="link-choices-body">
                {total > FILTER_FROM ? (
                  <div className="field link-filter">
                    <label htmlFor={`${base}-filter`}>{t('analysis.common.filter')}</label>
                    <input id={`${base}-filter`} type="search" value={filter} onChange={event => setFilter(event.target.value)} />
                  </div>
                ) : null}
                {visibleGroups.length === 0 ? <p className="link-none">{t('analysis.common.noMatch')}</p> : null}
                {visibleGroups.map(group => {
                  const list = (
                    <ul className="choice-list">
                      {group.options.map(option => {
                        const id = `${base}-${group.id}-${option.id}`
                        return (
                          <li key={option.id}>
                            <input id={id} type="checkbox" checked={chosen.has(option.id)} onChange={event => onToggle(option.id, event.target.checked)} />
                            <label htmlFor={id}>{option.label}</label>
                          </li>
                        )
                      })}
                    </ul>
                  )
                  return groups.length > 1 ? (
                    <fieldset key={group.id} className="choice-group">
                      <legend>{group.label}</legend>
                      {list}
                    </fieldset>
                  ) : (
                    <div key={group.id}>{list}</div>
                  )
                })}
                {shown >= MAX_SHOWN && total > MAX_SHOWN ? <p className="hint">{t('analysis.common.showingSome', { shown, total })}</p> : null}
              </div>
            ) : null}
          </details>
        )
      ) : null}
    </fieldset>
  )
}

type RemoveProps = {
  /** Visible text of the button, e.g. "Remove". */
  label: string
  /** Full name of the action for assistive technology, e.g. "Remove finding 2". */
  accessibleLabel: string
  /** The question asked before removing. */
  question: string
  onConfirm: () => void
  disabled: boolean
}

/**
 * Removal is not undoable (others may have written into what is removed), so it asks first,
 * inline rather than in a browser dialog, with focus moved to the answer and back.
 */
export function ConfirmRemove({ label, accessibleLabel, question, onConfirm, disabled }: RemoveProps) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  const questionId = useId()
  const confirmRef = useRef<HTMLButtonElement>(null)
  const triggerRef = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)

  useEffect(() => {
    if (asking) confirmRef.current?.focus()
    else if (returnFocus.current) {
      returnFocus.current = false
      triggerRef.current?.focus()
    }
  }, [asking])

  if (!asking || disabled) {
    return (
      <button ref={triggerRef} type="button" className="button-danger" aria-label={accessibleLabel} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    )
  }
  return (
    <div className="confirm-remove" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{question}</p>
      <button ref={confirmRef} type="button" className="button-danger" onClick={onConfirm}>
        {t('analysis.common.confirmRemove')}
      </button>
      <button
        type="button"
        className="button-secondary"
        onClick={() => {
          returnFocus.current = true
          setAsking(false)
        }}
        onKeyDown={event => {
          if (event.key === 'Escape') {
            returnFocus.current = true
            setAsking(false)
          }
        }}
      >
        {t('analysis.common.cancel')}
      </button>
    </div>
  )
}

/** One line of an event for a picker: its date and the start of its description. */
export function eventLabel(event: TimelineEvent, language: string, emptyText: string): string {
  const date = formatTimelineDate(event.date, language)
  const text = event.description.text.replace(/\s+/g, ' ').trim()
  const excerpt = text.length > 90 ? `${text.slice(0, 89).trimEnd()}…` : text
  return `${date}: ${excerpt || emptyText}`
}

// One option per event object: the read model keeps unchanged events as the same objects, so a
// keystroke in one event's text labels that event again, not all ten thousand (formatting their
// dates took 20-35 ms a keystroke at 10,000 events).
const eventOptions = new WeakMap<TimelineEvent, { language: string; emptyText: string; option: LinkOption }>()

function eventOption(event: TimelineEvent, language: string, emptyText: string): LinkOption {
  const cached = eventOptions.get(event)
  if (cached && cached.language === language && cached.emptyText === emptyText) return cached.option
  const option = { id: event.id, label: eventLabel(event, language, emptyText) }
  eventOptions.set(event, { language, emptyText, option })
  return option
}

export function eventGroups(events: readonly TimelineEvent[], language: string, emptyText: string, groupLabel: string): LinkGroup[] {
  return [{ id: 'events', label: groupLabel, options: events.map(event => eventOption(event, language, emptyText)) }]
}

/** The jurisdiction's framework as picker groups: one per domain, in the framework's order. */
export function factorGroups(framework: FactorFramework, locale: 'en' | 'fr'): LinkGroup[] {
  return framework.domains.map(domain => ({
    id: domain.id,
    label: domain.label[locale],
    options: domain.items.map(item => ({ id: item.id, label: item.label[locale] })),
  }))
}

/** 'fr' for any French variant of the interface language, otherwise 'en'. */
export function localeOf(language: string): 'en' | 'fr' {
  return language.toLowerCase().startsWith('fr') ? 'fr' : 'en'
}

/** Plain data (arrays, objects, primitives) with the same content; shared parts are not walked. */
function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false
    return true
  }
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = Object.keys(left)
  if (keys.length !== Object.keys(right).length) return false
  return keys.every(key => Object.hasOwn(right, key) && samePlain(left[key], right[key]))
}

/**
 * Keeps the previous value while its content is the same, so memoised rows skip re-rendering.
 * Compared in place rather than as JSON: serialising ten thousand event options took 10 ms a
 * keystroke, and options kept from the last time (eventGroups) compare by identity.
 */
export function useStable<T>(value: T): T {
  const ref = useRef<{ input: T; value: T } | null>(null)
  const last = ref.current
  if (last !== null && last.input === value) return last.value
  ref.current = { input: value, value: last !== null && samePlain(last.value, value) ? last.value : value }
  return ref.current.value
}

/** A short single-line excerpt of a longer text. */
export function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line
}
