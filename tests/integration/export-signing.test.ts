// Signed shared exports: the signature covers the canonical form of everything but itself, and
// a receiving jurisdiction accepts a review only when it is signed with the key its admin
// registered for the jurisdiction the review names.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { canonicalJson, sharedReviewSchema, type SharedReview } from '~/domain/export'
import { importSharedReviews } from '~/models/shared-review.server'
import { generateSigningKey, keyIdOf, ownPublicKey, registerTrustedKey, signingKeyOf, signSharedReview, verifySharedReview } from '~/models/signing.server'
import { prisma } from '~/utils/db.server'
import crypto from 'node:crypto'
import { exportJurisdiction, exportUser } from '../fixtures/export/db'

const sample = sharedReviewSchema.parse(JSON.parse(fs.readFileSync('tests/fixtures/trends/shared-review.json', 'utf8')))
const review = (jurisdiction: string): SharedReview => ({ ...sample, jurisdiction, signature: undefined })

describe('canonical serialisation', () => {
  it('sorts keys at every depth and writes no whitespace, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true } })).toBe('{"a":{"c":true,"d":[1,"x",null]},"b":1}')
    expect(canonicalJson({ a: { c: true, d: [1, 'x', null] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, 'x', null], c: true } }))
  })
})

describe('signing and verifying', () => {
  const lakeshore = generateSigningKey()
  const other = generateSigningKey()
  const trusted = new Map([
    ['LAKE-1', lakeshore.publicKey],
    ['OTHER-1', other.publicKey],
  ])

  it('accepts a review signed with the key registered for its jurisdiction, in any key order', () => {
    const signed = signSharedReview(review('LAKE-1'), lakeshore)
    expect(signed.signature).toMatchObject({ algorithm: 'Ed25519', keyId: keyIdOf(crypto.createPublicKey(lakeshore.publicKey)) })
    expect(sharedReviewSchema.safeParse(signed).success).toBe(true)
    expect(verifySharedReview(signed, trusted)).toEqual({ ok: true })
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse()))) as SharedReview
    expect(verifySharedReview(reordered, trusted)).toEqual({ ok: true })
  })

  it('refuses a tampered file', () => {
    const signed = signSharedReview(review('LAKE-1'), lakeshore)
    const tampered: SharedReview = { ...signed, findings: signed.findings.map((f, i) => (i === 0 ? { ...f, text: `${f.text} (edited)` } : f)) }
    expect(verifySharedReview(tampered, trusted)).toEqual({ ok: false, problem: 'badSignature' })
    const flipped = {
      ...signed,
      signature: { ...signed.signature!, value: `${signed.signature!.value.startsWith('A') ? 'B' : 'A'}${signed.signature!.value.slice(1)}` },
    }
    expect(verifySharedReview(flipped, trusted)).toEqual({ ok: false, problem: 'badSignature' })
  })

  it('refuses an unsigned file, an unknown jurisdiction, a wrong key and a jurisdiction that does not match its key', () => {
    expect(verifySharedReview(review('LAKE-1'), trusted)).toEqual({ ok: false, problem: 'unsigned' })
    expect(verifySharedReview(signSharedReview(review('NOBODY-1'), lakeshore), trusted)).toEqual({ ok: false, problem: 'unknownJurisdiction' })
    expect(verifySharedReview(signSharedReview(review('LAKE-1'), generateSigningKey()), trusted)).toEqual({ ok: false, problem: 'keyMismatch' })
    // OTHER-1 signs a review claiming to be Lakeshore's: a valid signature, the wrong jurisdiction.
    expect(verifySharedReview(signSharedReview(review('LAKE-1'), other), trusted)).toEqual({ ok: false, problem: 'keyMismatch' })
    // And a signature lifted from Lakeshore's review onto one that says it is OTHER-1's.
    const lifted = { ...review('OTHER-1'), signature: signSharedReview(review('LAKE-1'), lakeshore).signature }
    expect(verifySharedReview(lifted, trusted)).toEqual({ ok: false, problem: 'keyMismatch' })
  })
})

describe('keys in the database and the trends import', () => {
  it('makes each jurisdiction’s key once, and imports only what the registered key signed', async () => {
    const source = await exportJurisdiction()
    const importer = await exportJurisdiction()
    const admin = await exportUser(importer.id)
    const first = await ownPublicKey(source.id)
    expect(await ownPublicKey(source.id)).toEqual(first)
    expect(first.publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/)
    const signed = signSharedReview(review(source.code), await signingKeyOf(source.id))
    const files = [{ name: 'shared.json', text: JSON.stringify(signed) }]
    const who = { jurisdictionId: importer.id, code: importer.code, userId: admin.id }
    const trustee = { jurisdictionId: importer.id, code: importer.code }

    const before = await importSharedReviews(who, files)
    expect(before).toMatchObject({
      ok: false,
      problems: [{ file: 'shared.json', where: '/jurisdiction', message: { key: 'signature.unknownJurisdiction', params: { code: source.code } } }],
    })

    expect(await registerTrustedKey(trustee, 'lowercase no', first.publicKey, admin.id)).toEqual({
      ok: false,
      field: 'code',
      message: 'settings.trust.errors.code',
    })
    expect(await registerTrustedKey(trustee, importer.code, first.publicKey, admin.id)).toMatchObject({ ok: false, field: 'code' })
    expect(await registerTrustedKey(trustee, source.code, 'not a key', admin.id)).toEqual({
      ok: false,
      field: 'publicKey',
      message: 'settings.trust.errors.key',
    })
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()
    expect(await registerTrustedKey(trustee, source.code, rsa, admin.id)).toMatchObject({ ok: false, field: 'publicKey' })
    expect(await registerTrustedKey(trustee, source.code.toLowerCase(), first.publicKey, admin.id)).toEqual({ ok: true })
    expect(await prisma.auditEvent.count({ where: { jurisdictionId: importer.id, action: 'jurisdiction.key-trusted' } })).toBe(1)

    const unsigned = await importSharedReviews(who, [{ name: 'unsigned.json', text: JSON.stringify(review(source.code)) }])
    expect(unsigned).toMatchObject({ ok: false, problems: [{ where: '/signature', message: { key: 'signature.unsigned' } }] })
    const tampered = await importSharedReviews(who, [
      { name: 't.json', text: JSON.stringify({ ...signed, review: { ...signed.review, incidentYear: signed.review.incidentYear - 1 } }) },
    ])
    expect(tampered).toMatchObject({ ok: false, problems: [{ where: '/signature', message: { key: 'signature.badSignature' } }] })
    expect(await prisma.sharedReview.count({ where: { jurisdictionId: importer.id } })).toBe(0)

    expect(await importSharedReviews(who, files)).toMatchObject({ ok: true, created: 1 })
  })
})
