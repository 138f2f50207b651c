// The one place that decides who may do what. Loaders, actions, the collaboration socket and
// the CLI all ask `can()`; nothing else compares roles.
//
// Permissions read `action:entity`; the scope is decided by how the actor relates to the
// target: as a member of the review (their review role), as an admin of its jurisdiction,
// or as any active user of the same jurisdiction. Another jurisdiction never gets anything.
import type { ReviewRole } from './vocabulary'

export const permissions = [
  'create:review',
  'read:review',
  'update:review',
  'move:review-phase',
  'read:review-members',
  'manage:review-members',
  'read:review-doc',
  'write:review-doc',
  'export:review',
  'read:users',
  'manage:users',
  'manage:jurisdiction-settings',
] as const
export type Permission = (typeof permissions)[number]

export type Actor = {
  userId: string
  jurisdictionId: string
  isAdmin: boolean
  active: boolean
}

export type PermissionTarget =
  | { kind: 'jurisdiction'; jurisdictionId: string }
  | { kind: 'review'; jurisdictionId: string; memberRole: ReviewRole | null }

const reader: Permission[] = ['read:review', 'read:review-members', 'read:review-doc']
const editor: Permission[] = [...reader, 'write:review-doc']

export const reviewRoleGrants: Record<ReviewRole, readonly Permission[]> = {
  facilitator: [...editor, 'update:review', 'move:review-phase', 'manage:review-members'],
  qi_lead: [...editor, 'export:review'],
  panel_member: editor,
  // Staff contributors see the shared case chronology as context for their account but do
  // not co-author the panel's analysis.
  staff_contributor: reader,
  observer: reader,
}

// Admins run the jurisdiction (users, staffing a review) but are not panel members: they can
// see a review and fix its membership, not write in it.
export const jurisdictionAdminGrants: readonly Permission[] = [
  'read:review',
  'read:review-members',
  'manage:review-members',
  'read:review-doc',
  'read:users',
  'manage:users',
  'manage:jurisdiction-settings',
  'create:review',
]

export const jurisdictionUserGrants: readonly Permission[] = ['create:review']

export type Decision = { allowed: true } | { allowed: false; reason: 'anonymous' | 'inactive' | 'other-jurisdiction' | 'not-granted' }

export function can(actor: Actor | null, permission: Permission, target: PermissionTarget): Decision {
  if (!actor) return { allowed: false, reason: 'anonymous' }
  if (!actor.active) return { allowed: false, reason: 'inactive' }
  if (actor.jurisdictionId !== target.jurisdictionId) return { allowed: false, reason: 'other-jurisdiction' }

  const granted = new Set<Permission>(jurisdictionUserGrants)
  if (actor.isAdmin) jurisdictionAdminGrants.forEach(p => granted.add(p))
  if (target.kind === 'review' && target.memberRole) reviewRoleGrants[target.memberRole].forEach(p => granted.add(p))

  return granted.has(permission) ? { allowed: true } : { allowed: false, reason: 'not-granted' }
}

/** Roles a facilitator may hand out on a review. */
export function assignableRoles(): readonly ReviewRole[] {
  return ['facilitator', 'panel_member', 'qi_lead', 'staff_contributor', 'observer']
}
