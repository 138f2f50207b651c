/** Messages between the benchmark coordinator (run.ts) and its child processes. */

export type Target = 'ours' | 'reference'

export type ServerCommand = { type: 'measure-start' } | { type: 'measure-stop' } | { type: 'shutdown' }
export type ServerReport =
  | { type: 'ready'; port: number }
  | {
      type: 'measured'
      cpuPercent: number
      /** User + system CPU time of the server process over the measured window. */
      cpuMs: number
      rssMaxMb: number
      rssEndMb: number
      loopDelayP50Ms: number
      loopDelayP99Ms: number
    }

export type ClientAssignment = { room: string; key: string; typist: boolean }

export type LoadCommand =
  | { type: 'connect'; url: string; token: string; clients: ClientAssignment[] }
  | { type: 'start'; measureStart: number; measureEnd: number; insertsPerSecond: number; awarenessHz: number }
  | { type: 'report' }
  | { type: 'exit' }

export type ClientDigest = { room: string; hash: number; tokens: number }

export type LoadReport =
  | { type: 'connected'; ms: number }
  | {
      type: 'report'
      latencies: number[]
      /** Measured tokens each writer sent. */
      sentMeasured: Record<string, number>
      /** All tokens each writer sent (warm-up included). */
      sentTotal: Record<string, number>
      /** Measured tokens received, summed over every receiver, per writer. */
      receivedMeasured: Record<string, number>
      digests: ClientDigest[]
      reconnects: number
      loopDelayP99Ms: number
    }

/** Wall-clock milliseconds with sub-millisecond precision, comparable across local processes. */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now()
}
