import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { newcombeInterval, wilsonInterval } from '~/domain/surveys'

describe('Wilson interval', () => {
  it('matches published values', () => {
    // Newcombe (1998), table I: 81/263 -> 0.2553 to 0.3662; 0/10 -> 0 to 0.2775.
    const a = wilsonInterval(81, 263)
    expect(a.low).toBeCloseTo(0.2553, 3)
    expect(a.high).toBeCloseTo(0.3662, 3)
    const b = wilsonInterval(0, 10)
    expect(b.low).toBe(0)
    expect(b.high).toBeCloseTo(0.2775, 3)
  })

  it('always holds the observed proportion, inside [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }).chain(n => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([k, n]) => {
          const { low, high } = wilsonInterval(k, n)
          expect(low).toBeGreaterThanOrEqual(0)
          expect(high).toBeLessThanOrEqual(1)
          expect(low).toBeLessThanOrEqual(k / n + 1e-12)
          expect(high).toBeGreaterThanOrEqual(k / n - 1e-12)
        },
      ),
    )
  })
})

describe('Newcombe interval for a difference', () => {
  it('matches Newcombe (1998), table II, example (a): 56/70 vs 48/80', () => {
    // Difference 0.2000, method 10: 0.0524 to 0.3339 (p1 - p2 order; ours is later minus earlier).
    const d = newcombeInterval(48, 80, 56, 70)
    expect(d.low).toBeCloseTo(0.0524, 3)
    expect(d.high).toBeCloseTo(0.3339, 3)
  })

  it('holds the observed difference', () => {
    const prop = fc.integer({ min: 1, max: 200 }).chain(n => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)))
    fc.assert(
      fc.property(prop, prop, ([k1, n1], [k2, n2]) => {
        const { low, high } = newcombeInterval(k1, n1, k2, n2)
        const d = k2 / n2 - k1 / n1
        expect(low).toBeLessThanOrEqual(d + 1e-12)
        expect(high).toBeGreaterThanOrEqual(d - 1e-12)
      }),
    )
  })
})
