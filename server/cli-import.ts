import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { describeProblem, validateCaseFileJson } from '~/domain/case-file'
import { createReview } from '~/models/review.server'
import type { PrismaClient } from '~/utils/db.server'
import { CliError, type CliIO } from './cli'

/** import <case-file.json> [--jurisdiction CODE] [--facilitator EMAIL]: prints the new review's id. */
export async function importCommand(prisma: PrismaClient, args: string[], io: CliIO) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { jurisdiction: { type: 'string' }, facilitator: { type: 'string' } },
  })
  const file = positionals[0]
  if (!file) throw new CliError('give the case file to import: import <case-file.json>')
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  const validation = validateCaseFileJson(text)
  if (!validation.ok) {
    throw new CliError(`${file} is not a valid case file (nothing was imported):\n${validation.problems.map(p => `  - ${describeProblem(p)}`).join('\n')}`)
  }

  const facilitator = values.facilitator
    ? await prisma.user.findUnique({ where: { email: values.facilitator.trim().toLowerCase() } })
    : null
  if (values.facilitator && (!facilitator || facilitator.deactivatedAt)) throw new CliError(`no active user with email ${values.facilitator}`)

  let jurisdictionId = facilitator?.jurisdictionId
  if (values.jurisdiction) {
    const jurisdiction = await prisma.jurisdiction.findUnique({ where: { code: values.jurisdiction } })
    if (!jurisdiction) throw new CliError(`no jurisdiction with code ${values.jurisdiction}`)
    if (facilitator && facilitator.jurisdictionId !== jurisdiction.id) throw new CliError(`${values.facilitator} is not in ${values.jurisdiction}`)
    jurisdictionId = jurisdiction.id
  }
  if (!jurisdictionId) {
    const all = await prisma.jurisdiction.findMany({ select: { id: true, code: true } })
    if (all.length !== 1) throw new CliError('say which jurisdiction the review belongs to: --jurisdiction <code>')
    jurisdictionId = all[0]!.id
  }

  const { review } = validation.caseFile
  const created = await createReview({
    title: review.title,
    incidentType: review.incidentType,
    incidentDate: review.incidentDate,
    summary: review.summary ?? '',
    jurisdictionId,
    createdById: facilitator?.id ?? null,
    caseFile: validation.caseFile,
  })
  io.out(created.id)
}
