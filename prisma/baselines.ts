/**
 * The migration histories squashed into one baseline per database before the first deployment
 * (ADR 0051). server/migrate.ts carries a database whose history records every migration in
 * `replaces` over to the baseline (history rows only: the schema is already the same) and
 * refuses one that records only part of them. Append-only: neither a baseline's migration.sql
 * nor these lists change again; every schema change from now on is a new migration.
 */
export interface Baseline {
  /** The baseline's folder under the migrations folder. */
  name: string
  /** SHA-256 (hex) of its migration.sql, the checksum Prisma records for it. */
  checksum: string
  /** The migrations it replaced, in order: an existing database must have applied all of them. */
  replaces: readonly string[]
}

export const SQLITE_BASELINE: Baseline = {
  name: '20261204210000_baseline',
  checksum: 'd53473cc78a40d56ae77fed465e3d1b1925cb8d61c740a2527d733899ca880c9',
  replaces: [
    '20261122141033_init',
    '20261122141537_review_projection',
    '20261122141833_projection_registry_facts',
    '20261122142354_jurisdiction_settings',
    '20261122142659_staff_accounts_and_exports',
    '20261122150025_residuals_and_shared_reviews',
    '20261204143806_export_approval_signing',
    '20261204143841_sibling_check_and_community_rep',
    '20261204144243_survey_units',
    '20261204152747_close_the_loop',
    '20261204152804_ops_audit_chain_retention',
    '20261204152846_oidc_sso',
    '20261204172927_family_voice_partners',
    '20261204172945_settings_versions',
    '20261204173649_reference_integrity',
    '20261204173650_safety_maps',
  ],
}

export const POSTGRES_BASELINE: Baseline = {
  name: '20261204210000_baseline',
  checksum: 'ee7def8f3b4e2854508486b7258f822f090820d34d94107b50468715b12ae33c',
  replaces: [
    '20261204173044_init',
    '20261204173045_audit_chain',
    '20261204184238_settings_versions',
    '20261204190254_safety_maps_family_voice_partners',
    '20261204191216_reference_integrity_enums',
  ],
}
