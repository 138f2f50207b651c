import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { caseFileWithIncidentOn, validateCaseFile } from '~/domain/case-file'
import { suggestPseudonym } from '~/domain/review-doc/pseudonyms'
import type { ReviewRole } from '~/domain/vocabulary'
import { initialReviewDoc, storeInitialReviewDoc } from '~/models/review-doc.server'
import { projectReviewDocument } from '~/models/review-projection.server'
import { hashPassword } from '~/utils/auth.server'
import type { PrismaClient } from '~/utils/db.server'
import { audit } from '~/models/audit.server'

const here = path.dirname(fileURLToPath(import.meta.url))
export const exampleCaseFilePath = path.resolve(here, '../prisma/seed-data/example-case-file.json')

export const DEMO_PASSWORD = 'demo-review-2026'

type DemoUnit = 'North office' | 'South office'
type DemoUser = {
  email: string
  name: string
  jurisdiction: 'NW-DEMO' | 'LK-DEMO'
  isAdmin?: boolean
  canLeadReviews?: boolean
  role?: ReviewRole
  unit?: DemoUnit
  description: string
}

// Fictional agencies and people; nothing here refers to a real case or person.
const demoUsers: DemoUser[] = [
  { email: 'admin@northwind.example', name: 'Avery Admin', jurisdiction: 'NW-DEMO', isAdmin: true, description: 'jurisdiction admin (Northwind)' },
  {
    email: 'facilitator@northwind.example',
    name: 'Farah Facilitator',
    jurisdiction: 'NW-DEMO',
    role: 'facilitator',
    canLeadReviews: true,
    unit: 'North office',
    description: 'facilitator of the demo review (may open reviews)',
  },
  { email: 'panel@northwind.example', name: 'Paulo Panel', jurisdiction: 'NW-DEMO', role: 'panel_member', unit: 'North office', description: 'panel member' },
  { email: 'qi@northwind.example', name: 'Quinn Quality', jurisdiction: 'NW-DEMO', role: 'qi_lead', unit: 'North office', description: 'QI lead' },
  {
    email: 'worker@northwind.example',
    name: 'Wren Worker',
    jurisdiction: 'NW-DEMO',
    role: 'staff_contributor',
    unit: 'South office',
    description: 'staff contributor',
  },
  {
    email: 'observer@northwind.example',
    name: 'Olive Observer',
    jurisdiction: 'NW-DEMO',
    role: 'observer',
    unit: 'South office',
    description: 'observer (read-only)',
  },
  {
    email: 'outsider@northwind.example',
    name: 'Nico Nonmember',
    jurisdiction: 'NW-DEMO',
    unit: 'South office',
    description: 'same jurisdiction, not on the review',
  },
  { email: 'admin@lakeshore.example', name: 'Lee Lakeshore', jurisdiction: 'LK-DEMO', isAdmin: true, description: 'admin of another jurisdiction' },
]

export type SeedResult = { created: boolean; logins: { email: string; password: string; description: string }[]; reviewId?: string }

