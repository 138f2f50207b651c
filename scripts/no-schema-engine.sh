#!/bin/sh
echo "the native Prisma schema engine is not available here; use npm run db:migrate (scripts/db.ts)" >&2
exit 1
