// The operator's command line (npm run cli -- <command>). Every command validates its input,
// prints what it did, and returns an exit code; nothing here prints secrets.
import { parseArgs } from 'node:util'
import { z } from 'zod'
import type { PrismaClient } from '~/utils/db.server'
import { CliError, type CliIO } from './cli-io'

export { CliError, type CliIO } from './cli-io'

// One help text per command; `--help` (or `help <command>`) prints it and exits 0 without
// opening the database.
export const COMMAND_HELP: Record<string, string> = {
  'user add': `user add <email> --jurisdiction <code> [--admin] [--lead] [--name "Full Name"]
      --admin: a jurisdiction admin (admins may always open reviews)
      --lead: may lead reviews, that is open (create) new ones, without being an admin
      password from the PASSWORD environment variable, or asked for on the terminal`,
  'user deactivate': `user deactivate <email>
      ends the person's sessions and open documents at once`,
  import: `import <case-file.json> [--jurisdiction <code>] [--facilitator <email>]
      create a review from a case file; prints its id`,
  export: `export <review-id> --format json|csv|docx|html --out <path> [--accept-residuals] [--locale en|fr]
      the folder of --out must exist (csv writes into the folder --out names)`,
  'audit verify': `audit verify
      recomputes every jurisdiction's audit hash chain; names the first broken row (exit 1)`,
  'audit export': `audit export --format csv|jsonl [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--jurisdiction <code>] [--out <file>]
      the audit in chain order (days in UTC, both included); to standard output without --out`,
  backup: `backup --out <file>
      a consistent copy of the database, taken while the server runs; audited (counts, no content)`,
  'backup verify': `backup verify <file>
      opens a backup, runs an integrity check and prints what it holds; audited in the
      configured database when there is one`,
  restore: `restore <file>
      copies a verified backup into the data folder of DATABASE_URL, which must be empty,
      applies newer migrations and records the restore in the restored database's audit`,
  'retention run': `retention run [--dry-run]
      purges closed reviews past their jurisdiction's retention (legal holds excepted)`,
  'sso set': `sso set <jurisdiction-code> --issuer <url> --client-id <id> [--client-secret | --no-client-secret]
      [--name "Button name"] [--enabled on|off] [--password-sign-in on|off] [--jit on|off]
      client secret from the OIDC_CLIENT_SECRET environment variable, or asked for on the terminal
      (asked when first set or with --client-secret; otherwise the stored one is kept)`,
  'sso show': `sso show <jurisdiction-code>
      the jurisdiction's single sign-on settings (never the secret)`,
  'sso remove': `sso remove <jurisdiction-code>
      turns single sign-on off for the jurisdiction and forgets its settings`,
}

export const USAGE = `usage: npm run cli -- <command> [--help]

${Object.values(COMMAND_HELP)
  .map(h => `  ${h}`)
  .join('\n')}`

/** The help to print when the arguments ask for it, or null. */
export function helpRequested(argv: readonly string[]): string | null {
  const wantsHelp = argv.includes('--help') || argv.includes('-h') || argv[0] === 'help'
  if (!wantsHelp) return null
  const words = argv.filter(a => a !== '--help' && a !== '-h' && a !== 'help')
  const two = words.slice(0, 2).join(' ')
  return COMMAND_HELP[two] ?? COMMAND_HELP[words[0] ?? ''] ?? USAGE
}

const emailSchema = z.string().trim().toLowerCase().email('not a valid email address')
const codeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'a jurisdiction code is 2-32 capital letters, digits or dashes, e.g. NW-DEMO')

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value)
  if (!result.success) throw new CliError(`${what}: ${result.error.issues[0]?.message ?? 'invalid'}`)
  return result.data
}

async function userAdd(prisma: PrismaClient, args: string[], io: CliIO) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      jurisdiction: { type: 'string' },
      admin: { type: 'boolean', default: false },
      lead: { type: 'boolean', default: false },
      name: { type: 'string' },
    },
  })
  const email = parse(emailSchema, positionals[0], 'email')
  if (!values.jurisdiction) throw new CliError('--jurisdiction <code> is required')
  const code = parse(codeSchema, values.jurisdiction, '--jurisdiction')
  const password = io.env.PASSWORD ?? (await io.promptSecret(`Password for ${email}: `))
  if (password == null) throw new CliError('no password: set the PASSWORD environment variable or run in a terminal')
  const { passwordSchema, createUser, setCanLeadReviews, UserInputError } = await import('~/models/user.server')
  const checked = passwordSchema.safeParse(password)
  if (!checked.success) throw new CliError('the password must be 12 to 200 characters long')

  let jurisdiction = await prisma.jurisdiction.findUnique({ where: { code } })
  if (!jurisdiction) {
    jurisdiction = await prisma.jurisdiction.create({ data: { code, name: code } })
    io.out(`created jurisdiction ${code}`)
  }
  try {
    const { user } = await createUser({
      email,
      name: values.name?.trim() || email.split('@')[0]!,
      jurisdictionId: jurisdiction.id,
      isAdmin: values.admin ?? false,
      password,
    })
    // The mark is its own audited permission change, as when an admin sets it on the users page.
    if (values.lead) await setCanLeadReviews(jurisdiction.id, user.id, true, 'cli')
    io.out(`created ${user.isAdmin ? 'admin ' : ''}user ${user.email} in ${code} (id ${user.id})${values.lead ? '; may lead reviews' : ''}`)
  } catch (error) {
    if (error instanceof UserInputError) throw new CliError(`a user with email ${email} already exists`)
    throw error
  }
}

