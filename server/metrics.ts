// /metrics for Prometheus (prom-client), /readyz, and the request id every log line and error
// page carries. Read only from METRICS_ALLOW addresses or with the METRICS_TOKEN bearer token.
import crypto from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import { onSignInAttempt } from '~/utils/auth.server'
import type { CollabStats } from './collab'

export type Metrics = ReturnType<typeof createMetrics>

// Paths are reduced to route shapes so the label set stays small: ids become ":id".
const ID_SEGMENT = /^(?=.*\d)[A-Za-z0-9_-]{12,}$/
export function routeLabel(path: string, status: number): string {
  if (status === 404) return 'not-found'
  if (path.startsWith('/build/')) return '/build/*'
  const clean = path.split('?')[0]!.replace(/\/+$/, '') || '/'
  const segments = clean
    .split('/')
    .slice(0, 6)
    .map(s => (ID_SEGMENT.test(s) ? ':id' : s.length > 40 ? ':long' : s))
  return segments.join('/') || '/'
}

export function createMetrics(options: { collabStats?: () => CollabStats } = {}) {
  const registry = new Registry()
  // Includes nodejs_eventloop_lag_* (p50/p90/p99 from monitorEventLoopDelay), heap and GC.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 })

  const httpDuration = new Histogram({
    name: 'scir_http_request_duration_seconds',
    help: 'HTTP request latency by route shape, method and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const signInFailures = new Counter({ name: 'scir_sign_in_failures_total', help: 'Failed password sign-ins (any reason)', registers: [registry] })
  const signIns = new Counter({ name: 'scir_sign_ins_total', help: 'Successful password sign-ins', registers: [registry] })
  onSignInAttempt(success => (success ? signIns : signInFailures).inc())

  const commitLag = new Histogram({
    name: 'scir_collab_commit_lag_seconds',
    help: 'Time from a document update leaving the socket thread to its durable commit (take p99 with histogram_quantile)',
    buckets: [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  })
  const projectionLag = new Histogram({
    name: 'scir_projection_lag_seconds',
    help: 'Time from the first unprojected change of a review document to its projection being written',
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [registry],
  })

  let lastUpdatesApplied = 0
  const updatesApplied = new Counter({
    name: 'scir_collab_updates_applied_total',
    help: 'Document updates applied by the sync server (rate() gives updates per second)',
    registers: [registry],
    collect() {
      const now = options.collabStats?.().updatesApplied ?? 0
      if (now > lastUpdatesApplied) this.inc(now - lastUpdatesApplied)
      lastUpdatesApplied = now
    },
  })
  void updatesApplied
  new Gauge({
    name: 'scir_collab_open_sockets',
    help: 'Open collaboration sockets',
    registers: [registry],
    collect() {
      this.set(options.collabStats?.().connections ?? 0)
    },
  })
  new Gauge({
    name: 'scir_collab_rooms_loaded',
    help: 'Documents loaded in memory by the sync server',
    registers: [registry],
    collect() {
      this.set(options.collabStats?.().rooms ?? 0)
    },
  })
  new Gauge({
    name: 'scir_collab_saving',
    help: '1 while collaboration edits are being saved; 0 while persistence fails and writers are refused (ADR 0032)',
    registers: [registry],
    collect() {
      this.set(options.collabStats?.().saving === false ? 0 : 1)
    },
  })

  return {
    registry,
    observeCommit(lagMs: number) {
      commitLag.observe(lagMs / 1000)
    },
    observeProjection(lagMs: number) {
      projectionLag.observe(lagMs / 1000)
    },
    /** Times every request; the route label is decided when the response is finished. */
    httpTimer(req: Request, res: Response, next: NextFunction) {
      const end = httpDuration.startTimer()
      res.on('finish', () => end({ method: req.method, route: routeLabel(req.path, res.statusCode), status: `${Math.floor(res.statusCode / 100)}xx` }))
      next()
    },
  }
}

function normaliseAddress(address: string | undefined): string {
  if (!address) return ''
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address
}

function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest()
  const b = crypto.createHash('sha256').update(expected).digest()
  return crypto.timingSafeEqual(a, b)
}

/** The /metrics handler: allow-listed address or bearer token, otherwise 403 (no hint why). */
export function metricsHandler(metrics: Metrics, access: { allow: readonly string[]; token: string | undefined }) {
  const allowed = new Set(access.allow.map(normaliseAddress))
  return async (req: Request, res: Response) => {
    const header = req.get('authorization') ?? ''
    const bearer = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null
    const byToken = access.token !== undefined && bearer !== null && sameToken(bearer, access.token)
    const byAddress = allowed.has(normaliseAddress(req.ip ?? req.socket.remoteAddress))
    if (!byToken && !byAddress) {
      res.status(403).type('text/plain').send('forbidden')
      return
    }
    res.set('Cache-Control', 'no-store')
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics())
  }
}

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/
/** A proxy's X-Request-Id is kept when it looks like an id; otherwise a new UUID. */
export function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const incoming = req.headers['x-request-id']
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : crypto.randomUUID()
}
