// Safety-culture pulse surveys: settings, units, waves, answering and results. How answering
// keeps an answer from ever leading back to a person is ADR 0019; read it before changing
// anything that writes SurveyResponse.
import { z } from 'zod'
import crypto from 'node:crypto'
import { compileAnonymiser } from '~/domain/anonymise'
import { indexFactorItems } from '~/domain/factors'
import {
  answerSheetSchema,
  dayOf,
  defaultSurveyInstrument,
  MAX_COMMENT_LENGTH,
  MIN_RESPONSES_CEILING,
  MIN_RESPONSES_FLOOR,
  parseSurveyInstrument,
  surveyResults,
  waveState,
  type NewWave,
  type SurveyInstrument,
  type SurveyResults,
  type WaveState,
} from '~/domain/surveys'
import { parseJsonColumn } from './decode.server'
import { suppressTable, type SuppressedTable } from '~/domain/trends'
import { prisma } from '~/utils/db.server'
import { getEnv, isPostgresUrl } from '~/utils/env.server'
import { jurisdictionSettings } from './jurisdiction.server'
import { audit } from './audit.server'

export type Problem = { where: string; message: string }

// ---------------------------------------------------------------------------------------
// Settings

export async function surveySettings(jurisdictionId: string) {
  const j = await prisma.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { surveyInstrument: true, surveyMinResponses: true } })
  const parsed = j.surveyInstrument ? parseSurveyInstrument(JSON.parse(j.surveyInstrument)) : null
  return {
    instrument: parsed?.ok ? parsed.instrument : defaultSurveyInstrument,
    customInstrument: Boolean(parsed?.ok),
    minResponses: j.surveyMinResponses,
  }
}

export async function saveSurveyInstrument(jurisdictionId: string, text: string, actorId: string): Promise<{ ok: true } | { ok: false; problems: Problem[] }> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, problems: [{ where: '/', message: `not valid JSON: ${(error as Error).message}` }] }
  }
  const parsed = parseSurveyInstrument(value)
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map(p => ({ where: p.path || '/', message: p.message })) }
  await prisma.$transaction([
    prisma.jurisdiction.update({ where: { id: jurisdictionId }, data: { surveyInstrument: JSON.stringify(parsed.instrument) } }),
    audit(prisma, { jurisdictionId, actorId, action: 'survey.instrument-loaded', detail: { id: parsed.instrument.id, version: parsed.instrument.version } }),
  ])
  return { ok: true }
}

export async function resetSurveyInstrument(jurisdictionId: string, actorId: string) {
  await prisma.$transaction([
    prisma.jurisdiction.update({ where: { id: jurisdictionId }, data: { surveyInstrument: null } }),
    audit(prisma, { jurisdictionId, actorId, action: 'survey.instrument-reset' }),
  ])
}

export async function setSurveyMinResponses(jurisdictionId: string, minResponses: number, actorId: string) {
  if (!Number.isInteger(minResponses) || minResponses < MIN_RESPONSES_FLOOR || minResponses > MIN_RESPONSES_CEILING)
    throw new Error('minResponses out of range')
  await prisma.$transaction([
    prisma.jurisdiction.update({ where: { id: jurisdictionId }, data: { surveyMinResponses: minResponses } }),
    audit(prisma, { jurisdictionId, actorId, action: 'survey.threshold-changed', detail: { minResponses } }),
  ])
}

// ---------------------------------------------------------------------------------------
// Units (teams, offices)

export async function listUnits(jurisdictionId: string) {
  return prisma.unit.findMany({ where: { jurisdictionId }, select: { id: true, name: true }, orderBy: { name: 'asc' } })
}

export class SurveyInputError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message)
  }
}

export async function createUnit(jurisdictionId: string, name: string, actorId: string) {
  if (await prisma.unit.findUnique({ where: { jurisdictionId_name: { jurisdictionId, name } } }))
    throw new SurveyInputError('unitName', 'surveys.units.nameTaken')
  const unit = await prisma.$transaction(async tx => {
    const created = await tx.unit.create({ data: { jurisdictionId, name } })
    await audit(tx, { jurisdictionId, actorId, action: 'unit.created', detail: { unitId: created.id } })
    return created
  })
  return unit
}

