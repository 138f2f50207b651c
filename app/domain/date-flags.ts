// Dates worth a second look when they are typed or imported. Never refused: a chronology may
// rightly hold a planned meeting or a prenatal referral, but "2052" for "2025" is a typo that
// silently reorders the whole timeline, so the person entering it is told at once.

export type DateFlag = { kind: 'future' } | { kind: 'beforeBirth'; birthDate: string }

export interface DateFlagContext {
  /** Today as YYYY-MM-DD, in the writer's own calendar. */
  today: string
  /** The child's date of birth (YYYY-MM-DD), when the registry has it. */
  childBirthDate?: string
}

/** `date` is a timeline date (YYYY-MM-DD or YYYY-MM-DDTHH:mm); only its day is compared. */
export function flagDate(date: string, context: DateFlagContext): DateFlag | null {
  const day = date.slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null
  if (day > context.today) return { kind: 'future' }
  if (context.childBirthDate && day < context.childBirthDate) return { kind: 'beforeBirth', birthDate: context.childBirthDate }
  return null
}

/** Today in the local calendar of whoever runs this (a browser, or the server for an import). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

/** The birth date of the review's child: the first person with the role "child" that has one. */
export function childBirthDateOf(people: readonly { role: string; birthDate?: string }[]): string | undefined {
  return people.find(p => p.role === 'child' && p.birthDate)?.birthDate
}
