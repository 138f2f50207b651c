// Anonymiser benchmark: throughput on a large synthetic corpus, and precision / recall of
// identifier removal on the annotated corpus. Run with `npm run bench:anonymise`
// (tsx bench/anonymise/run.ts). Prints figures, then exactly one JSON line.
//
// Options: --mb=N (size of the synthetic corpus, default 24), --seed=N (default 20250318).
// The size sweep (sweep.ts) measures single case files of 1, 10, 100 and 1,000 kB.

import { availableParallelism, loadavg as loadAverage } from 'node:os'
import { compileAnonymiser, type AnonymisationResult } from '../../app/domain/anonymise'
import { corpus, type CorpusItem } from '../../tests/fixtures/anonymise/corpus'
import { holdout } from '../../tests/fixtures/anonymise/holdout'
import { plantedSpans, scoreItem, type ItemScore } from '../../tests/fixtures/anonymise/scoring'
import { classCorpus } from '../../tests/fixtures/anonymise/classes'
import { holdoutClasses } from '../../tests/fixtures/anonymise/holdout-classes'
import { measureClasses, type ClassQuality } from './classes'
import { measureSweep, type SweepPoint } from './sweep'
import { buildCorpus } from './synthetic'

function option(name: string, fallback: number): number {
  const arg = process.argv.find(value => value.startsWith(`--${name}=`))
  const parsed = arg === undefined ? Number.NaN : Number(arg.slice(name.length + 3))
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback
}

const TARGET_MB = option('mb', 24)
const SEED = option('seed', 20250318)

// ------------------------------------------------------------------ quality on the annotated corpus

// The counts of one item's score, summed over the corpus.
type ScoreCounts = Pick<ItemScore, 'truePositives' | 'falseNegatives' | 'falsePositives' | 'replacements' | 'replacementsOnPlanted' | 'benignTouched'>

interface Quality extends ScoreCounts {
  benignTotal: number
  residualsExpected: number
  residualsFound: number
  residualCandidates: number
  words: number
  recallByKind: Record<string, { found: number; total: number }>
}

function measureQuality(items: readonly CorpusItem[]): Quality {
  const quality: Quality = {
    truePositives: 0,
    falseNegatives: 0,
    falsePositives: 0,
    replacements: 0,
    replacementsOnPlanted: 0,
    benignTouched: 0,
    benignTotal: 0,
    residualsExpected: 0,
    residualsFound: 0,
    residualCandidates: 0,
    words: 0,
    recallByKind: {},
  }
  for (const item of items) {
    const result: AnonymisationResult = compileAnonymiser(item.registry.context)(item.text)
    const score = scoreItem(item, result)
    quality.truePositives += score.truePositives
    quality.falseNegatives += score.falseNegatives
    quality.falsePositives += score.falsePositives
    quality.replacements += score.replacements
    quality.replacementsOnPlanted += score.replacementsOnPlanted
    quality.benignTouched += score.benignTouched
    quality.benignTotal += item.benign?.length ?? 0
    const listed = new Set(result.residuals.map(residual => residual.text))
    quality.residualsExpected += item.residuals?.length ?? 0
    quality.residualsFound += (item.residuals ?? []).filter(text => listed.has(text)).length
    quality.residualCandidates += result.residuals.length
    quality.words += item.text.split(/\s+/).filter(Boolean).length
    const missedStarts = new Set(score.missed.map(span => span.start))
    for (const span of plantedSpans(item)) {
      const kind = span.kind ?? 'name'
      const entry = (quality.recallByKind[kind] ??= { found: 0, total: 0 })
      entry.total += 1
      if (!missedStarts.has(span.start)) entry.found += 1
    }
  }
  return quality
}

// ------------------------------------------------------------------ run

function round(value: number, digits = 3): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

interface Throughput {
  megabytes: number
  characters: number
  documents: number
  registries: number
  buildSeconds: number
  seconds: number
  cpuSeconds: number
  replacementsPerKilobyte: number
  residuals: number
  words: number
}

function measureThroughput(fillerSentences: number): Throughput {
  const buildStarted = performance.now()
  const built = buildCorpus(TARGET_MB * 1_000_000, SEED, fillerSentences)
  const buildSeconds = (performance.now() - buildStarted) / 1000
  // Warm up the regular expressions and the JIT on a slice of the corpus.
  for (const document of built.documents.slice(0, 40)) document.anonymiser(document.text)
  let replacements = 0
  let residuals = 0
  // Wall time depends on what else the machine runs; CPU time is reported beside it.
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  for (const document of built.documents) {
    const result = document.anonymiser(document.text)
    replacements += result.replacements.length
    residuals += result.residuals.length
  }
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  return {
    megabytes: built.bytes / 1_000_000,
    characters: built.documents.reduce((sum, document) => sum + document.text.length, 0),
    documents: built.documents.length,
    registries: built.registries,
    buildSeconds,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    replacementsPerKilobyte: replacements / (built.bytes / 1000),
    residuals,
    words: built.documents.reduce((sum, document) => sum + document.text.split(/\s+/).filter(Boolean).length, 0),
  }
}