export async function setUserUnit(jurisdictionId: string, userId: string, unitId: string | null, actorId: string) {
  const user = await prisma.user.findFirst({ where: { id: userId, jurisdictionId }, select: { id: true } })
  if (!user) throw new SurveyInputError('form', 'users.noSuchUser')
  if (unitId && !(await prisma.unit.findFirst({ where: { id: unitId, jurisdictionId }, select: { id: true } })))
    throw new SurveyInputError('unitId', 'surveys.units.noSuchUnit')
  await prisma.$transaction([
    prisma.user.update({ where: { id: userId }, data: { unitId } }),
    audit(prisma, { jurisdictionId, actorId, action: 'user.unit-changed', detail: { userId, unitId } }),
  ])
}

// ---------------------------------------------------------------------------------------
// Waves

type WaveRow = { id: string; title: string; opensOn: string; closesOn: string; closedEarly: boolean; units: string; instrument: string }

const storedUnits = z.array(z.object({ unitId: z.string(), name: z.string() }))
const storedAnswers = z.record(z.number())

const unitsOf = (wave: Pick<WaveRow, 'units'>) => parseJsonColumn(storedUnits, wave.units, 'SurveyWave.units')

function instrumentOf(wave: Pick<WaveRow, 'instrument'>): SurveyInstrument {
  const parsed = parseSurveyInstrument(JSON.parse(wave.instrument))
  // Frozen when the wave opened, after validation; a row that no longer parses is a bug.
  if (!parsed.ok) throw new Error('a survey wave holds an instrument that does not validate')
  return parsed.instrument
}

export async function openWave(jurisdictionId: string, actorId: string, input: NewWave) {
  const units = await prisma.unit.findMany({ where: { jurisdictionId, id: { in: input.unitIds } }, select: { id: true, name: true } })
  if (units.length !== new Set(input.unitIds).size) throw new SurveyInputError('unitIds', 'surveys.units.noSuchUnit')
  const invitees = await prisma.user.findMany({
    where: { jurisdictionId, id: { in: input.userIds }, deactivatedAt: null },
    select: { id: true, unitId: true },
  })
  if (invitees.length !== new Set(input.userIds).size) throw new SurveyInputError('userIds', 'users.noSuchUser')
  const chosen = new Set(units.map(u => u.id))
  if (invitees.some(u => !u.unitId || !chosen.has(u.unitId))) throw new SurveyInputError('userIds', 'surveys.admin.inviteeOutsideUnits')
  const { instrument } = await surveySettings(jurisdictionId)
  return prisma.$transaction(async tx => {
    const wave = await tx.surveyWave.create({
      data: {
        jurisdictionId,
        title: input.title,
        instrument: JSON.stringify(instrument),
        units: JSON.stringify(units.map(u => ({ unitId: u.id, name: u.name }))),
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        createdById: actorId,
      },
    })
    await tx.surveyInvitation.createMany({ data: invitees.map(u => ({ waveId: wave.id, userId: u.id, unitId: u.unitId! })) })
    await audit(tx, { jurisdictionId, actorId, action: 'survey.wave-opened', detail: { waveId: wave.id, units: units.length, invited: invitees.length } })
    return wave
  })
}

export async function closeWave(jurisdictionId: string, waveId: string, actorId: string) {
  const wave = await prisma.surveyWave.findFirst({ where: { id: waveId, jurisdictionId }, select: { id: true } })
  if (!wave) throw new SurveyInputError('form', 'surveys.admin.noSuchWave')
  await prisma.$transaction([
    prisma.surveyWave.update({ where: { id: waveId }, data: { closedEarly: true } }),
    audit(prisma, { jurisdictionId, actorId, action: 'survey.wave-closed', detail: { waveId } }),
  ])
}

export type WaveSummary = { id: string; title: string; opensOn: string; closesOn: string; state: WaveState; invited: number; answered: number; units: string[] }

export async function listWaves(jurisdictionId: string, now = new Date()): Promise<WaveSummary[]> {
  const waves = await prisma.surveyWave.findMany({
    where: { jurisdictionId },
    select: { id: true, title: true, opensOn: true, closesOn: true, closedEarly: true, units: true },
    orderBy: [{ opensOn: 'desc' }, { id: 'asc' }],
  })
  const counts = await prisma.surveyInvitation.groupBy({ by: ['waveId', 'answered'], where: { waveId: { in: waves.map(w => w.id) } }, _count: { _all: true } })
  const count = (waveId: string, answered?: boolean) =>
    counts.filter(c => c.waveId === waveId && (answered === undefined || c.answered === answered)).reduce((n, c) => n + c._count._all, 0)
  return waves.map(w => ({
    id: w.id,
    title: w.title,
    opensOn: w.opensOn,
    closesOn: w.closesOn,
    state: waveState(w, now),
    invited: count(w.id),
    answered: count(w.id, true),
    units: unitsOf(w).map(u => u.name),
  }))
}

