// A jurisdiction's single sign-on settings (ADR 0026). The client secret goes in, never out:
// readers get only whether one is stored.
import { z } from 'zod'
import { audit, auditEvent } from './audit.server'
import { prisma } from '~/utils/db.server'
import { seal } from '~/utils/secret-box.server'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

export function isLoopbackHttp(url: URL) {
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname)
}

// An issuer is https; plain http only on this machine's loopback (a provider run by the tests
// or beside the app), never across a network.
export const issuerSchema = z
  .string({ required_error: 'sso.validation.issuerRequired' })
  .trim()
  .min(1, 'sso.validation.issuerRequired')
  .max(500, 'sso.validation.issuerInvalid')
  .refine(v => {
    try {
      const url = new URL(v)
      return !url.search && !url.hash && !url.username && (url.protocol === 'https:' || isLoopbackHttp(url))
    } catch {
      return false
    }
  }, 'sso.validation.issuerInvalid')

export const ssoSettingsSchema = z.object({
  issuer: issuerSchema,
  clientId: z
    .string({ required_error: 'sso.validation.clientIdRequired' })
    .trim()
    .min(1, 'sso.validation.clientIdRequired')
    .max(300, 'sso.validation.clientIdRequired'),
  // Absent: keep the stored secret. Given: replace it.
  clientSecret: z.string().max(1000, 'sso.validation.secretTooLong').optional(),
  clearSecret: z.boolean().default(false),
  displayName: z
    .string({ required_error: 'sso.validation.displayNameRequired' })
    .trim()
    .min(1, 'sso.validation.displayNameRequired')
    .max(80, 'sso.validation.displayNameTooLong'),
  enabled: z.boolean().default(true),
  passwordSignIn: z.boolean().default(true),
  jitProvisioning: z.boolean().default(false),
})
export type SsoSettingsInput = z.input<typeof ssoSettingsSchema>

export type SsoSettingsView = {
  issuer: string
  clientId: string
  hasClientSecret: boolean
  displayName: string
  enabled: boolean
  passwordSignIn: boolean
  jitProvisioning: boolean
  updatedAt: string
}

export async function ssoSettings(jurisdictionId: string): Promise<SsoSettingsView | null> {
  const row = await prisma.jurisdictionSso.findUnique({ where: { jurisdictionId } })
  if (!row) return null
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: Boolean(row.clientSecretSealed),
    displayName: row.displayName,
    enabled: row.enabled,
    passwordSignIn: row.passwordSignIn,
    jitProvisioning: row.jitProvisioning,
    updatedAt: row.updatedAt.toISOString(),
  }
}

export async function saveSsoSettings(jurisdictionId: string, input: SsoSettingsInput, actorId: string | null) {
  const value = ssoSettingsSchema.parse(input)
  const secret = value.clientSecret?.trim() ? { clientSecretSealed: seal(value.clientSecret.trim()) } : value.clearSecret ? { clientSecretSealed: null } : {}
  const data = {
    issuer: value.issuer,
    clientId: value.clientId,
    displayName: value.displayName,
    enabled: value.enabled,
    passwordSignIn: value.passwordSignIn,
    jitProvisioning: value.jitProvisioning,
  }
  await prisma.$transaction(async tx => {
    await tx.jurisdictionSso.upsert({ where: { jurisdictionId }, create: { jurisdictionId, ...data, ...secret }, update: { ...data, ...secret } })
    // The audit names what changed, never the secret.
    await audit(tx, { jurisdictionId, actorId, action: 'sso.configured', detail: { ...data, secretChanged: 'clientSecretSealed' in secret } })
  })
  return ssoSettings(jurisdictionId)
}

export async function removeSsoSettings(jurisdictionId: string, actorId: string | null) {
  return prisma.$transaction(async tx => {
    const { count } = await tx.jurisdictionSso.deleteMany({ where: { jurisdictionId } })
    if (count) await audit(tx, { jurisdictionId, actorId, action: 'sso.removed' })
    return count > 0
  })
}

/** The providers the sign-in page offers, one per jurisdiction that has SSO turned on. */
export async function signInProviders() {
  const rows = await prisma.jurisdictionSso.findMany({
    where: { enabled: true },
    select: { displayName: true, jurisdiction: { select: { code: true, name: true } } },
    orderBy: { jurisdiction: { name: 'asc' } },
  })
  return rows.map(r => ({ code: r.jurisdiction.code, jurisdictionName: r.jurisdiction.name, displayName: r.displayName }))
}