// The adversarial narratives recombined as they are, then diluted with ordinary prose.
const dense = measureThroughput(0)
// One case file per size, identifiers present (dense) and diluted: cost must grow linearly.
const sweep = measureSweep(SEED, 0)
const dilutedSweep = measureSweep(SEED, 30)
// The issue-11 class narratives: names nobody registered, non-Latin capitals, lower-case names,
// so the residual scan has real work at every size.
const classSweep = measureSweep(SEED, 0, 3, undefined, [...classCorpus, ...holdoutClasses])
const mixed = measureThroughput(30)
const throughput = dense.megabytes / dense.seconds
const cpuThroughput = dense.megabytes / dense.cpuSeconds
const mixedThroughput = mixed.megabytes / mixed.seconds
const mixedCpuThroughput = mixed.megabytes / mixed.cpuSeconds

const compileStarted = performance.now()
for (const item of corpus) compileAnonymiser(item.registry.context)
const compileMs = (performance.now() - compileStarted) / corpus.length

const precisionOf = (q: Quality): number => (q.replacements === 0 ? 1 : q.replacementsOnPlanted / q.replacements)
const recallOf = (q: Quality): number => q.truePositives / (q.truePositives + q.falseNegatives)
const quality = measureQuality(corpus)
const precision = precisionOf(quality)
const recall = recallOf(quality)
// Narratives written after the rules were settled (see holdout.ts): a fairer estimate.
const heldOut = measureQuality(holdout)

// Issue-11 identifier classes: replaced or listed for a person counts as caught (classes.ts).
const devClasses = measureClasses(classCorpus)
const heldOutClasses = measureClasses(holdoutClasses)
const classFigures = (
  report: ReturnType<typeof measureClasses>,
): Record<string, Pick<ClassQuality, 'planted' | 'caught' | 'replaced' | 'recall' | 'precision' | 'benignHit'>> =>
  Object.fromEntries(
    Object.entries(report.byClass).map(([name, q]) => [
      name,
      { planted: q.planted, caught: q.caught, replaced: q.replaced, recall: q.recall, precision: q.precision, benignHit: q.benignHit },
    ]),
  )

