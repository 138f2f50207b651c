// The Signs of Safety picture as it stood at a date (docs/domain.md, "Related practice
// frameworks"): what the agency's practice framework showed at the time, mapped by the panel
// beside the timeline. Hindsight-free evidence of why a decision made sense then, so a map
// records what was written and judged on its date, never what the panel knows now. ADR 0040.

/** Who gave a 0-10 safety scaling judgement on the map's date. */
export const safetyScalingParties = ['worker', 'supervisor', 'family', 'partner'] as const
export type SafetyScalingParty = (typeof safetyScalingParties)[number]

/** 0 = the child will certainly be hurt again, 10 = safe enough to close. */
export const SAFETY_SCALE_MIN = 0
export const SAFETY_SCALE_MAX = 10

/** Every text a map holds; each is a live Y.Text of up to SAFETY_MAP_TEXT_MAX characters. */
export const safetyMapTextFields = [
  'pastHarm',
  'futureDanger',
  'complicatingFactors',
  'strengths',
  'existingSafety',
  'dangerStatements',
  'safetyGoals',
  'nextSteps',
] as const
export type SafetyMapTextField = (typeof safetyMapTextFields)[number]
export const SAFETY_MAP_TEXT_MAX = 5000
export const SAFETY_MAP_TITLE_MAX = 200

/** The three columns of a Signs of Safety map, each with its parts, in reading order. */
export const safetyMapColumns = [
  { column: 'worried', fields: ['pastHarm', 'futureDanger', 'complicatingFactors'] },
  { column: 'workingWell', fields: ['strengths', 'existingSafety'] },
  { column: 'needsToHappen', fields: ['safetyGoals', 'nextSteps'] },
] as const satisfies readonly { column: string; fields: readonly SafetyMapTextField[] }[]
export type SafetyMapColumn = (typeof safetyMapColumns)[number]['column']

/** A gap of this many points or more between the family's and the worker's judgements counts. */
export const SCALING_DIVERGENCE_THRESHOLD = 3

export type SafetyScaling = Partial<Record<SafetyScalingParty, number>>

/**
 * How far apart the family and the worker judged safety on a map; null unless both judged.
 * Only this pair is counted: a family that feels much safer (or much less safe) than its
 * worker is the signal the panel and trends look for.
 */
export function familyWorkerGap(scaling: { family?: number | null; worker?: number | null }): number | null {
  const { family, worker } = scaling
  if (typeof family !== 'number' || typeof worker !== 'number') return null
  return Math.abs(family - worker)
}

export function scalingDiverged(scaling: { family?: number | null; worker?: number | null }): boolean | null {
  const gap = familyWorkerGap(scaling)
  return gap === null ? null : gap >= SCALING_DIVERGENCE_THRESHOLD
}

/** Maps where both family and worker judged (`compared`) and those among them that diverged by 3 or more. */
export function countScalingDivergence(maps: Iterable<{ scaling: Partial<Record<SafetyScalingParty, number | null>> }>): {
  compared: number
  diverged: number
} {
  let compared = 0
  let diverged = 0
  for (const map of maps) {
    const result = scalingDiverged(map.scaling)
    if (result === null) continue
    compared++
    if (result) diverged++
  }
  return { compared, diverged }
}
