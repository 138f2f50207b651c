// A staff contributor's account of a case (docs/domain.md, "Staff contributor"): what they knew,
// what they were juggling and why their decisions made sense at the time. Pure: the structure
// of the author's private document, the states an account moves through, when the author may
// release or withdraw it, and what a release looks like. Nothing here rates a person.
//
// The draft is one Y.Doc per account ("account:<id>"), edited only by its author. Each prompt
// is a rich-text XmlFragment of that doc. Others never read the doc: they read a release, a
// frozen copy made on the server when the author releases.
import * as Y from 'yjs'
import { readRichText } from './review-doc/rich-text'
import type { RichText } from './review-doc/schema'
import { reviewPhases, type PersonRole, type ReviewPhase } from './vocabulary'

/** The guided prompts, in the order the author sees them. */
export const accountPrompts = ['knewThen', 'juggling', 'supports', 'obstacles', 'wouldHaveHelped', 'anythingElse'] as const
export type AccountPrompt = (typeof accountPrompts)[number]

export const accountStates = ['invited', 'drafting', 'released_to_facilitator', 'released_to_panel', 'withdrawn'] as const
export type AccountState = (typeof accountStates)[number]

export const releaseAudiences = ['facilitator', 'panel'] as const
export type ReleaseAudience = (typeof releaseAudiences)[number]

/** How the person figures in the case; it only chooses the pseudonym's base ("Caseworker 2"). */
export const accountCaseRoles = ['worker', 'supervisor', 'professional'] as const satisfies readonly PersonRole[]
export type AccountCaseRole = (typeof accountCaseRoles)[number]

export const quoteStatuses = ['pending', 'approved', 'declined', 'revoked'] as const
export type QuoteStatus = (typeof quoteStatuses)[number]

export const ACCOUNT_DOC_PREFIX = 'account:'

export function accountDocName(accountId: string): string {
  return `${ACCOUNT_DOC_PREFIX}${accountId}`
}

export function accountIdOfDoc(docName: string): string | null {
  return docName.startsWith(ACCOUNT_DOC_PREFIX) ? docName.slice(ACCOUNT_DOC_PREFIX.length) || null : null
}

/** The XmlFragment of the author's doc that holds one prompt's answer. */
export function promptField(prompt: AccountPrompt): string {
  return `prompt:${prompt}`
}

export function isAccountState(value: unknown): value is AccountState {
  return typeof value === 'string' && (accountStates as readonly string[]).includes(value)
}

export function isReleased(state: AccountState): boolean {
  return state === 'released_to_facilitator' || state === 'released_to_panel'
}

const phaseAt = (phase: ReviewPhase) => reviewPhases.indexOf(phase)

/**
 * Releasing stays possible until findings go for approval: approved findings must not rest on
 * an account that changed after they were approved.
 */
export function releaseOpenIn(phase: ReviewPhase): boolean {
  return phaseAt(phase) < phaseAt('approval')
}

/**
 * Until analysis starts, the author withdraws a release by themselves. From analysis on the
 * panel has built on it, so a withdrawal becomes a request to the facilitator.
 */
export function withdrawalIsAuthorsAlone(phase: ReviewPhase): boolean {
  return phaseAt(phase) < phaseAt('analysis')
}

/** A consent to quote can be revoked until findings go for approval. */
export function quoteRevocableIn(phase: ReviewPhase): boolean {
  return phaseAt(phase) < phaseAt('approval')
}

/** States from which the author may release the current draft to the facilitator. */
export function canRelease(state: AccountState, audience: ReleaseAudience, phase: ReviewPhase): boolean {
  if (!releaseOpenIn(phase)) return false
  if (audience === 'facilitator') return state !== 'withdrawn'
  // The panel gets what the facilitator already has: first the facilitator, then the panel.
  return isReleased(state)
}

export function canWithdraw(state: AccountState, phase: ReviewPhase): boolean {
  return isReleased(state) && withdrawalIsAuthorsAlone(phase)
}

export function canRequestWithdrawal(state: AccountState, phase: ReviewPhase): boolean {
  return isReleased(state) && !withdrawalIsAuthorsAlone(phase)
}

/** State after a release; releasing to the facilitator again keeps an earlier panel release. */
export function stateAfterRelease(state: AccountState, audience: ReleaseAudience): AccountState {
  if (audience === 'panel') return 'released_to_panel'
  return state === 'released_to_panel' ? 'released_to_panel' : 'released_to_facilitator'
}

// ---------------------------------------------------------------------------------------
// The author's document, read on the server.

export type AccountAnswers = Record<AccountPrompt, RichText>

export function readAccountDoc(doc: Y.Doc): AccountAnswers {
  const answers = {} as AccountAnswers
  for (const prompt of accountPrompts) answers[prompt] = readRichText(doc.getXmlFragment(promptField(prompt)))
  return answers
}

export function hasContent(answers: AccountAnswers): boolean {
  return accountPrompts.some(prompt => answers[prompt].text.trim() !== '')
}

// ---------------------------------------------------------------------------------------
// A release: exactly what others see, frozen at the moment the author releases.

export type ReleasedSection = { prompt: AccountPrompt; text: string; doc: RichText['doc'] }
export type ReleaseContent = { version: 1; pseudonym: string; sections: ReleasedSection[] }

/** What a release would contain: the pseudonym and every prompt that has an answer. */
export function buildReleasePreview(answers: AccountAnswers, pseudonym: string): ReleaseContent {
  const sections: ReleasedSection[] = []
  for (const prompt of accountPrompts) {
    const answer = answers[prompt]
    if (answer.text.trim() === '') continue
    sections.push({ prompt, text: answer.text, doc: answer.doc })
  }
  return { version: 1, pseudonym, sections }
}

export function serialiseRelease(content: ReleaseContent): string {
  return JSON.stringify(content)
}

export function parseRelease(json: string): ReleaseContent {
  const value = JSON.parse(json) as Partial<ReleaseContent>
  if (value.version !== 1 || typeof value.pseudonym !== 'string' || !Array.isArray(value.sections)) {
    throw new Error('not a staff account release')
  }
  const sections = value.sections.filter(
    (s): s is ReleasedSection => typeof s === 'object' && s !== null && (accountPrompts as readonly string[]).includes(s.prompt) && typeof s.text === 'string',
  )
  return { version: 1, pseudonym: value.pseudonym, sections }
}

/** The plain text a quote must be taken from (sections joined by blank lines). */
export function releaseText(content: ReleaseContent): string {
  return content.sections.map(s => s.text).join('\n\n')
}

export const MAX_EXCERPT_LENGTH = 2000

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * The excerpt as it will be quoted, or null if it is not word for word in the release (spacing
 * aside): a quote must be something the author actually wrote and released.
 */
export function excerptOf(content: ReleaseContent, excerpt: string): string | null {
  const wanted = normaliseSpace(excerpt)
  if (wanted === '' || wanted.length > MAX_EXCERPT_LENGTH) return null
  return content.sections.some(s => normaliseSpace(s.text).includes(wanted)) ? wanted : null
}

/** Whether two releases would show others the same thing. */
export function sameRelease(a: ReleaseContent, b: ReleaseContent): boolean {
  return serialiseRelease(a) === serialiseRelease(b)
}
