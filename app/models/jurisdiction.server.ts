import type { z } from 'zod'
import { defaultFactorFramework, FactorFramework, parseFactorFramework } from '~/domain/factors'
import { defaultPracticeStandards, parseJsonWith, parsePracticeStandards, PracticeStandards } from '~/domain/standards'
import type { SettingsKind } from '~/domain/settings-versions'
import { prisma } from '~/utils/db.server'
import { saveSettingsVersion } from './settings-version.server'
import { audit, type SettingsAuditAction, type SettingsAuditDetail } from './audit.server'

export type JurisdictionSettings = {
  practiceStandards: PracticeStandards
  factorFramework: FactorFramework
  customStandards: boolean
  customFramework: boolean
  excludeFromSharing: boolean
  accountNamesVisibleTo: 'facilitator' | 'nobody'
}

/** A jurisdiction's standards and framework: its own when loaded, else the shipped defaults. */
export async function jurisdictionSettings(jurisdictionId: string): Promise<JurisdictionSettings> {
  const j = await prisma.jurisdiction.findUniqueOrThrow({
    where: { id: jurisdictionId },
    select: { practiceStandards: true, factorFramework: true, excludeFromSharing: true, accountNamesVisibleTo: true },
  })
  // Stored values were validated when saved; a row that no longer parses falls back loudly.
  const standards = j.practiceStandards ? parsePracticeStandards(JSON.parse(j.practiceStandards)) : null
  const framework = j.factorFramework ? parseFactorFramework(JSON.parse(j.factorFramework)) : null
  return {
    practiceStandards: standards?.ok ? standards.standards : defaultPracticeStandards,
    factorFramework: framework?.ok ? framework.framework : defaultFactorFramework,
    customStandards: Boolean(standards?.ok),
    customFramework: Boolean(framework?.ok),
    excludeFromSharing: j.excludeFromSharing,
    accountNamesVisibleTo: j.accountNamesVisibleTo === 'facilitator' ? 'facilitator' : 'nobody',
  }
}

export type SettingsProblem = { where: string; message: string }
export type SettingsOutcome = { ok: true; version: number } | { ok: false; problems: SettingsProblem[] }

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problems: SettingsProblem[] } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, problems: [{ where: '/', message: `not valid JSON: ${(error as Error).message}` }] }
  }
}

/**
 * An administrator's JSON text, validated against the schema, saved as a new version of the
 * setting (reviews keep the one they were opened with, ADR 0036); otherwise every problem at
 * its JSON pointer and nothing saved.
 */
async function saveSettingsText<T extends PracticeStandards | FactorFramework>(
  setting: { jurisdictionId: string; kind: SettingsKind; actorId: string },
  text: string,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  recorded: (value: T) => { action: SettingsAuditAction; detail: SettingsAuditDetail },
): Promise<SettingsOutcome> {
  const json = parseJsonText(text)
  if (!json.ok) return json
  const parsed = parseJsonWith(schema, json.value)
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map(p => ({ where: p.path || '/', message: p.message })) }
  return { ok: true, version: await saveSettingsVersion({ ...setting, content: parsed.value, custom: true }, recorded(parsed.value)) }
}

export function saveFactorFramework(jurisdictionId: string, text: string, actorId: string): Promise<SettingsOutcome> {
  return saveSettingsText({ jurisdictionId, kind: 'factorFramework', actorId }, text, FactorFramework, framework => ({
    action: 'jurisdiction.framework-loaded',
    detail: { id: framework.id, frameworkVersion: framework.version },
  }))
}

export function savePracticeStandards(jurisdictionId: string, text: string, actorId: string): Promise<SettingsOutcome> {
  return saveSettingsText({ jurisdictionId, kind: 'practiceStandards', actorId }, text, PracticeStandards, standards => ({
    action: 'jurisdiction.standards-loaded',
    detail: { id: standards.id, rules: standards.rules.length },
  }))
}

/** Puts the shipped defaults back in force, as a new version (reviews on older ones keep them). */
export async function resetSetting(jurisdictionId: string, which: 'factorFramework' | 'practiceStandards', actorId: string) {
  await saveSettingsVersion(
    { jurisdictionId, kind: which, content: which === 'factorFramework' ? defaultFactorFramework : defaultPracticeStandards, custom: false, actorId },
    { action: `jurisdiction.${which}-reset`, detail: {} },
  )
}

export async function setExcludeFromSharing(jurisdictionId: string, exclude: boolean, actorId: string) {
  await prisma.$transaction([
    prisma.jurisdiction.update({ where: { id: jurisdictionId }, data: { excludeFromSharing: exclude } }),
    audit(prisma, { jurisdictionId, actorId, action: 'jurisdiction.sharing-changed', detail: { excludeFromSharing: exclude } }),
  ])
}

export async function setAccountNamesVisibleTo(jurisdictionId: string, visibleTo: 'facilitator' | 'nobody', actorId: string) {
  await prisma.$transaction([
    prisma.jurisdiction.update({ where: { id: jurisdictionId }, data: { accountNamesVisibleTo: visibleTo } }),
    audit(prisma, { jurisdictionId, actorId, action: 'jurisdiction.account-names-changed', detail: { visibleTo } }),
  ])
}
