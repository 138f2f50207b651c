import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { caseFileFromCsv, describeForPeople, explainProblem, validateCaseFileJson, type CaseFileProblem, type CaseFileValidation } from '~/domain/case-file'
import { createReview } from '~/models/review.server'
import type { PrismaClient } from '~/utils/db.server'
import { CliError, type CliIO } from './cli-io'

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** "event 1, date: "soon" is not a date written YYYY-MM-DD (/timeline/0/date)": words first, the exact place after. */
function problemLine(problem: CaseFileProblem, input: unknown): string {
  const where = problem.csv ? '' : ` (${problem.path || '/'})`
  return `  - ${describeForPeople(explainProblem(problem, input))}${where}`
}

/**
 * import <case-file.json> | import <timeline.csv> --title ... --incident-type ... --incident-date ...
 * [--people people.csv] [--places places.csv] [--identifiers identifiers.csv] [--summary ...]
 * [--jurisdiction CODE] [--facilitator EMAIL]: prints the new review's id.
 * A CSV timeline carries no review block, so the review's title, type and date come as options.
 */
export async function importCommand(prisma: PrismaClient, args: string[], io: CliIO) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      jurisdiction: { type: 'string' },
      facilitator: { type: 'string' },
      people: { type: 'string' },
      places: { type: 'string' },
      identifiers: { type: 'string' },
      title: { type: 'string' },
      'incident-type': { type: 'string' },
      'incident-date': { type: 'string' },
      summary: { type: 'string' },
    },
  })
  const file = positionals[0]
  if (!file) throw new CliError('give the case file to import: import <case-file.json> or import <timeline.csv> (see usage)')
  const text = readText(file)
  const isCsv = file.toLowerCase().endsWith('.csv')
  let validation: CaseFileValidation
  let input: unknown
  if (isCsv) {
    const missing = (['title', 'incident-type', 'incident-date'] as const).filter(name => !values[name])
    if (missing.length) throw new CliError(`a CSV timeline needs the review's ${missing.map(m => `--${m}`).join(', ')} (a CSV file has no review block)`)
    validation = caseFileFromCsv({
      review: {
        title: values.title,
        incidentType: values['incident-type'],
        incidentDate: values['incident-date'],
        ...(values.summary ? { summary: values.summary } : {}),
      },
      timelineCsv: text,
      // Without a people file the timeline names nobody (an actors column must then be empty).
      peopleCsv: values.people ? readText(values.people) : 'key,name,role\n',
      placesCsv: values.places ? readText(values.places) : undefined,
      identifiersCsv: values.identifiers ? readText(values.identifiers) : undefined,
    })
  } else {
    validation = validateCaseFileJson(text)
    input = parsedOrUndefined(text)
  }
  if (!validation.ok) {
    throw new CliError(`${file} is not a valid case file (nothing was imported):\n${validation.problems.map(p => problemLine(p, input)).join('\n')}`)
  }

  const facilitator = values.facilitator ? await prisma.user.findUnique({ where: { email: values.facilitator.trim().toLowerCase() } }) : null
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