/** Everything the survey administration page shows: settings, units, waves, who may be invited. */
export async function surveyAdminView(jurisdictionId: string, now = new Date()) {
  const [settings, units, waves, people] = await Promise.all([
    surveySettings(jurisdictionId),
    listUnits(jurisdictionId),
    listWaves(jurisdictionId, now),
    // Only people in a unit can be invited: results are reported by unit.
    prisma.user.findMany({
      where: { jurisdictionId, deactivatedAt: null, unitId: { not: null } },
      select: { id: true, name: true, unit: { select: { name: true } } },
      orderBy: { name: 'asc' },
    }),
  ])
  return {
    ...settings,
    units,
    waves,
    people: people.map(p => ({ id: p.id, name: p.name, unit: p.unit?.name ?? '' })),
    defaults: { opensOn: dayOf(now), closesOn: dayOf(new Date(now.getTime() + 14 * 86_400_000)) },
  }
}

/** The waves a person is invited to, open now and not yet answered: for their home page. */
export async function openWavesFor(userId: string, now = new Date()) {
  const invitations = await prisma.surveyInvitation.findMany({
    where: { userId, answered: false },
    select: { wave: { select: { id: true, title: true, opensOn: true, closesOn: true, closedEarly: true } } },
  })
  return invitations
    .map(i => i.wave)
    .filter(w => waveState(w, now) === 'open')
    .map(w => ({ id: w.id, title: w.title, closesOn: w.closesOn }))
}

/** What a person sees of one wave; null when they are not invited to it. */
export async function waveForRespondent(userId: string, jurisdictionId: string, waveId: string, now = new Date()) {
  const invitation = await prisma.surveyInvitation.findUnique({
    where: { waveId_userId: { waveId, userId } },
    select: {
      answered: true,
      wave: { select: { id: true, title: true, opensOn: true, closesOn: true, closedEarly: true, instrument: true, jurisdictionId: true } },
    },
  })
  if (!invitation || invitation.wave.jurisdictionId !== jurisdictionId) return null
  const { wave } = invitation
  return { id: wave.id, title: wave.title, closesOn: wave.closesOn, state: waveState(wave, now), answered: invitation.answered, instrument: instrumentOf(wave) }
}

export type SubmitOutcome =
  { ok: true } | { ok: false; reason: 'not-invited' | 'already-answered' | 'not-open' } | { ok: false; reason: 'invalid'; problems: Problem[] }

/** A random 48-bit rowid: rows sit in the table in no order that says when they came. */
const randomRowId = () => crypto.randomBytes(6).readUIntBE(0, 6) + 1

async function commentAnonymiser(jurisdictionId: string, opensOn: string, locale: 'en' | 'fr') {
  const [users, units] = await Promise.all([
    prisma.user.findMany({ where: { jurisdictionId }, select: { id: true, name: true } }),
    prisma.unit.findMany({ where: { jurisdictionId }, select: { name: true } }),
  ])
  const colleague = locale === 'fr' ? '[collègue]' : '[colleague]'
  return compileAnonymiser({
    registry: {
      people: users.map(u => ({ id: u.id, name: u.name, role: 'worker' as const, pseudonym: colleague })),
      places: units.map(u => ({ name: u.name, kind: 'agency' as const, label: locale === 'fr' ? '[unité]' : '[unit]' })),
    },
    // Dates in a comment are told relative to the wave's opening, never to the day of answering.
    incidentDate: opensOn,
    options: { locale },
  })
}

/**
 * Records one answer sheet. The "has answered" mark and the sheet are written in one
 * transaction and share nothing: the sheet gets a random id, a random rowid, the wave and the
 * unit, and no time at all.
 */