console.log('Anonymiser benchmark')
const describeRun = (label: string, run: Throughput, wall: number, cpu: number): void => {
  console.log(
    `  ${label.padEnd(18)} ${run.megabytes.toFixed(1)} MB (${(run.characters / 1e6).toFixed(1)} M characters), ${run.documents} documents, ${run.registries} renamed registries, ${run.replacementsPerKilobyte.toFixed(1)} replacements per kB, built in ${run.buildSeconds.toFixed(1)} s`,
  )
  console.log(
    `  ${''.padEnd(18)} ${wall.toFixed(2)} MB/s wall (${run.seconds.toFixed(2)} s), ${cpu.toFixed(2)} MB/s of CPU time (${run.cpuSeconds.toFixed(2)} s)`,
  )
}
describeRun('dense corpus', dense, throughput, cpuThroughput)
describeRun('diluted corpus', mixed, mixedThroughput, mixedCpuThroughput)
const describeSweep = (label: string, points: readonly SweepPoint[]): void => {
  console.log(
    `  ${label.padEnd(18)} ${points.map(point => `${point.kilobytes} kB ${point.megabytesPerSecond.toFixed(1)} MB/s (CPU ${point.megabytesPerCpuSecond.toFixed(1)})`).join(', ')}`,
  )
}
describeSweep('size sweep, dense', sweep)
describeSweep('size sweep, diluted', dilutedSweep)
describeSweep('size sweep, classes', classSweep)
console.log(
  `  seed / load        ${SEED}; load average ${loadAverage()
    .map(value => value.toFixed(1))
    .join(' ')} on ${availableParallelism()} CPUs`,
)
console.log(`  compile            ${compileMs.toFixed(2)} ms per registry`)
console.log(
  `  annotated corpus   ${corpus.length} narratives, ${quality.truePositives + quality.falseNegatives} planted spans, ${quality.benignTotal} benign look-alikes`,
)
console.log(
  `  precision          ${(precision * 100).toFixed(2)} % (${quality.replacementsOnPlanted} of ${quality.replacements} replacements touch a planted span; ${quality.falsePositives} FP)`,
)
console.log(`  recall             ${(recall * 100).toFixed(2)} % (${quality.truePositives} TP, ${quality.falseNegatives} FN)`)
console.log(`  benign touched     ${quality.benignTouched} of ${quality.benignTotal}`)
console.log(
  `  residuals          ${quality.residualsFound} of ${quality.residualsExpected} unregistered names listed; ${quality.residualCandidates} candidates in ${quality.words} words (${((quality.residualCandidates / quality.words) * 1000).toFixed(1)} per 1000 words)`,
)
console.log(
  `  held-out           ${holdout.length} narratives: precision ${(precisionOf(heldOut) * 100).toFixed(2)} %, recall ${(recallOf(heldOut) * 100).toFixed(2)} % (${heldOut.truePositives} TP, ${heldOut.falseNegatives} FN, ${heldOut.falsePositives} FP); ${heldOut.residualsFound} of ${heldOut.residualsExpected} unregistered names listed`,
)
const describeClasses = (label: string, report: ReturnType<typeof measureClasses>): void => {
  console.log(
    `  ${label.padEnd(18)} recall ${(report.overall.recall * 100).toFixed(1)} % (${report.overall.caught}/${report.overall.planted}, ${report.overall.replaced} replaced), precision ${(report.overall.precision * 100).toFixed(1)} %, ${report.overall.benignHit} benign hit`,
  )
  for (const [name, q] of Object.entries(report.byClass)) {
    console.log(`  ${''.padEnd(18)} ${name.padEnd(20)} recall ${q.caught}/${q.planted}, precision ${(q.precision * 100).toFixed(0)} %`)
  }
}
describeClasses('classes (dev)', devClasses)
describeClasses('classes held-out', heldOutClasses)
console.log(
  `  candidate rate     ${((mixed.residuals / mixed.words) * 1000).toFixed(2)} residual candidates per 1000 words of diluted case-record prose; ${((dense.residuals / dense.words) * 1000).toFixed(2)} in the dense corpus`,
)
console.log(
  `  recall by kind     ${Object.entries(quality.recallByKind)
    .map(([kind, { found, total }]) => `${kind} ${found}/${total}`)
    .join(', ')}`,
)
console.log(
  JSON.stringify({
    bench: 'anonymise',
    seed: SEED,
    megabytes: round(dense.megabytes, 2),
    documents: dense.documents,
    replacementsPerKilobyte: round(dense.replacementsPerKilobyte, 2),
    seconds: round(dense.seconds, 3),
    megabytesPerSecond: round(throughput, 2),
    cpuSeconds: round(dense.cpuSeconds, 3),
    megabytesPerCpuSecond: round(cpuThroughput, 2),
    dilutedMegabytes: round(mixed.megabytes, 2),
    dilutedReplacementsPerKilobyte: round(mixed.replacementsPerKilobyte, 2),
    dilutedMegabytesPerSecond: round(mixedThroughput, 2),
    dilutedMegabytesPerCpuSecond: round(mixedCpuThroughput, 2),
    sweep: sweep.map(point => ({
      kilobytes: point.kilobytes,
      documents: point.documents,
      megabytesPerSecond: round(point.megabytesPerSecond, 2),
      megabytesPerCpuSecond: round(point.megabytesPerCpuSecond, 2),
    })),
    dilutedSweep: dilutedSweep.map(point => ({
      kilobytes: point.kilobytes,
      documents: point.documents,
      megabytesPerSecond: round(point.megabytesPerSecond, 2),
      megabytesPerCpuSecond: round(point.megabytesPerCpuSecond, 2),
    })),
    classSweep: classSweep.map(point => ({
      kilobytes: point.kilobytes,
      documents: point.documents,
      megabytesPerSecond: round(point.megabytesPerSecond, 2),
      megabytesPerCpuSecond: round(point.megabytesPerCpuSecond, 2),
    })),
    loadAverage: round(loadAverage()[0] ?? 0, 2),
    compileMsPerRegistry: round(compileMs, 3),
    narratives: corpus.length,
    plantedSpans: quality.truePositives + quality.falseNegatives,
    truePositives: quality.truePositives,
    falseNegatives: quality.falseNegatives,
    falsePositives: quality.falsePositives,
    precision: round(precision, 4),
    recall: round(recall, 4),
    benignTouched: quality.benignTouched,
    residualsExpected: quality.residualsExpected,
    residualsFound: quality.residualsFound,
    residualCandidatesPer1000Words: round((quality.residualCandidates / quality.words) * 1000, 2),
    heldOutNarratives: holdout.length,
    heldOutPlantedSpans: heldOut.truePositives + heldOut.falseNegatives,
    heldOutPrecision: round(precisionOf(heldOut), 4),
    heldOutRecall: round(recallOf(heldOut), 4),
    residualCandidatesPer1000WordsDiluted: round((mixed.residuals / mixed.words) * 1000, 2),
    residualCandidatesPer1000WordsDense: round((dense.residuals / dense.words) * 1000, 2),
    classNarratives: classCorpus.length,
    classRecall: devClasses.overall.recall,
    classPrecision: devClasses.overall.precision,
    heldOutClassNarratives: holdoutClasses.length,
    heldOutClassRecall: heldOutClasses.overall.recall,
    heldOutClassPrecision: heldOutClasses.overall.precision,
    heldOutClassBenignHit: heldOutClasses.overall.benignHit,
    heldOutClassResidualsPer1000Words: heldOutClasses.overall.residualsPer1000Words,
    heldOutByClass: classFigures(heldOutClasses),
    devByClass: classFigures(devClasses),
  }),
)
