// The published JSON Schemas of the two files an administrator loads (docs/schemas, ADR 0037),
// generated from the zod schemas the server validates with. `npm run schemas` writes them; a
// test fails when the files in docs/ differ from what this produces.
import { FactorFramework } from './factors/schema'
import { publishedSchema, type JsonSchema } from './json-schema'
import { PracticeStandards } from './standards/schema'

const NOT_EXPRESSED = 'The server also checks what JSON Schema cannot express and names each problem with its JSON pointer:'

export const settingsJsonSchemas: Record<'practice-standards' | 'factor-framework', JsonSchema> = {
  'practice-standards': publishedSchema(PracticeStandards, {
    id: 'https://scir.example/schemas/practice-standards.schema.json',
    title: 'SCIR Workspace practice standards',
    description: `A jurisdiction's practice standards: time standards and data capture points checked against a review's timeline. Each rule may carry its own wording in English and French (label). ${NOT_EXPRESSED} rule ids are unique, warnDays is not more than limitDays, an anchor differs from its stage, text patterns are valid regular expressions.`,
  }),
  'factor-framework': publishedSchema(FactorFramework, {
    id: 'https://scir.example/schemas/factor-framework.schema.json',
    title: 'SCIR Workspace systemic factor framework',
    description: `A systemic factor framework: domains, their items and definitions, each in English and French. ${NOT_EXPRESSED} every domain and item id is unique across the whole framework.`,
  }),
}
