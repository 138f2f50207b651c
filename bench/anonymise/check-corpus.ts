// Prints every corpus item whose anonymisation misses a planted identifier, an expectation, a
// residual or a benign look-alike. A diagnostic for people working on the rules:
//   npx tsx bench/anonymise/check-corpus.ts [item-id]
import { compileAnonymiser, isCommonWord, NAME_PART_STOPLIST } from '../../app/domain/anonymise'
import { corpus } from '../../tests/fixtures/anonymise/corpus'
import { remainingPlanted, scoreItem } from '../../tests/fixtures/anonymise/scoring'

const only = process.argv[2]
let problems = 0
for (const item of corpus) {
  if (only !== undefined && item.id !== only) continue
  const result = compileAnonymiser(item.registry.context)(item.text)
  const issues: string[] = []
  for (const text of remainingPlanted(item, result.text, w => isCommonWord(w) || NAME_PART_STOPLIST.has(w)))
    issues.push(`still present: ${JSON.stringify(text)}`)
  const score = scoreItem(item, result)
  for (const span of score.missed) issues.push(`not fully covered: ${JSON.stringify(span.text)}`)
  for (const text of score.spurious) issues.push(`unplanted replacement: ${JSON.stringify(text)}`)
  for (const [original, replacement] of item.expected ?? []) {
    const found = result.replacements.find(r => r.original === original)
    if (found?.replacement !== replacement)
      issues.push(`expected ${JSON.stringify(original)} -> ${JSON.stringify(replacement)}, got ${JSON.stringify(found?.replacement)}`)
  }
  for (const text of item.outputContains ?? []) if (!result.text.includes(text)) issues.push(`output lacks ${JSON.stringify(text)}`)
  for (const text of item.benign ?? []) if (!result.text.includes(text)) issues.push(`benign lost: ${JSON.stringify(text)}`)
  const residualTexts = new Set(result.residuals.map(r => r.text))
  for (const text of item.residuals ?? []) if (!residualTexts.has(text)) issues.push(`residual not listed: ${JSON.stringify(text)}`)
  if (issues.length > 0 || only !== undefined) {
    problems += issues.length
    console.log(`\n== ${item.id}\n${result.text}\n  residuals: ${[...residualTexts].join(', ')}`)
    for (const issue of issues) console.log(`  - ${issue}`)
  }
}
console.log(`\n${problems} problem(s)`)
