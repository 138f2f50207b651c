import type { Problem } from '../review-doc/problems'

// The order sections appear in a case file, so problems read top to bottom.
const sections = ['', 'format', 'review', 'people', 'places', 'identifiers', 'timeline']

function position(problem: Problem & { csv?: { row?: number } }): [number, number] {
  const [, section = '', index] = problem.path.split('/')
  const rank = sections.indexOf(section)
  const item = problem.csv?.row ?? (index !== undefined && /^\d+$/.test(index) ? Number(index) : -1)
  return [rank === -1 ? sections.length : rank, item]
}

/** By section, then by item; problems of the same item keep the order they were found in. */
export function compareProblemOrder(a: Problem & { csv?: { row?: number } }, b: Problem & { csv?: { row?: number } }): number {
  const [sectionA, itemA] = position(a)
  const [sectionB, itemB] = position(b)
  return sectionA - sectionB || itemA - itemB
}
