// `sso set|show|remove <jurisdiction-code>`: the operator's way to configure single sign-on,
// e.g. before any admin can sign in. The client secret comes from OIDC_CLIENT_SECRET or the
// terminal, never from an argument (arguments end up in shell history and process lists).
import { parseArgs } from 'node:util'
import type { PrismaClient } from '~/utils/db.server'
import { CliError, type CliIO } from './cli-io'

const onOff = (value: string | undefined, flag: string) => {
  if (value === undefined) return undefined
  if (value === 'on') return true
  if (value === 'off') return false
  throw new CliError(`${flag} must be on or off`)
}

async function jurisdictionOf(prisma: PrismaClient, code: string | undefined) {
  if (!code) throw new CliError('a jurisdiction code is required, e.g. sso set NW-DEMO ...')
  const jurisdiction = await prisma.jurisdiction.findUnique({ where: { code: code.trim() } })
  if (!jurisdiction) throw new CliError(`no jurisdiction with code ${code}`)
  return jurisdiction
}

export async function ssoCommand(prisma: PrismaClient, sub: string | undefined, args: string[], io: CliIO) {
  const { ssoSettings, saveSsoSettings, removeSsoSettings, ssoSettingsSchema } = await import('~/models/sso.server')
  if (sub === 'show') {
    const jurisdiction = await jurisdictionOf(prisma, args[0])
    const s = await ssoSettings(jurisdiction.id)
    if (!s) return io.out(`${jurisdiction.code}: single sign-on is not set up`)
    io.out(`${jurisdiction.code}: issuer ${s.issuer}, client ${s.clientId}, secret ${s.hasClientSecret ? 'stored' : 'none'}, button "${s.displayName}"`)
    io.out(
      `  sign-in page: ${s.enabled ? 'on' : 'off'}; password sign-in: ${s.passwordSignIn ? 'on' : 'off'}; just-in-time accounts: ${s.jitProvisioning ? 'on' : 'off'}`,
    )
    return
  }
  if (sub === 'remove') {
    const jurisdiction = await jurisdictionOf(prisma, args[0])
    const removed = await removeSsoSettings(jurisdiction.id, null)
    return io.out(removed ? `${jurisdiction.code}: single sign-on removed` : `${jurisdiction.code}: single sign-on was not set up`)
  }
  if (sub !== 'set') throw new CliError('usage: sso set|show|remove <jurisdiction-code> ...')
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'boolean', default: false },
      'no-client-secret': { type: 'boolean', default: false },
      name: { type: 'string' },
      enabled: { type: 'string' },
      'password-sign-in': { type: 'string' },
      jit: { type: 'string' },
    },
  })
  const jurisdiction = await jurisdictionOf(prisma, positionals[0])
  const current = await ssoSettings(jurisdiction.id)
  const issuer = values.issuer ?? current?.issuer
  const clientId = values['client-id'] ?? current?.clientId
  if (!issuer) throw new CliError('--issuer <url> is required')
  if (!clientId) throw new CliError('--client-id <id> is required')
  let clientSecret: string | undefined
  if (values['client-secret'] || io.env.OIDC_CLIENT_SECRET !== undefined || (!current && !values['no-client-secret'])) {
    const given = io.env.OIDC_CLIENT_SECRET ?? (await io.promptSecret(`Client secret for ${jurisdiction.code}: `))
    if (given == null || !given.trim())
      throw new CliError('no client secret: set OIDC_CLIENT_SECRET or run in a terminal (or pass --no-client-secret for a public client)')
    clientSecret = given
  }
  const parsed = ssoSettingsSchema.safeParse({
    issuer,
    clientId,
    clientSecret,
    clearSecret: values['no-client-secret'],
    displayName: values.name ?? current?.displayName ?? jurisdiction.name,
    enabled: onOff(values.enabled, '--enabled') ?? current?.enabled ?? true,
    passwordSignIn: onOff(values['password-sign-in'], '--password-sign-in') ?? current?.passwordSignIn ?? true,
    jitProvisioning: onOff(values.jit, '--jit') ?? current?.jitProvisioning ?? false,
  })
  if (!parsed.success) {
    // The schema's messages are translation keys; the operator reads the English text.
    const { ssoEn } = await import('~/locales/sso.en')
    const text = (key: string) => (ssoEn.validation as Record<string, string>)[key.replace(/^sso\.validation\./, '')] ?? key
    throw new CliError(parsed.error.issues.map(i => `${String(i.path[0])}: ${text(i.message)}`).join('; '))
  }
  const saved = await saveSsoSettings(jurisdiction.id, parsed.data, null)
  io.out(
    `${jurisdiction.code}: single sign-on saved (issuer ${saved!.issuer}, client ${saved!.clientId}, secret ${saved!.hasClientSecret ? 'stored' : 'none'}, password sign-in ${saved!.passwordSignIn ? 'on' : 'off'}, just-in-time accounts ${saved!.jitProvisioning ? 'on' : 'off'})`,
  )
}
