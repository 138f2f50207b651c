import type { ReportLabels } from '~/domain/export/labels'
import { en, type Translations } from './en'
import { exportEn } from './export.en'
import { exportFr } from './export.fr'
import { fr } from './fr'

// The enum labels are the interface's own, so a report never names a phase differently.
function enumLabels(ui: Translations) {
  return { incidentType: ui.incidentType, phase: ui.phase, strength: ui.strength, recommendationStatus: ui.recommendationStatus }
}

// The maps' words are the workspace's own, so the report names the parts as the panel saw them.
function safetyMapLabels(ui: Translations): ReportLabels['safetyMaps'] {
  const { report, columns, fields, parties } = ui.safetyMap
  return { ...report, columns, fields, parties }
}

/** Typed here so that a missing or misspelled report label fails the build. */
export function reportLabels(locale: 'en' | 'fr'): ReportLabels {
  const english: ReportLabels = { ...exportEn.report, ...enumLabels(en), safetyMaps: safetyMapLabels(en) }
  const french: ReportLabels = { ...exportFr.report, ...enumLabels(fr), safetyMaps: safetyMapLabels(fr) }
  return locale === 'fr' ? french : english
}
