// The shared words of a systems-focused critical incident review (see docs/domain.md).
// Every enum the product stores is defined once here; labels live in the i18n layer.

export const incidentTypes = ['fatality', 'near_fatality', 'serious_injury', 'other'] as const
export type IncidentType = (typeof incidentTypes)[number]

export const reviewPhases = ['intake', 'preparation', 'staff_accounts', 'joint_review', 'analysis', 'findings', 'approval', 'shared'] as const
export type ReviewPhase = (typeof reviewPhases)[number]

export const reviewRoles = ['facilitator', 'panel_member', 'qi_lead', 'staff_contributor', 'observer', 'partner'] as const
export type ReviewRole = (typeof reviewRoles)[number]
/** Roles for the jurisdiction's own staff; a partner agency's people join by invitation only (ADR 0039). */
export const staffReviewRoles = ['facilitator', 'panel_member', 'qi_lead', 'staff_contributor', 'observer'] as const satisfies readonly ReviewRole[]

// Family and community voice (ADR 0038).
export const contributorKinds = ['family_member', 'community_representative'] as const
export type ContributorKind = (typeof contributorKinds)[number]
/** What a contributor allows, narrowest first. */
export const consentScopes = ['review_only', 'quote_deidentified', 'shared_deidentified'] as const
export type ConsentScope = (typeof consentScopes)[number]
/** How long an invitation link stays usable, in days: the form's default and its limit. */
export const INVITATION_DAYS_DEFAULT = 14
export const INVITATION_DAYS_MAX = 60

// The family journey of the family journey (docs/domain.md), plus the incident itself and anything else.
export const journeyStages = [
  'worries_raised',
  'referral',
  'connected_to_service',
  'engagement',
  'safety_plan',
  'family_snapshot',
  'assessment',
  'case_plan',
  'case_plan_implemented',
  'case_closure',
  'follow_up_snapshot',
  'incident',
  'other',
] as const
export type JourneyStage = (typeof journeyStages)[number]

export const personRoles = [
  'child',
  'sibling',
  'parent',
  'caregiver',
  'relative',
  'household_member',
  'worker',
  'supervisor',
  'professional',
  'community_member',
  'other',
] as const
export type PersonRole = (typeof personRoles)[number]

export const placeKinds = ['address', 'town', 'school', 'agency', 'hospital', 'other'] as const
export type PlaceKind = (typeof placeKinds)[number]

export const identifierKinds = ['case_number', 'file_number', 'health_number', 'phone', 'email', 'licence', 'other'] as const
export type IdentifierKind = (typeof identifierKinds)[number]

export const coreValues = ['family_centered', 'workforce_informed', 'systems_focused'] as const
export type CoreValue = (typeof coreValues)[number]

export const recommendationStrengths = ['stronger', 'intermediate', 'weaker'] as const
export type RecommendationStrength = (typeof recommendationStrengths)[number]

export const recommendationStatuses = ['proposed', 'accepted', 'in_progress', 'done', 'verified_effective', 'verified_not_effective'] as const
export type RecommendationStatus = (typeof recommendationStatuses)[number]

export const findingStatuses = ['draft', 'agreed'] as const
export type FindingStatus = (typeof findingStatuses)[number]

// 0 none, 1 watch, 2 act, 3 act now.
export const factorRatings = [0, 1, 2, 3] as const
export type FactorRating = (typeof factorRatings)[number]

/** Statutory default: a review completes within 90 days of the incident. */
export const REVIEW_DEADLINE_DAYS = 90