export async function submitAnswers(
  user: { id: string; jurisdictionId: string },
  waveId: string,
  input: { answers: unknown; comment: string | null; locale: 'en' | 'fr' },
  now = new Date(),
): Promise<SubmitOutcome> {
  const invitation = await prisma.surveyInvitation.findUnique({
    where: { waveId_userId: { waveId, userId: user.id } },
    select: { answered: true, unitId: true, wave: { select: { jurisdictionId: true, opensOn: true, closesOn: true, closedEarly: true, instrument: true } } },
  })
  if (!invitation || invitation.wave.jurisdictionId !== user.jurisdictionId) return { ok: false, reason: 'not-invited' }
  if (invitation.answered) return { ok: false, reason: 'already-answered' }
  if (waveState(invitation.wave, now) !== 'open') return { ok: false, reason: 'not-open' }
  const instrument = instrumentOf(invitation.wave)
  const sheet = answerSheetSchema(instrument).safeParse(input.answers)
  if (!sheet.success)
    return {
      ok: false,
      reason: 'invalid',
      problems: sheet.error.issues.map(i => ({ where: i.path.join('.') || 'answers', message: 'surveys.answer.invalid' })),
    }
  const answers = Object.fromEntries(Object.entries(sheet.data).filter((e): e is [string, number] => e[1] !== undefined))
  if (Object.keys(answers).length === 0) return { ok: false, reason: 'invalid', problems: [{ where: 'answers', message: 'surveys.answer.empty' }] }
  const raw = input.comment?.trim() ?? ''
  if (raw.length > MAX_COMMENT_LENGTH) return { ok: false, reason: 'invalid', problems: [{ where: 'comment', message: 'surveys.answer.commentTooLong' }] }
  const comment = raw ? (await commentAnonymiser(user.jurisdictionId, invitation.wave.opensOn, input.locale))(raw).text : null
  const answered = await prisma.$transaction(async tx => {
    // Re-checked inside the transaction: two tabs submitting at once get one answer in.
    const marked = await tx.surveyInvitation.updateMany({ where: { waveId, userId: user.id, answered: false }, data: { answered: true } })
    if (marked.count !== 1) return false
    const id = crypto.randomUUID()
    const body = JSON.stringify(answers)
    if (isPostgresUrl(getEnv().DATABASE_URL)) {
      // PostgreSQL has no rowid to draw; results are read in the order of the random id instead.
      await tx.surveyResponse.create({ data: { id, waveId, unitId: invitation.unitId, answers: body, comment } })
      return true
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await tx.$executeRaw`INSERT INTO "SurveyResponse" ("rowid", "id", "waveId", "unitId", "answers", "comment") VALUES (${randomRowId()}, ${id}, ${waveId}, ${invitation.unitId}, ${body}, ${comment})`
        return true
      } catch (error) {
        // A rowid collision (about one in 10^14 per pair) gets another draw; anything else is real.
        if (attempt >= 3 || !/UNIQUE|PRIMARY/i.test(String(error))) throw error
      }
    }
  })
  return answered ? { ok: true } : { ok: false, reason: 'already-answered' }
}

// ---------------------------------------------------------------------------------------
// Results

export type JurisdictionSurveyResults = {
  results: SurveyResults
  instrument: SurveyInstrument
  /** Anonymised comments of each wave, only where the whole jurisdiction's results are shown. */
  comments: string[][]
}

/** Results of every closed wave, suppressed; null when none has closed. */
export async function closedWaveResults(jurisdictionId: string, now = new Date()): Promise<JurisdictionSurveyResults | null> {
  const { minResponses } = await surveySettings(jurisdictionId)
  const rows = await prisma.surveyWave.findMany({
    where: { jurisdictionId },
    select: { id: true, title: true, opensOn: true, closesOn: true, closedEarly: true, units: true, instrument: true },
    orderBy: [{ closesOn: 'asc' }, { opensOn: 'asc' }, { id: 'asc' }],
  })
  const closed = rows.filter(w => waveState(w, now) === 'closed')
  const latest = closed[closed.length - 1]
  if (!latest) return null
  const instrument = instrumentOf(latest)
  const unitNames = new Map<string, string>()
  for (const w of closed) for (const u of unitsOf(w)) unitNames.set(u.unitId, u.name)
  const units = [...unitNames].map(([unitId, name]) => ({ unitId, name })).sort((a, b) => a.name.localeCompare(b.name))
  const responses = await prisma.surveyResponse.findMany({
    where: { waveId: { in: closed.map(w => w.id) } },
    orderBy: { id: 'asc' },
    select: { waveId: true, unitId: true, answers: true, comment: true },
  })
  const results = surveyResults({
    instrument,
    minResponses,
    waves: closed.map(w => ({ waveId: w.id, label: w.title, unitIds: unitsOf(w).map(u => u.unitId) })),
    units,
    responses: responses.map(r => ({ waveId: r.waveId, unitId: r.unitId, answers: parseJsonColumn(storedAnswers, r.answers, 'SurveyResponse.answers') })),
  })
  const comments = closed.map((w, k) =>
    results.jurisdiction[k]!.status === 'shown'
      ? responses
          .filter(r => r.waveId === w.id && r.comment)
          .map(r => r.comment!)
          // Sorted, so the order says nothing about who wrote first.
          .sort((a, b) => a.localeCompare(b))
      : [],
  )
  return { results, instrument, comments }
}

