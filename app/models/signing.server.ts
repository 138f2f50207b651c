// Signed shared exports (ADR 0017). Each jurisdiction has an Ed25519 key pair, made on first
// need; the JSON export carries the signature over the canonical serialisation of the review
// without its signature. A receiving jurisdiction imports a shared review only when it is
// signed by the key its admin registered for the jurisdiction the review names.
import crypto from 'node:crypto'
import { canonicalJson, type SharedReview, type SharedReviewSignature } from '~/domain/export'
import { sha256Hex } from '~/utils/digest.server'
import { prisma } from '~/utils/db.server'
import { audit } from './audit.server'

export type SigningKey = { publicKey: string; privateKey: string }

export function generateSigningKey(): SigningKey {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519')
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

/** Parses a PEM public key; null unless it is an Ed25519 public key. */
export function parsePublicKey(pem: string): crypto.KeyObject | null {
  try {
    const key = crypto.createPublicKey({ key: pem.trim(), format: 'pem' })
    return key.asymmetricKeyType === 'ed25519' ? key : null
  } catch {
    return null
  }
}

/** The key's id: the first 32 hex characters of the SHA-256 of its SubjectPublicKeyInfo (DER). */
export function keyIdOf(key: crypto.KeyObject): string {
  return sha256Hex(new Uint8Array(key.export({ type: 'spki', format: 'der' }))).slice(0, 32)
}

/** The bytes a signature covers: the review without its signature, canonically serialised. */
export function signedBytes(review: SharedReview): Buffer {
  const { signature: _ignored, ...unsigned } = review
  return Buffer.from(canonicalJson(unsigned), 'utf8')
}

export function signSharedReview(review: SharedReview, key: SigningKey): SharedReview {
  const privateKey = crypto.createPrivateKey({ key: key.privateKey, format: 'pem' })
  const publicKey = crypto.createPublicKey(privateKey)
  const signature: SharedReviewSignature = {
    algorithm: 'Ed25519',
    keyId: keyIdOf(publicKey),
    value: crypto.sign(null, signedBytes(review), privateKey).toString('base64'),
  }
  return { ...review, signature }
}

export type VerifyProblem = 'unsigned' | 'unknownJurisdiction' | 'keyMismatch' | 'badSignature'
export type VerifyOutcome = { ok: true } | { ok: false; problem: VerifyProblem }

/**
 * Checks a shared review against the public keys registered by code. The key must be the one
 * registered for the jurisdiction the review names: a review signed with another jurisdiction's
 * (valid) key is refused as not matching its jurisdiction.
 */
export function verifySharedReview(review: SharedReview, trusted: ReadonlyMap<string, string>): VerifyOutcome {
  if (!review.signature) return { ok: false, problem: 'unsigned' }
  const pem = trusted.get(review.jurisdiction)
  const key = pem ? parsePublicKey(pem) : null
  if (!key) return { ok: false, problem: 'unknownJurisdiction' }
  if (review.signature.keyId !== keyIdOf(key)) return { ok: false, problem: 'keyMismatch' }
  let valid = false
  try {
    valid = crypto.verify(null, signedBytes(review), key, Buffer.from(review.signature.value, 'base64'))
  } catch {
    valid = false
  }
  return valid ? { ok: true } : { ok: false, problem: 'badSignature' }
}

// ---------------------------------------------------------------- keys in the database

/**
 * The jurisdiction's key pair, made and stored on first need. Two exports racing to make it
 * both write only where none exists yet, and both then use the stored one.
 */
export async function signingKeyOf(jurisdictionId: string): Promise<SigningKey> {
  const current = await prisma.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { signingPublicKey: true, signingPrivateKey: true } })
  if (current.signingPublicKey && current.signingPrivateKey) return { publicKey: current.signingPublicKey, privateKey: current.signingPrivateKey }
  const fresh = generateSigningKey()
  await prisma.jurisdiction.updateMany({
    where: { id: jurisdictionId, signingPrivateKey: null },
    data: { signingPublicKey: fresh.publicKey, signingPrivateKey: fresh.privateKey },
  })
  const stored = await prisma.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { signingPublicKey: true, signingPrivateKey: true } })
  return { publicKey: stored.signingPublicKey ?? fresh.publicKey, privateKey: stored.signingPrivateKey ?? fresh.privateKey }
}

/** What the admin copies to another jurisdiction: the public key and its id. */
export async function ownPublicKey(jurisdictionId: string): Promise<{ publicKey: string; keyId: string }> {
  const key = await signingKeyOf(jurisdictionId)
  return { publicKey: key.publicKey.trim(), keyId: keyIdOf(crypto.createPublicKey(key.publicKey)) }
}

export type TrustedKey = { id: string; code: string; keyId: string; addedAt: string }

export async function trustedKeys(jurisdictionId: string): Promise<TrustedKey[]> {
  const rows = await prisma.trustedJurisdictionKey.findMany({ where: { jurisdictionId }, orderBy: { code: 'asc' } })
  return rows.map(r => {
    const key = parsePublicKey(r.publicKey)
    return { id: r.id, code: r.code, keyId: key ? keyIdOf(key) : '?', addedAt: r.addedAt.toISOString() }
  })
}

export async function trustedKeyMap(jurisdictionId: string): Promise<Map<string, string>> {
  const rows = await prisma.trustedJurisdictionKey.findMany({ where: { jurisdictionId }, select: { code: true, publicKey: true } })
  return new Map(rows.map(r => [r.code, r.publicKey]))
}

export const JURISDICTION_CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/

export type TrustOutcome = { ok: true } | { ok: false; field: 'code' | 'publicKey'; message: string }

/** Registers (or replaces) the public key of another jurisdiction. */
export async function registerTrustedKey(
  importer: { jurisdictionId: string; code: string },
  code: string,
  publicKey: string,
  actorId: string,
): Promise<TrustOutcome> {
  const wanted = code.trim().toUpperCase()
  if (!JURISDICTION_CODE.test(wanted)) return { ok: false, field: 'code', message: 'settings.trust.errors.code' }
  if (wanted === importer.code) return { ok: false, field: 'code', message: 'settings.trust.errors.own' }
  const key = parsePublicKey(publicKey)
  if (!key) return { ok: false, field: 'publicKey', message: 'settings.trust.errors.key' }
  const pem = key.export({ type: 'spki', format: 'pem' }).toString()
  await prisma.$transaction([
    prisma.trustedJurisdictionKey.upsert({
      where: { jurisdictionId_code: { jurisdictionId: importer.jurisdictionId, code: wanted } },
      create: { jurisdictionId: importer.jurisdictionId, code: wanted, publicKey: pem, addedById: actorId },
      update: { publicKey: pem, addedById: actorId, addedAt: new Date() },
    }),
    audit(prisma, { jurisdictionId: importer.jurisdictionId, actorId, action: 'jurisdiction.key-trusted', detail: { code: wanted, keyId: keyIdOf(key) } }),
  ])
  return { ok: true }
}

export async function removeTrustedKey(jurisdictionId: string, id: string, actorId: string): Promise<boolean> {
  const row = await prisma.trustedJurisdictionKey.findFirst({ where: { id, jurisdictionId } })
  if (!row) return false
  await prisma.$transaction([
    prisma.trustedJurisdictionKey.delete({ where: { id: row.id } }),
    audit(prisma, { jurisdictionId, actorId, action: 'jurisdiction.key-untrusted', detail: { code: row.code } }),
  ])
  return true
}
