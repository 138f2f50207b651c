// A wave runs from its open date to its close date (both days included, UTC). Results exist
// only once it is closed: while answers still arrive, two looks at the same results a little
// apart would differ by exactly the people who answered in between (ADR 0019).
import { z } from 'zod'

export type WaveState = 'scheduled' | 'open' | 'closed'

export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'surveys.admin.dateInvalid')
  .refine(v => {
    const d = new Date(`${v}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v
  }, 'surveys.admin.dateInvalid')

export const dayOf = (date: Date) => date.toISOString().slice(0, 10)

export function waveState(wave: { opensOn: string; closesOn: string; closedEarly: boolean }, now: Date): WaveState {
  const today = dayOf(now)
  if (wave.closedEarly || today > wave.closesOn) return 'closed'
  return today < wave.opensOn ? 'scheduled' : 'open'
}

export const newWaveSchema = z
  .object({
    title: z.string({ required_error: 'surveys.admin.titleRequired' }).trim().min(1, 'surveys.admin.titleRequired').max(120, 'surveys.admin.titleTooLong'),
    opensOn: isoDay,
    closesOn: isoDay,
    unitIds: z.array(z.string().min(1).max(60)).min(1, 'surveys.admin.unitsRequired').max(200),
    userIds: z.array(z.string().min(1).max(60)).min(1, 'surveys.admin.inviteesRequired').max(5000),
  })
  .refine(w => w.closesOn >= w.opensOn, { message: 'surveys.admin.closeBeforeOpen', path: ['closesOn'] })
export type NewWave = z.infer<typeof newWaveSchema>
