// Kept versions of a jurisdiction's practice standards and factor framework, and the versions
// each review uses (ADR 0036).
import { z } from 'zod'
import { defaultFactorFramework, parseFactorFramework, type FactorFramework } from '~/domain/factors'
import {
  newerVersions,
  nextVersionNumber,
  switchToNewer,
  type NewerVersions,
  type SettingsKind,
  type SettingsPins,
  settingsKinds,
} from '~/domain/settings-versions'
import { parseJsonColumn } from './decode.server'
import { defaultPracticeStandards, parsePracticeStandards, type PracticeStandards } from '~/domain/standards'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { audit, type SettingsAuditAction, type SettingsAuditDetail } from './audit.server'

type Tx = Prisma.TransactionClient

/** The highest kept version of each kind: the versions in force (0 = the shipped defaults). */
export async function versionsInForce(jurisdictionId: string, tx: Tx | typeof prisma = prisma): Promise<SettingsPins> {
  const rows = await tx.settingsVersion.groupBy({ by: ['kind'], where: { jurisdictionId }, _max: { number: true } })
  const highest = (kind: SettingsKind) => rows.find(r => r.kind === kind)?._max.number ?? 0
  return { practiceStandards: highest('practiceStandards'), factorFramework: highest('factorFramework') }
}

/**
 * Keeps a new version (already validated) and makes it the one in force. `custom` false means
 * the shipped defaults were put back: kept as a version all the same, so reviews still on the
 * custom one are not moved.
 */
export async function saveSettingsVersion(
  input: { jurisdictionId: string; kind: SettingsKind; content: PracticeStandards | FactorFramework; custom: boolean; actorId: string | null },
  recorded: { action: SettingsAuditAction; detail: SettingsAuditDetail },
): Promise<number> {
  return prisma.$transaction(async tx => {
    const highest = await tx.settingsVersion.aggregate({ where: { jurisdictionId: input.jurisdictionId, kind: input.kind }, _max: { number: true } })
    const number = nextVersionNumber(highest._max.number)
    const content = JSON.stringify(input.content)
    await tx.settingsVersion.create({ data: { jurisdictionId: input.jurisdictionId, kind: input.kind, number, content, createdById: input.actorId } })
    // The jurisdiction's column mirrors the version in force, for readers that need no history.
    await tx.jurisdiction.update({ where: { id: input.jurisdictionId }, data: { [input.kind]: input.custom ? content : null } })
    await audit(tx, { jurisdictionId: input.jurisdictionId, actorId: input.actorId, action: recorded.action, detail: { ...recorded.detail, version: number } })
    return number
  })
}

export type KeptVersion = { number: number; createdAt: string; createdBy: string | null }

export async function keptVersions(jurisdictionId: string, kind: SettingsKind): Promise<KeptVersion[]> {
  const rows = await prisma.settingsVersion.findMany({
    where: { jurisdictionId, kind },
    orderBy: { number: 'desc' },
    take: 50,
    select: { number: true, createdAt: true, createdById: true },
  })
  const ids = [...new Set(rows.map(r => r.createdById).filter((id): id is string => Boolean(id)))]
  const names = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map(u => [u.id, u.name]))
  return rows.map(r => ({ number: r.number, createdAt: r.createdAt.toISOString(), createdBy: r.createdById ? (names.get(r.createdById) ?? null) : null }))
}

async function versionText(jurisdictionId: string, kind: SettingsKind, number: number): Promise<string | null> {
  if (number === 0) return null
  const row = await prisma.settingsVersion.findUnique({ where: { jurisdictionId_kind_number: { jurisdictionId, kind, number } }, select: { content: true } })
  return row?.content ?? null
}

// Stored versions were validated when saved; one that no longer parses (a schema change) falls
// back to the defaults rather than breaking the review.
export async function practiceStandardsVersion(jurisdictionId: string, number: number): Promise<PracticeStandards> {
  const text = await versionText(jurisdictionId, 'practiceStandards', number)
  const parsed = text ? parsePracticeStandards(text) : null
  return parsed?.ok ? parsed.standards : defaultPracticeStandards
}

export async function factorFrameworkVersion(jurisdictionId: string, number: number): Promise<FactorFramework> {
  const text = await versionText(jurisdictionId, 'factorFramework', number)
  const parsed = text ? parseFactorFramework(text) : null
  return parsed?.ok ? parsed.framework : defaultFactorFramework
}

export type ReviewSettingsRow = { id: string; jurisdictionId: string; standardsVersion: number; frameworkVersion: number }

export function pinsOf(review: { standardsVersion: number; frameworkVersion: number }): SettingsPins {
  return { practiceStandards: review.standardsVersion, factorFramework: review.frameworkVersion }
}

export type ReviewSettings = {
  practiceStandards: PracticeStandards
  factorFramework: FactorFramework
  pins: SettingsPins
  inForce: SettingsPins
  newer: NewerVersions
}

/** The standards and framework a review uses: the versions it names, not the newest. */
export async function reviewSettings(review: ReviewSettingsRow): Promise<ReviewSettings> {
  const pins = pinsOf(review)
  const [practiceStandards, factorFramework, inForce] = await Promise.all([
    practiceStandardsVersion(review.jurisdictionId, pins.practiceStandards),
    factorFrameworkVersion(review.jurisdictionId, pins.factorFramework),
    versionsInForce(review.jurisdictionId),
  ])
  return { practiceStandards, factorFramework, pins, inForce, newer: newerVersions(pins, inForce) }
}

/**
 * The facilitator's choice to use the versions now in force; recorded in the review's history.
 * False when the review was already up to date (a second click, two facilitators at once).
 */
export async function switchReviewSettings(review: { id: string; jurisdictionId: string }, actorId: string): Promise<boolean> {
  return prisma.$transaction(async tx => {
    const current = await tx.review.findUniqueOrThrow({ where: { id: review.id }, select: { standardsVersion: true, frameworkVersion: true } })
    const change = switchToNewer(pinsOf(current), await versionsInForce(review.jurisdictionId, tx))
    if (!change) return false
    await tx.review.update({
      where: { id: review.id },
      data: { standardsVersion: change.pins.practiceStandards, frameworkVersion: change.pins.factorFramework },
    })
    await audit(tx, { jurisdictionId: review.jurisdictionId, reviewId: review.id, actorId, action: 'review.settings-switched', detail: change.changes })
    return true
  })
}

// What review.settings-switched records: one from/to pair per kind of settings that moved.
const switchedDetail = z.record(z.enum(settingsKinds), z.object({ from: z.number(), to: z.number() }))

export type SettingsSwitchEntry = { at: string; actorName: string | null; changes: Partial<Record<SettingsKind, { from: number; to: number }>> }

export async function settingsSwitchHistory(reviewId: string): Promise<SettingsSwitchEntry[]> {
  const events = await prisma.auditEvent.findMany({ where: { reviewId, action: 'review.settings-switched' }, orderBy: { createdAt: 'desc' }, take: 50 })
  const ids = [...new Set(events.map(e => e.actorId).filter((id): id is string => Boolean(id)))]
  const names = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map(u => [u.id, u.name]))
  return events.map(e => ({
    at: e.createdAt.toISOString(),
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    changes: parseJsonColumn(switchedDetail, e.detail, `AuditEvent.detail (${e.id})`),
  }))
}