/** Whether a user may sign in with a password; when not, the provider they must use instead. */
export async function passwordSignInFor(userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { jurisdiction: { select: { code: true, sso: { select: { passwordSignIn: true, enabled: true, displayName: true } } } } },
  })
  const sso = user?.jurisdiction.sso
  if (!sso || sso.passwordSignIn || !sso.enabled) return { allowed: true as const }
  return { allowed: false as const, provider: { code: user.jurisdiction.code, displayName: sso.displayName } }
}

export type SsoIdentity = { issuer: string; subject: string; email: string | null; emailVerified: boolean | null; name: string | null }
export type SsoRefusal = 'no-email' | 'email-unverified' | 'unknown-email' | 'other-jurisdiction' | 'deactivated' | 'linked-elsewhere'
export type SsoOutcome = { ok: true; userId: string; how: 'returning' | 'linked' | 'created' } | { ok: false; reason: SsoRefusal }

const emailSchema = z.string().trim().toLowerCase().email().max(200)

/**
 * Who a provider's subject is here. A subject seen before is that user. Otherwise the email the
 * provider vouches for links the user of this jurisdiction who has it, once; an email nobody
 * here has becomes a new user with no review access only when the jurisdiction allows it.
 */
export async function resolveSsoUser(jurisdictionId: string, identity: SsoIdentity): Promise<SsoOutcome> {
  const outcome = await decide(jurisdictionId, identity)
  // The subject is the provider's opaque id; a refused email is kept out (it may be nobody's here).
  await auditEvent(
    outcome.ok
      ? { jurisdictionId, actorId: outcome.userId, action: 'sso.signed-in', detail: { how: outcome.how, issuer: identity.issuer } }
      : { jurisdictionId, actorId: null, action: 'sso.refused', detail: { reason: outcome.reason, issuer: identity.issuer } },
  )
  return outcome
}

async function decide(jurisdictionId: string, identity: SsoIdentity): Promise<SsoOutcome> {
  const linked = await prisma.userIdentity.findUnique({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    select: { id: true, user: { select: { id: true, jurisdictionId: true, deactivatedAt: true } } },
  })
  if (linked) {
    if (linked.user.jurisdictionId !== jurisdictionId) return { ok: false, reason: 'other-jurisdiction' }
    if (linked.user.deactivatedAt) return { ok: false, reason: 'deactivated' }
    await prisma.userIdentity.update({ where: { id: linked.id }, data: { lastSignInAt: new Date() } })
    return { ok: true, userId: linked.user.id, how: 'returning' }
  }
  const email = emailSchema.safeParse(identity.email)
  if (!email.success) return { ok: false, reason: 'no-email' }
  // Linking by an address the provider says it has not verified would hand the account to
  // whoever typed it there.
  if (identity.emailVerified === false) return { ok: false, reason: 'email-unverified' }
  const known = await prisma.user.findUnique({
    where: { email: email.data },
    select: { id: true, jurisdictionId: true, deactivatedAt: true, identities: { where: { issuer: identity.issuer }, select: { id: true } } },
  })
  if (known) {
    if (known.jurisdictionId !== jurisdictionId) return { ok: false, reason: 'other-jurisdiction' }
    if (known.deactivatedAt) return { ok: false, reason: 'deactivated' }
    // One account at this provider per user: a second subject claiming the same email is refused.
    if (known.identities.length) return { ok: false, reason: 'linked-elsewhere' }
    await prisma.userIdentity.create({ data: { userId: known.id, issuer: identity.issuer, subject: identity.subject } })
    return { ok: true, userId: known.id, how: 'linked' }
  }
  const sso = await prisma.jurisdictionSso.findUnique({ where: { jurisdictionId }, select: { jitProvisioning: true } })
  if (!sso?.jitProvisioning) return { ok: false, reason: 'unknown-email' }
  const name = identity.name?.trim().slice(0, 120) || email.data.split('@')[0]!
  const user = await prisma.$transaction(async tx => {
    const created = await tx.user.create({
      data: { email: email.data, name, jurisdictionId, identities: { create: { issuer: identity.issuer, subject: identity.subject } } },
      select: { id: true },
    })
    await audit(tx, { jurisdictionId, actorId: null, action: 'user.created-by-sso', detail: { userId: created.id } })
    return created
  })
  return { ok: true, userId: user.id, how: 'created' }
}