/** The demo review's incident by default: recent enough that the 90-day clock is still running. */
export function defaultDemoIncidentDate(now = new Date()): string {
  return new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Seeds the synthetic demo once: a database that already has a jurisdiction is left alone.
 * The example chronology is moved as a whole so its incident falls on `incidentDate` (30 days
 * ago by default): a newcomer should not meet a review "536 days overdue".
 */
export async function seedDemo(prisma: PrismaClient, options: { enabled?: boolean; incidentDate?: string } = {}): Promise<SeedResult> {
  if (options.enabled === false) return { created: false, logins: [] }
  if ((await prisma.jurisdiction.count()) > 0) return { created: false, logins: [] }

  const validation = validateCaseFile(JSON.parse(fs.readFileSync(exampleCaseFilePath, 'utf8')))
  if (!validation.ok) throw new Error(`the demo case file is invalid: ${JSON.stringify(validation.problems)}`)
  const caseFile = caseFileWithIncidentOn(validation.caseFile, options.incidentDate ?? defaultDemoIncidentDate())
  const passwordHash = await hashPassword(DEMO_PASSWORD)

  const seeded = await prisma.$transaction(async tx => {
    const jurisdictions = {
      'NW-DEMO': await tx.jurisdiction.create({ data: { code: 'NW-DEMO', name: 'Northwind Child and Family Services (demo)' } }),
      'LK-DEMO': await tx.jurisdiction.create({ data: { code: 'LK-DEMO', name: 'Lakeshore Children’s Aid (demo)' } }),
    }
    // Two fictional offices of Northwind, for survey results by unit.
    const units: Record<DemoUnit, string> = {
      'North office': (await tx.unit.create({ data: { jurisdictionId: jurisdictions['NW-DEMO'].id, name: 'North office' } })).id,
      'South office': (await tx.unit.create({ data: { jurisdictionId: jurisdictions['NW-DEMO'].id, name: 'South office' } })).id,
    }
    const users = new Map<string, string>()
    for (const u of demoUsers) {
      const row = await tx.user.create({
        data: {
          email: u.email,
          name: u.name,
          isAdmin: u.isAdmin ?? false,
          canLeadReviews: u.canLeadReviews ?? false,
          passwordHash,
          jurisdictionId: jurisdictions[u.jurisdiction].id,
          unitId: u.unit ? units[u.unit] : null,
        },
      })
      users.set(u.email, row.id)
    }
    const review = await tx.review.create({
      data: {
        title: caseFile.review.title,
        incidentType: caseFile.review.incidentType,
        incidentDate: new Date(`${caseFile.review.incidentDate}T00:00:00Z`),
        summary: caseFile.review.summary ?? '',
        phase: 'preparation',
        jurisdictionId: jurisdictions['NW-DEMO'].id,
        createdById: users.get('facilitator@northwind.example'),
        members: {
          create: demoUsers.filter(u => u.role).map(u => ({ userId: users.get(u.email)!, role: u.role! })),
        },
      },
    })
    const initial = initialReviewDoc(review.id, caseFile)
    await storeInitialReviewDoc(tx, review.id, initial.state)
    // The demo worker is invited to give an account (not started: the draft is theirs to write).
    // Their pseudonym avoids those of the people in the case, who are other people.
    await tx.staffAccount.create({
      data: {
        reviewId: review.id,
        authorId: users.get('worker@northwind.example')!,
        pseudonym: suggestPseudonym(
          'worker',
          initial.document.people.map(p => p.pseudonym),
        ),
        invitedById: users.get('facilitator@northwind.example'),
      },
    })
    // A second, recent review so the 90-day clock is visibly running.
    const incident = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10)
    const recent = await tx.review.create({
      data: {
        title: 'Serious injury review - school-age child (demo)',
        incidentType: 'serious_injury',
        incidentDate: new Date(`${incident}T00:00:00Z`),
        summary: 'Fictional review opened recently; its timeline is still empty.',
        phase: 'intake',
        jurisdictionId: jurisdictions['NW-DEMO'].id,
        createdById: users.get('facilitator@northwind.example'),
        members: {
          create: [
            { userId: users.get('facilitator@northwind.example')!, role: 'facilitator' },
            { userId: users.get('qi@northwind.example')!, role: 'qi_lead' },
          ],
        },
      },
    })
    await storeInitialReviewDoc(tx, recent.id, initialReviewDoc(recent.id).state)
    await audit(tx, { jurisdictionId: jurisdictions['NW-DEMO'].id, action: 'demo.seeded', reviewId: review.id })
    return { id: review.id, document: initial.document }
  })
  await projectReviewDocument(seeded.id, seeded.document, 0)

  return {
    created: true,
    reviewId: seeded.id,
    logins: demoUsers.map(u => ({ email: u.email, password: DEMO_PASSWORD, description: u.description })),
  }
}
