// Per-class recall and precision on the issue-11 class narratives, with every miss, benign hit
// and unplanted action listed. A diagnostic for people working on the rules:
//   npx tsx bench/anonymise/check-classes.ts [dev|holdout]
// Tune on `dev` only; `holdout` is for reporting (see holdout-classes.ts).
import { classCorpus } from '../../tests/fixtures/anonymise/classes'
import { holdoutClasses } from '../../tests/fixtures/anonymise/holdout-classes'
import { measureClasses } from './classes'

const which = process.argv[2] === 'holdout' ? 'holdout' : 'dev'
const report = measureClasses(which === 'holdout' ? holdoutClasses : classCorpus)
for (const [name, q] of Object.entries(report.byClass)) {
  console.log(
    `${name.padEnd(20)} recall ${q.caught}/${q.planted} (${(q.recall * 100).toFixed(0)} %, ${q.replaced} replaced)  precision ${(q.precision * 100).toFixed(0)} %  benign hit ${q.benignHit}  residuals ${q.residualsPer1000Words.toFixed(1)}/1000 words`,
  )
}
const o = report.overall
console.log(
  `${'overall'.padEnd(20)} recall ${o.caught}/${o.planted} (${(o.recall * 100).toFixed(1)} %)  precision ${(o.precision * 100).toFixed(1)} %  benign hit ${o.benignHit}  residuals ${o.residualsPer1000Words.toFixed(1)}/1000 words`,
)
if (process.argv.includes('--detail')) {
  for (const miss of report.misses) console.log(`  miss   ${miss.id}: ${JSON.stringify(miss.text)}`)
  for (const hit of report.benignHits) console.log(`  benign ${hit.id}: ${JSON.stringify(hit.text)}`)
  for (const s of report.spurious) console.log(`  extra  ${s.id}: ${s.as} ${JSON.stringify(s.text)}`)
}
