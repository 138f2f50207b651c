// Intervals for percent positive (ADR 0020). Wilson's score interval for one proportion keeps
// to [0, 1] and behaves at small n and at 0 % or 100 %, where the textbook (Wald) interval
// collapses to a point; Newcombe's hybrid score interval (his method 10) combines two Wilson
// intervals into one for the difference of two independent proportions (wave over wave).

export const Z_95 = 1.959963984540054

export type Interval = { low: number; high: number }

/** Wilson score interval for `positive` out of `n` (n > 0), as proportions. */
export function wilsonInterval(positive: number, n: number, z = Z_95): Interval {
  if (!(n > 0) || positive < 0 || positive > n) throw new Error(`not a proportion: ${positive}/${n}`)
  const p = positive / n
  const z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

/**
 * Newcombe's interval for p2 - p1 (the later wave minus the earlier), from the two Wilson
 * intervals: independent samples, so no covariance term.
 */
export function newcombeInterval(positive1: number, n1: number, positive2: number, n2: number, z = Z_95): Interval {
  const p1 = positive1 / n1
  const p2 = positive2 / n2
  const w1 = wilsonInterval(positive1, n1, z)
  const w2 = wilsonInterval(positive2, n2, z)
  const d = p2 - p1
  const low = d - Math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2)
  const high = d + Math.sqrt((w2.high - p2) ** 2 + (p1 - w1.low) ** 2)
  return { low: Math.max(-1, low), high: Math.min(1, high) }
}