async function userDeactivate(prisma: PrismaClient, args: string[], io: CliIO) {
  const email = parse(emailSchema, args[0], 'email')
  const user = await prisma.user.findUnique({ where: { email } })
  if (!user) throw new CliError(`no user with email ${email}`)
  const { deactivateUser } = await import('~/models/user.server')
  await deactivateUser(user.jurisdictionId, user.id, 'cli')
  io.out(`deactivated ${email}; their sessions have ended`)
}

/** Commands that must not open (or create, or migrate) the configured database. */
export function runsWithoutDatabase(argv: readonly string[]): boolean {
  return helpRequested(argv) !== null || argv[0] === 'restore' || (argv[0] === 'backup' && argv[1] === 'verify')
}

export async function runCli(argv: string[], io: CliIO, prisma: PrismaClient | null): Promise<number> {
  const help = helpRequested(argv)
  if (help) {
    io.out(help)
    return 0
  }
  const [command, sub, ...rest] = argv
  const all = [sub, ...rest].filter((a): a is string => a !== undefined)
  const db = () => {
    if (!prisma) throw new Error(`${command} needs the database`)
    return prisma
  }
  try {
    const postgres = await postgresCommand(command, sub, rest, all, io)
    if (postgres !== null) return postgres
    if (command === 'user' && sub === 'add') await userAdd(db(), rest, io)
    else if (command === 'user' && sub === 'deactivate') await userDeactivate(db(), rest, io)
    else if (command === 'import') {
      const { importCommand } = await import('./cli-import')
      await importCommand(db(), all, io)
    } else if (command === 'sso') {
      const { ssoCommand } = await import('./cli-sso')
      await ssoCommand(db(), sub, rest, io)
    } else if (command === 'export') {
      const { exportCommand } = await import('./cli-export')
      await exportCommand(db(), all, io)
    } else if (command === 'audit' && sub === 'verify') {
      const { auditVerifyCommand } = await import('./cli-audit')
      return await auditVerifyCommand(rest, io, await databaseFile())
    } else if (command === 'audit' && sub === 'export') {
      const { auditExportCommand } = await import('./cli-audit')
      await auditExportCommand(db(), rest, io)
    } else if (command === 'backup' && sub === 'verify') {
      const { backupVerifyCommand } = await import('./cli-backup')
      return await backupVerifyCommand(rest, io, { client: prisma, ...(await database()) })
    } else if (command === 'backup') {
      const { backupCommand } = await import('./cli-backup')
      await backupCommand(all, io, await databaseFile(), db())
    } else if (command === 'retention' && sub === 'run') {
      db()
      const { retentionRunCommand } = await import('./cli-retention')
      await retentionRunCommand(rest, io)
    } else if (command === 'restore') {
      const { restoreCommand } = await import('./cli-backup')
      const { databaseUrl, databaseFile: file } = await database()
      await restoreCommand(all, io, file, databaseUrl)
    } else {
      io.err(USAGE)
      return 2
    }
    return 0
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`error: ${error.message}`)
      return 1
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${error.message}\n\n${USAGE}`)
      return 2
    }
    throw error
  }
}

/** The commands that read the database below Prisma, on PostgreSQL (ADR 0041); null: not one of them. */
async function postgresCommand(command: string | undefined, sub: string | undefined, rest: string[], all: string[], io: CliIO): Promise<number | null> {
  const { isPostgresUrl, parseEnv } = await import('~/utils/env.server')
  if (command === 'backup' && sub === 'verify' && rest[0]) {
    const cli = await import('./cli-postgres')
    if (!cli.isPostgresDump(rest[0])) return null
    const configured = process.env.DATABASE_URL ? parseEnv(process.env).DATABASE_URL : null
    return cli.postgresBackupVerify(rest[0], io, configured && isPostgresUrl(configured) ? configured : null)
  }
  const isDatabaseCommand = (command === 'audit' && sub === 'verify') || (command === 'backup' && sub !== 'verify') || command === 'restore'
  if (!isDatabaseCommand) return null
  const url = parseEnv(process.env).DATABASE_URL
  if (!isPostgresUrl(url)) return null
  const cli = await import('./cli-postgres')
  if (command === 'audit') return cli.postgresAuditVerify(rest, io, url)
  if (command === 'backup') await cli.postgresBackup(all, io, url)
  else await cli.postgresRestore(all, io, url)
  return 0
}

async function database() {
  // parseEnv, not getEnv: getEnv writes a session secret into the data folder, and restore
  // needs that folder empty.
  const { parseEnv, sqliteFilePath } = await import('~/utils/env.server')
  const databaseUrl = parseEnv(process.env).DATABASE_URL
  return { databaseUrl, databaseFile: sqliteFilePath(databaseUrl) }
}

async function databaseFile() {
  return (await database()).databaseFile
}