// ---------------------------------------------------------------------------------------
// Beside review learning (trends page)

export type SurveyTrendPeriod = { waveId: string; label: string; from: string | null; to: string }

export type SurveyTrends = {
  periods: SurveyTrendPeriod[]
  results: SurveyResults
  instrument: SurveyInstrument
  /** One row: findings on workforce factors in reviews opened in each period. */
  workforceFindings: SuppressedTable
  /** Rows completed / not completed: recommendations due in each period. */
  recommendationsDue: SuppressedTable
}

const completedStatuses = new Set(['done', 'verified_effective', 'verified_not_effective'])

/**
 * Survey composites per closed wave beside what reviews found and did in the same period:
 * a period runs from the day after the previous wave closed to the day this one closed.
 */
export async function surveyTrends(jurisdictionId: string, now = new Date()): Promise<SurveyTrends | null> {
  const closed = await closedWaveResults(jurisdictionId, now)
  if (!closed) return null
  const waves = await prisma.surveyWave.findMany({ where: { id: { in: closed.results.waves.map(w => w.waveId) } }, select: { id: true, closesOn: true } })
  const closesOn = new Map(waves.map(w => [w.id, w.closesOn]))
  const periods: SurveyTrendPeriod[] = closed.results.waves.map((w, k, all) => ({
    waveId: w.waveId,
    label: w.label,
    from: k === 0 ? null : closesOn.get(all[k - 1]!.waveId)!,
    to: closesOn.get(w.waveId)!,
  }))
  const periodOf = (day: string | null | undefined) => (day ? periods.findIndex(p => (p.from === null || day > p.from) && day <= p.to) : -1)

  const { factorFramework } = await jurisdictionSettings(jurisdictionId)
  const workforceItems = new Set([...indexFactorItems(factorFramework)].filter(([, ref]) => ref.domain.id === 'worker_team').map(([id]) => id))
  const reviews = await prisma.review.findMany({ where: { jurisdictionId }, select: { id: true, createdAt: true } })
  const reviewPeriod = new Map(reviews.map(r => [r.id, periodOf(dayOf(r.createdAt))]))
  const where = { reviewId: { in: reviews.map(r => r.id) } }
  const [findings, tags, recommendations] = await Promise.all([
    prisma.projectedFinding.findMany({ where, select: { reviewId: true, id: true, factorItemIds: true } }),
    prisma.projectedFindingTag.findMany({ where: { ...where, value: 'workforce_informed' }, select: { reviewId: true, findingId: true } }),
    prisma.projectedRecommendation.findMany({ where, select: { dueDate: true, status: true } }),
  ])
  const tagged = new Set(tags.map(t => `${t.reviewId}/${t.findingId}`))
  const findingCounts = periods.map(() => 0)
  for (const f of findings) {
    const k = reviewPeriod.get(f.reviewId) ?? -1
    if (k < 0) continue
    let ids: unknown
    try {
      ids = JSON.parse(f.factorItemIds)
    } catch {
      ids = []
    }
    const onWorkforce = Array.isArray(ids) && ids.some(id => typeof id === 'string' && workforceItems.has(id))
    if (onWorkforce || tagged.has(`${f.reviewId}/${f.id}`)) findingCounts[k]!++
  }
  const done = periods.map(() => 0)
  const notDone = periods.map(() => 0)
  for (const r of recommendations) {
    const k = periodOf(r.dueDate)
    if (k < 0) continue
    if (completedStatuses.has(r.status)) done[k]!++
    else notDone[k]!++
  }
  return {
    periods,
    results: closed.results,
    instrument: closed.instrument,
    workforceFindings: suppressTable([findingCounts]),
    recommendationsDue: suppressTable([done, notDone]),
  }
}
