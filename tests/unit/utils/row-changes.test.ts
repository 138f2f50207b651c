import { describe, expect, test } from 'vitest'
import { rowChanges } from '~/utils/row-changes'

const event = (id: string, description: string, position: number) => ({ reviewId: 'r1', id, description, approximate: false, dateEnd: null, position })

describe('rowChanges: the projection rewrites only what differs', () => {
  const stored = [event('e1', 'Home visit', 0), event('e2', 'School call', 1), event('e3', 'Case closed', 2)]

  test('an unchanged table writes nothing and deletes nothing', () => {
    expect(
      rowChanges(
        stored,
        stored.map(r => ({ ...r })),
        ['id'],
      ),
    ).toEqual({ stale: [], write: [] })
  })

  test('a changed row is deleted and written again; the others are left alone', () => {
    const fresh = [event('e1', 'Home visit', 0), event('e2', 'School call (no answer)', 1), event('e3', 'Case closed', 2)]
    expect(rowChanges(stored, fresh, ['id'])).toEqual({ stale: [stored[1]], write: [fresh[1]] })
  })

  test('a removed row is deleted and an added one written', () => {
    const fresh = [event('e1', 'Home visit', 0), event('e3', 'Case closed', 1), event('e4', 'Review opened', 2)]
    const { stale, write } = rowChanges(stored, fresh, ['id'])
    expect(stale.map(r => r.id).sort()).toEqual(['e2', 'e3'])
    expect(write.map(r => r.id)).toEqual(['e3', 'e4'])
  })

  test('null and a missing column are the same value; false and null are not', () => {
    const { dateEnd: _dropped, ...withoutDateEnd } = stored[0]!
    expect(rowChanges([withoutDateEnd], [stored[0]!], ['id']).write).toEqual([])
    expect(rowChanges([{ ...stored[0]!, approximate: null }], [stored[0]!], ['id']).write).toEqual([stored[0]])
  })

  test('composite keys name a row by all their columns', () => {
    const tags = [
      { reviewId: 'r1', findingId: 'f1', value: 'family_centered', rationale: 'a' },
      { reviewId: 'r1', findingId: 'f1', value: 'systems_focused', rationale: 'b' },
    ]
    const fresh = [tags[0]!, { ...tags[1]!, rationale: 'changed' }]
    expect(rowChanges(tags, fresh, ['findingId', 'value'])).toEqual({ stale: [tags[1]], write: [fresh[1]] })
  })

  test('everything stored goes when the document has no rows left', () => {
    expect(rowChanges(stored, [], ['id'])).toEqual({ stale: stored, write: [] })
  })
})
