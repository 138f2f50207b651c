// A second process writing audit rows (as the CLI does while the server runs), for the audit
// chain test: tsx tests/support/audit-writer.ts <jurisdictionId> <jurisdictionId> <count>
import { createPrismaClient } from '~/utils/db.server'

const [a, b, count] = process.argv.slice(2)
const prisma = createPrismaClient(process.env.DATABASE_URL!)
for (let i = 0; i < Number(count); i++) {
  await prisma.auditEvent.create({ data: { jurisdictionId: i % 2 === 0 ? a! : b!, action: 'test.other-process', detail: JSON.stringify({ i }) } })
}
await prisma.$disconnect()
