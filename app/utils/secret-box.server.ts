import crypto from 'node:crypto'
import { getEnv } from './env.server'

// Secrets the app must use later (an OIDC client secret) are sealed with AES-256-GCM under a
// key derived from SESSION_SECRET, so a copy of the database alone does not reveal them
// (ADR 0026). Changing SESSION_SECRET makes them unreadable: they must then be entered again.
const VERSION = 'v1'

function key(secret: string) {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'scir-secret-box', 'oidc-client-secret', 32))
}

export class SealedSecretError extends Error {}

export function seal(plain: string, secret = getEnv().SESSION_SECRET) {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv('aes-256-gcm', key(secret), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
}

export function unseal(sealed: string, secret = getEnv().SESSION_SECRET) {
  const [version, iv, tag, body] = sealed.split('.')
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SealedSecretError('sealed secret has an unknown format')
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key(secret), Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new SealedSecretError('the stored client secret cannot be read with the current SESSION_SECRET; enter it again')
  }
}
