// Labels that several namespaces show (the workspace, the trends page, the exported report): one
// wording in each language, so a stage of the family journey or a core value is never named two
// ways. Each namespace spreads them in under its own keys, so components keep their keys.
import type { Widen } from './widen'

const en = {
  status: {
    draft: 'Draft',
    agreed: 'Agreed',
  },
  value: {
    family_centered: 'Family-centered',
    workforce_informed: 'Workforce-informed',
    systems_focused: 'Systems-focused',
  },
  stage: {
    worries_raised: 'Worries raised',
    referral: 'Referral made',
    connected_to_service: 'Family connected to service',
    engagement: 'Family engagement',
    safety_plan: 'Safety plan',
    family_snapshot: 'Family snapshot',
    assessment: 'Assessment',
    case_plan: 'Case plan',
    case_plan_implemented: 'Case plan implemented',
    case_closure: 'Case closure summary',
    follow_up_snapshot: 'Follow-up family snapshot',
    incident: 'The incident',
    other: 'Other',
  },
} as const

const fr: Widen<typeof en> = {
  status: {
    draft: 'Ébauche',
    agreed: 'Convenu',
  },
  value: {
    family_centered: 'Centré sur la famille',
    workforce_informed: 'Éclairé par le personnel',
    systems_focused: 'Axé sur les systèmes',
  },
  stage: {
    worries_raised: 'Inquiétudes exprimées',
    referral: 'Demande de service faite',
    connected_to_service: 'Famille mise en lien avec un service',
    engagement: 'Engagement de la famille',
    safety_plan: 'Plan de sécurité',
    family_snapshot: 'Portrait de la famille',
    assessment: 'Évaluation',
    case_plan: 'Plan d’intervention',
    case_plan_implemented: 'Plan d’intervention mis en œuvre',
    case_closure: 'Sommaire de fermeture du dossier',
    follow_up_snapshot: 'Portrait de suivi de la famille',
    incident: 'L’incident',
    other: 'Autre',
  },
}

export const sharedLabelsEn = en
export const sharedLabelsFr = fr
