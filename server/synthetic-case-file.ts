// Deterministic synthetic case files of any size, for performance checks and benchmarks.
// Fictional throughout: invented names, places and events.
import type { CaseFile } from '~/domain/case-file'
import { journeyStages } from '~/domain/vocabulary'

function prng(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const sources = ['case notes', 'intake record', 'supervision record', 'hospital report', 'school report', 'interview', 'court record']
const phrases = [
  'Home visit completed; the family reports the week was difficult.',
  'Phone call with the school about attendance and lunches.',
  'Supervision discussion of the caseload and the family plan.',
  'Public health nurse visit; feeding and sleep reviewed.',
  'Referral to parenting support placed on a waitlist of eleven weeks.',
  'Team meeting cancelled because of a staffing shortage.',
  'Follow-up call not returned; a letter was sent.',
  'Safety network meeting with the grandmother and a neighbour.',
]

export function syntheticCaseFile(options: { events: number; seed?: number; title?: string; incidentDate?: string }): CaseFile {
  const random = prng(options.seed ?? 42)
  // Relative to today, like the demo review, so the deadline shown is a plausible one.
  const incidentDate = options.incidentDate ?? new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)
  const incidentDay = Date.parse(`${incidentDate}T00:00:00Z`)
  const people = [
    { key: 'c1', name: 'Ava Northcott', aliases: ['Ava'], role: 'child' as const, pseudonym: 'Child 1' },
    { key: 'm', name: 'Jodie Northcott', aliases: ['Jo'], role: 'parent' as const, pseudonym: 'Mother' },
    { key: 'g', name: 'Irene Northcott', role: 'relative' as const },
    { key: 'w1', name: 'Sam Okafor', role: 'worker' as const },
    { key: 'w2', name: 'Lina Ferreira', role: 'worker' as const },
    { key: 's1', name: 'Dana Whitlow', role: 'supervisor' as const },
    { key: 'n1', name: 'Rae Tunney', role: 'professional' as const },
  ]
  const stages = journeyStages.filter(s => s !== 'incident')
  const span = 730 // two years of involvement before the incident
  const timeline = Array.from({ length: options.events }, (_, i) => {
    const isIncident = i === options.events - 1
    const offset = isIncident ? 0 : Math.floor(span - (span * i) / options.events) + 1
    const date = new Date(incidentDay - offset * 86_400_000).toISOString().slice(0, 10)
    const actors = [people[3 + Math.floor(random() * 4)]!.key, people[Math.floor(random() * 3)]!.key]
    return {
      date,
      approximate: random() < 0.05,
      stage: isIncident ? ('incident' as const) : stages[Math.min(stages.length - 1, Math.floor((i / options.events) * stages.length))],
      source: sources[Math.floor(random() * sources.length)],
      actors: [...new Set(actors)],
      text: isIncident ? 'The child was admitted to hospital with a serious injury.' : `${phrases[Math.floor(random() * phrases.length)]} (entry ${i + 1})`,
    }
  })
  return {
    format: 'scir-case-file/1',
    review: {
      title: options.title ?? `Synthetic review with ${options.events} events`,
      incidentType: 'serious_injury',
      incidentDate,
      summary: 'Synthetic review generated for performance checks. Fictional.',
    },
    people,
    places: [],
    identifiers: [],
    timeline,
  } as CaseFile
}
