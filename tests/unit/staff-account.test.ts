import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { writePlainText } from '~/domain/review-doc'
import {
  accountDocName,
  accountIdOfDoc,
  accountPrompts,
  buildReleasePreview,
  canRelease,
  canRequestWithdrawal,
  canWithdraw,
  excerptOf,
  hasContent,
  parseRelease,
  promptField,
  readAccountDoc,
  releaseText,
  sameRelease,
  serialiseRelease,
  stateAfterRelease,
  type AccountState,
} from '~/domain/staff-account'
import { reviewPhases } from '~/domain/vocabulary'

function draftWith(answers: Partial<Record<(typeof accountPrompts)[number], string>>) {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const [prompt, text] of Object.entries(answers)) writePlainText(doc.getXmlFragment(promptField(prompt as (typeof accountPrompts)[number])), text)
  })
  return doc
}

test('the guided prompts, in order, each in its own fragment of the author’s document', () => {
  expect(accountPrompts).toEqual(['knewThen', 'juggling', 'supports', 'obstacles', 'wouldHaveHelped', 'anythingElse'])
  expect(new Set(accountPrompts.map(promptField)).size).toBe(accountPrompts.length)
  expect(accountDocName('abc')).toBe('account:abc')
  expect(accountIdOfDoc('account:abc')).toBe('abc')
  expect(accountIdOfDoc('review:abc')).toBeNull()
  expect(accountIdOfDoc('account:')).toBeNull()
})

describe('transitions by phase', () => {
  const states: AccountState[] = ['invited', 'drafting', 'released_to_facilitator', 'released_to_panel', 'withdrawn']

  test('release to the facilitator from any state but withdrawn, until approval', () => {
    for (const phase of reviewPhases) {
      const open = !['approval', 'shared'].includes(phase)
      expect(
        states.filter(s => canRelease(s, 'facilitator', phase)),
        phase,
      ).toEqual(open ? ['invited', 'drafting', 'released_to_facilitator', 'released_to_panel'] : [])
    }
  })

  test('release to the panel only after the facilitator has it', () => {
    expect(states.filter(s => canRelease(s, 'panel', 'staff_accounts'))).toEqual(['released_to_facilitator', 'released_to_panel'])
  })

  test('withdraw alone before analysis, ask the facilitator from analysis on', () => {
    expect(reviewPhases.filter(p => canWithdraw('released_to_panel', p))).toEqual(['intake', 'preparation', 'staff_accounts', 'joint_review'])
    expect(reviewPhases.filter(p => canRequestWithdrawal('released_to_panel', p))).toEqual(['analysis', 'findings', 'approval', 'shared'])
    for (const state of ['invited', 'drafting', 'withdrawn'] as const) {
      expect(
        reviewPhases.some(p => canWithdraw(state, p) || canRequestWithdrawal(state, p)),
        state,
      ).toBe(false)
    }
  })

  test('a new release to the facilitator keeps an earlier panel release', () => {
    expect(stateAfterRelease('drafting', 'facilitator')).toBe('released_to_facilitator')
    expect(stateAfterRelease('released_to_facilitator', 'panel')).toBe('released_to_panel')
    expect(stateAfterRelease('released_to_panel', 'facilitator')).toBe('released_to_panel')
  })
})

describe('reading the draft and building a release', () => {
  test('an untouched document has no content', () => {
    const answers = readAccountDoc(new Y.Doc())
    expect(hasContent(answers)).toBe(false)
    expect(buildReleasePreview(answers, 'Caseworker 2').sections).toEqual([])
  })

  test('the preview has the pseudonym and only the answered prompts, in prompt order', () => {
    const doc = draftWith({ obstacles: 'The system was down.', knewThen: 'I knew about the referral.\nNothing about the partner.', juggling: '   ' })
    const answers = readAccountDoc(doc)
    expect(hasContent(answers)).toBe(true)
    const preview = buildReleasePreview(answers, 'Caseworker 2')
    expect(preview.pseudonym).toBe('Caseworker 2')
    expect(preview.sections.map(s => s.prompt)).toEqual(['knewThen', 'obstacles'])
    expect(preview.sections[0]!.text).toBe('I knew about the referral.\nNothing about the partner.')
    expect(preview.sections[0]!.doc).toMatchObject({ type: 'doc', content: [{ type: 'paragraph' }, { type: 'paragraph' }] })
    expect(releaseText(preview)).toBe('I knew about the referral.\nNothing about the partner.\n\nThe system was down.')
  })

  test('a release survives storage exactly, and garbage is refused', () => {
    const preview = buildReleasePreview(readAccountDoc(draftWith({ supports: 'My supervisor was on leave.' })), 'Supervisor 1')
    const back = parseRelease(serialiseRelease(preview))
    expect(back).toEqual(preview)
    expect(sameRelease(back, preview)).toBe(true)
    expect(() => parseRelease('{"version":2}')).toThrow()
    expect(parseRelease(JSON.stringify({ version: 1, pseudonym: 'X', sections: [{ prompt: 'rating', text: 'poor' }] })).sections).toEqual([])
  })
})

describe('excerpts', () => {
  const content = buildReleasePreview(
    readAccountDoc(draftWith({ juggling: 'I had 31 families that month,\nand two court dates.', anythingElse: 'Thank you for asking.' })),
    'Caseworker 2',
  )

  test('must be word for word in one released section, spacing aside', () => {
    expect(excerptOf(content, 'I had 31 families that month')).toBe('I had 31 families that month')
    expect(excerptOf(content, '  31 families that month,   and two court dates. ')).toBe('31 families that month, and two court dates.')
    expect(excerptOf(content, 'I had 30 families')).toBeNull()
    expect(excerptOf(content, 'court dates. Thank you')).toBeNull()
    expect(excerptOf(content, '   ')).toBeNull()
    expect(excerptOf(content, 'x'.repeat(2001))).toBeNull()
  })
})
