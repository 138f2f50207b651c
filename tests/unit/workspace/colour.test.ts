import { describe, expect, it } from 'vitest'
import { pickDistinctColour, presenceColours } from '../../../app/components/workspace/colour'

/** Runs every client's choice until nobody changes: what a room settles on. */
function settle(people: { clientId: number; name: string; preferred: string }[]): Map<number, string> {
  const shown = new Map(people.map(p => [p.clientId, p.preferred]))
  for (let round = 0; round < 50; round++) {
    let changed = false
    for (const p of people) {
      const others = people.filter(o => o !== p).map(o => ({ clientId: o.clientId, name: o.name, color: shown.get(o.clientId) ?? '' }))
      const next = pickDistinctColour({ ...p, current: shown.get(p.clientId) ?? p.preferred }, others)
      if (next !== shown.get(p.clientId)) {
        shown.set(p.clientId, next)
        changed = true
      }
    }
    if (!changed) return shown
  }
  throw new Error('did not settle')
}

describe('presence colours', () => {
  it('are all distinct in a room, even when everyone prefers the same one', () => {
    const same = presenceColours[0]
    const people = Array.from({ length: 8 }, (_, i) => ({ clientId: 100 - i, name: `Person ${i}`, preferred: same }))
    const shown = settle(people)
    expect(new Set(shown.values()).size).toBe(people.length)
    // The lowest client id keeps the contested colour.
    expect(shown.get(93)).toBe(same)
  })

  it('keep each person’s own colour when nobody else shows it', () => {
    const shown = settle([
      { clientId: 1, name: 'Paulo', preferred: presenceColours[1] },
      { clientId: 2, name: 'Amira', preferred: presenceColours[2] },
    ])
    expect(shown.get(1)).toBe(presenceColours[1])
    expect(shown.get(2)).toBe(presenceColours[2])
  })

  it('let one person’s two tabs share a colour', () => {
    const shown = settle([
      { clientId: 1, name: 'Paulo', preferred: presenceColours[1] },
      { clientId: 2, name: 'Paulo', preferred: presenceColours[1] },
    ])
    expect(shown.get(2)).toBe(presenceColours[1])
  })
})
