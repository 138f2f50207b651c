// Writes docs/schemas/*.schema.json from the zod schemas (ADR 0037): npm run schemas
import fs from 'node:fs'
import path from 'node:path'
import { settingsJsonSchemas } from '../app/domain/settings-schemas'

const dir = path.resolve('docs/schemas')
fs.mkdirSync(dir, { recursive: true })
for (const [name, schema] of Object.entries(settingsJsonSchemas)) {
  const file = path.join(dir, `${name}.schema.json`)
  fs.writeFileSync(file, JSON.stringify(schema, null, 2) + '\n')
  console.log(`wrote ${path.relative(process.cwd(), file)}`)
}
