// Size sweep of the anonymiser benchmark: throughput on case files of 1, 10, 100 and 1,000 kB
// with identifiers present, to show that cost grows linearly with the length of a text (issue
// 18). Used by run.ts; also runnable alone for profiling:
//   node --import tsx --cpu-prof bench/anonymise/sweep.ts
// Options when run alone: --seed=N, --diluted (ordinary prose between the narratives),
// --only=KB (one size), --classes (the issue-11 class narratives, with unregistered names).

import type { CorpusItem } from '../../tests/fixtures/anonymise/corpus'
import { buildSweep } from './synthetic'

export const SWEEP_KILOBYTES = [1, 10, 100, 1000] as const

export interface SweepPoint {
  kilobytes: number
  documents: number
  megabytes: number
  seconds: number
  cpuSeconds: number
  megabytesPerSecond: number
  megabytesPerCpuSecond: number
}

// Text per size and registry: at 1 kB that is 600 documents per registry, at 1,000 kB one.
const PER_REGISTRY_BYTES = 600_000

export function measureSweep(
  seed: number,
  fillerSentences: number,
  rounds = 3,
  kilobytes: readonly number[] = SWEEP_KILOBYTES,
  narratives?: readonly CorpusItem[],
): SweepPoint[] {
  const sizes = kilobytes.map(size => size * 1000)
  const registries = buildSweep(sizes, PER_REGISTRY_BYTES, seed, fillerSentences, narratives)
  // Warm-up: the JIT and the per-anonymiser memos, on documents not measured afterwards.
  const warmUp = buildSweep([10_000], 100_000, seed + 1, fillerSentences, narratives)
  for (const registry of warmUp) for (const text of registry.textsBySize[0] ?? []) registry.anonymiser(text)
  return sizes.map((_, index) => {
    let bytes = 0
    let documents = 0
    for (const registry of registries) {
      for (const text of registry.textsBySize[index] ?? []) {
        bytes += Buffer.byteLength(text, 'utf8')
        documents += 1
      }
    }
    // Best of a few rounds by CPU time: the machine is shared, and other processes only ever
    // make a round slower.
    let best = { seconds: Number.POSITIVE_INFINITY, cpuSeconds: Number.POSITIVE_INFINITY }
    for (let round = 0; round < rounds; round += 1) {
      const cpuBefore = process.cpuUsage()
      const started = performance.now()
      for (const registry of registries) for (const text of registry.textsBySize[index] ?? []) registry.anonymiser(text)
      const seconds = (performance.now() - started) / 1000
      const cpu = process.cpuUsage(cpuBefore)
      const cpuSeconds = (cpu.user + cpu.system) / 1e6
      if (cpuSeconds < best.cpuSeconds) best = { seconds, cpuSeconds }
    }
    const megabytes = bytes / 1e6
    return {
      kilobytes: kilobytes[index] ?? 0,
      documents,
      megabytes,
      seconds: best.seconds,
      cpuSeconds: best.cpuSeconds,
      megabytesPerSecond: megabytes / best.seconds,
      megabytesPerCpuSecond: megabytes / best.cpuSeconds,
    }
  })
}

if (process.argv[1]?.endsWith('sweep.ts')) {
  const seedArg = process.argv.find(value => value.startsWith('--seed='))
  const seed = seedArg === undefined ? 20250318 : Number(seedArg.slice(7))
  const diluted = process.argv.includes('--diluted')
  const onlyArg = process.argv.find(value => value.startsWith('--only='))
  const only = onlyArg === undefined ? SWEEP_KILOBYTES : [Number(onlyArg.slice(7))]
  const { classCorpus } = await import('../../tests/fixtures/anonymise/classes')
  const { holdoutClasses } = await import('../../tests/fixtures/anonymise/holdout-classes')
  const narratives = process.argv.includes('--classes') ? [...classCorpus, ...holdoutClasses] : undefined
  for (const point of measureSweep(seed, diluted ? 30 : 0, 3, only, narratives)) {
    console.log(
      `${String(point.kilobytes).padStart(5)} kB  ${point.documents} documents, ${point.megabytes.toFixed(2)} MB: ${point.megabytesPerSecond.toFixed(2)} MB/s wall, ${point.megabytesPerCpuSecond.toFixed(2)} MB/s CPU`,
    )
  }
}
