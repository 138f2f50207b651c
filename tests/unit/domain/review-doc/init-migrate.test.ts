import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  initialiseReviewDoc,
  migrateReviewDoc,
  REVIEW_DOC_SCHEMA_VERSION,
  ReviewDocMismatchError,
  ReviewDocVersionError,
} from '../../../../app/domain/review-doc'
import { runMigrations } from '../../../../app/domain/review-doc/migrate'
import { stateOf } from './fixtures'

describe('initialiseReviewDoc', () => {
  it('writes the meta map once and leaves an initialised document alone', () => {
    const ydoc = new Y.Doc()
    expect(initialiseReviewDoc(ydoc, { reviewId: 'r1' })).toEqual({ initialised: true })
    expect(ydoc.getMap('meta').toJSON()).toEqual({ schemaVersion: REVIEW_DOC_SCHEMA_VERSION, reviewId: 'r1' })
    const before = stateOf(ydoc)
    expect(initialiseReviewDoc(ydoc, { reviewId: 'r1' })).toEqual({ initialised: false })
    expect(stateOf(ydoc)).toEqual(before)
  })

  it('refuses a document that belongs to another review', () => {
    const ydoc = new Y.Doc()
    initialiseReviewDoc(ydoc, { reviewId: 'r1' })
    expect(() => initialiseReviewDoc(ydoc, { reviewId: 'r2' })).toThrow(ReviewDocMismatchError)
  })

  it('converges if two authorities initialised by mistake (only map keys are written)', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    initialiseReviewDoc(a, { reviewId: 'r1' })
    initialiseReviewDoc(b, { reviewId: 'r1' })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(a.getMap('meta').toJSON()).toEqual({ schemaVersion: REVIEW_DOC_SCHEMA_VERSION, reviewId: 'r1' })
    expect(b.getMap('meta').toJSON()).toEqual(a.getMap('meta').toJSON())
  })
})

describe('migrateReviewDoc', () => {
  it('does nothing to a current or an uninitialised document', () => {
    const current = new Y.Doc()
    initialiseReviewDoc(current, { reviewId: 'r1' })
    expect(migrateReviewDoc(current)).toEqual({
      from: REVIEW_DOC_SCHEMA_VERSION,
      to: REVIEW_DOC_SCHEMA_VERSION,
      migrated: false,
    })
    expect(migrateReviewDoc(new Y.Doc())).toEqual({ from: null, to: null, migrated: false })
  })

  it('refuses a document newer than the code, or with an unreadable version', () => {
    const newer = new Y.Doc()
    newer.getMap('meta').set('schemaVersion', REVIEW_DOC_SCHEMA_VERSION + 1)
    expect(() => migrateReviewDoc(newer)).toThrow(ReviewDocVersionError)
    const odd = new Y.Doc()
    odd.getMap('meta').set('schemaVersion', 'one')
    expect(() => migrateReviewDoc(odd)).toThrow(/unreadable/)
  })

  it('runs each step in order in one transaction and records the new version', () => {
    const ydoc = new Y.Doc()
    ydoc.getMap('meta').set('schemaVersion', 1)
    ydoc.getMap('people').set('old', 'x')
    let transactions = 0
    ydoc.on('afterTransaction', () => transactions++)
    const result = runMigrations(ydoc, {
      target: 3,
      steps: {
        1: doc => doc.getMap('meta').set('step1', true),
        2: doc => doc.getMap('meta').set('step2', doc.getMap('meta').get('step1') === true),
      },
    })
    expect(result).toEqual({ from: 1, to: 3, migrated: true })
    expect(transactions).toBe(1)
    expect(ydoc.getMap('meta').toJSON()).toMatchObject({ schemaVersion: 3, step1: true, step2: true })
  })

  it('writes nothing when a step is missing', () => {
    const ydoc = new Y.Doc()
    ydoc.getMap('meta').set('schemaVersion', 1)
    const before = stateOf(ydoc)
    expect(() => runMigrations(ydoc, { target: 3, steps: { 1: doc => doc.getMap('meta').set('x', 1) } })).toThrow(
      /no migration from review document schema version 2/,
    )
    expect(stateOf(ydoc)).toEqual(before)
  })
})
