// The operator's command line (npm run cli -- <command>). Every command validates its input,
// prints what it did, and returns an exit code; nothing here prints secrets.
import { parseArgs } from 'node:util'
import { z } from 'zod'
import type { PrismaClient } from '~/utils/db.server'

export type CliIO = {
  out: (line: string) => void
  err: (line: string) => void
  env: Record<string, string | undefined>
  /** Asks for a secret on the terminal; null when there is no terminal to ask. */
  promptSecret: (question: string) => Promise<string | null>
}

export class CliError extends Error {}

export const USAGE = `usage: npm run cli -- <command>

  user add <email> --jurisdiction <code> [--admin] [--name "Full Name"]
      password from the PASSWORD environment variable, or asked for on the terminal
  user deactivate <email>
  import <case-file.json>                 create a review from a case file; prints its id
      [--jurisdiction <code>] [--facilitator <email>]
  export <review-id> --format json|csv|docx|html --out <path> [--accept-residuals] [--locale en|fr]
  sso set <jurisdiction-code> --issuer <url> --client-id <id> [--client-secret | --no-client-secret]
      [--name "Button name"] [--enabled on|off] [--password-sign-in on|off] [--jit on|off]
      client secret from the OIDC_CLIENT_SECRET environment variable, or asked for on the terminal
      (asked when first set or with --client-secret; otherwise the stored one is kept)
  sso show <jurisdiction-code>
  sso remove <jurisdiction-code>`

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
    options: { jurisdiction: { type: 'string' }, admin: { type: 'boolean', default: false }, name: { type: 'string' } },
  })
  const email = parse(emailSchema, positionals[0], 'email')
  if (!values.jurisdiction) throw new CliError('--jurisdiction <code> is required')
  const code = parse(codeSchema, values.jurisdiction, '--jurisdiction')
  const password = io.env.PASSWORD ?? (await io.promptSecret(`Password for ${email}: `))
  if (password == null) throw new CliError('no password: set the PASSWORD environment variable or run in a terminal')
  const { passwordSchema, createUser, UserInputError } = await import('~/models/user.server')
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
    io.out(`created ${user.isAdmin ? 'admin ' : ''}user ${user.email} in ${code} (id ${user.id})`)
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

export async function runCli(argv: string[], io: CliIO, prisma: PrismaClient): Promise<number> {
  const [command, sub, ...rest] = argv
  try {
    if (command === 'user' && sub === 'add') await userAdd(prisma, rest, io)
    else if (command === 'user' && sub === 'deactivate') await userDeactivate(prisma, rest, io)
    else if (command === 'import') {
      const { importCommand } = await import('./cli-import')
      await importCommand(prisma, [sub, ...rest].filter((a): a is string => a !== undefined), io)
    } else if (command === 'sso') {
      const { ssoCommand } = await import('./cli-sso')
      await ssoCommand(prisma, sub, rest, io)
    } else if (command === 'export') {
      const { exportCommand } = await import('./cli-export')
      await exportCommand(prisma, [sub, ...rest].filter((a): a is string => a !== undefined), io)
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
