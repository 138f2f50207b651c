// A version of the practice standards or factor framework as a JSON file (the same format an
// upload takes), or the published JSON Schema of that format (?schema).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { settingsJsonSchemas } from '~/domain/settings-schemas'
import { factorFrameworkVersion, practiceStandardsVersion, versionsInForce } from '~/models/settings-version.server'
import { requireJurisdictionPermission } from '~/utils/permissions.server'

const kindSchema = z.enum(['practice-standards', 'factor-framework'])
const versionSchema = z.coerce.number().int().min(0).max(1_000_000)

function jsonFile(value: unknown, filename: string) {
  return new Response(JSON.stringify(value, null, 2) + '\n', {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' },
  })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'manage:jurisdiction-settings')
  const kind = kindSchema.safeParse(params.kind)
  if (!kind.success) throw new Response('Not found', { status: 404 })
  const search = new URL(request.url).searchParams
  if (search.has('schema')) return jsonFile(settingsJsonSchemas[kind.data], `${kind.data}.schema.json`)
  const inForce = await versionsInForce(user.jurisdictionId)
  const settingsKind = kind.data === 'practice-standards' ? 'practiceStandards' : 'factorFramework'
  const asked = search.get('version')
  const version = asked === null ? { success: true as const, data: inForce[settingsKind] } : versionSchema.safeParse(asked)
  if (!version.success || version.data > inForce[settingsKind]) throw new Response('No such version', { status: 404 })
  const content =
    kind.data === 'practice-standards'
      ? await practiceStandardsVersion(user.jurisdictionId, version.data)
      : await factorFrameworkVersion(user.jurisdictionId, version.data)
  return jsonFile(content, `${kind.data}-v${version.data}.json`)
}
