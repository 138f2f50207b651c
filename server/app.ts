import http from 'node:http'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { pinoHttp } from 'pino-http'
import type { Env } from '~/utils/env.server'
import type { PrismaClient } from '~/utils/db.server'
import { loggedPath, type Logger } from './logger'
import { userForSession } from '~/utils/auth.server'
import { sessionStorage } from '~/utils/session.server'
import { bodyGate } from './body-limits'
import { cspNonce, originCheck, securityHeaders, trustedProxyHops } from './security'
import { createMetrics, metricsHandler, requestId, type Metrics } from './metrics'

export type UpgradeHandler = (req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => boolean

export function createHttpServer(options: {
  env: Env
  logger: Logger
  prisma: PrismaClient
  build: ServerBuild | (() => Promise<ServerBuild>)
  publicDir: string
  metrics?: Metrics
  /** Further services /readyz checks (by name), e.g. Redis when REDIS_URL is set. */
  readiness?: Record<string, () => Promise<void>>
  /** Collaboration persistence: /healthz fails while edits cannot be saved (ADR 0032). */
  collabHealth?: () => { ok: true } | { ok: false; reason: string }
}) {
  const { env, logger, prisma } = options
  const metrics = options.metrics ?? createMetrics()
  const app = express()
  app.disable('x-powered-by')
  // A hop count, not `true`: with `true` Express takes the left-most X-Forwarded-For entry,
  // which the client writes itself (issue 10, point 11); with n it takes the address the n
  // trusted proxies saw.
  const hops = trustedProxyHops(env)
  if (hops > 0) app.set('trust proxy', hops)

  // The operators' contract (README): /healthz answers 200 when the app and its database are
  // up, and collaboration edits are being saved. A `SELECT 1` keeps it cheap enough for a load balancer's probe; /readyz
  // is the same check under the name orchestrators use for readiness.
  const databaseCheck = async (_req: express.Request, res: express.Response, okText: string) => {
    const collab = options.collabHealth?.()
    if (collab && !collab.ok) {
      res.status(503).type('text/plain').send('collaboration not saving')
      return
    }
    try {
      await prisma.$queryRawUnsafe('SELECT 1')
      res.status(200).type('text/plain').send(okText)
    } catch (error) {
      logger.error({ err: error }, 'health check: database unavailable')
      res.status(503).type('text/plain').send('database unavailable')
    }
  }
  app.get('/healthz', (req, res) => databaseCheck(req, res, 'ok'))
  // Ready also needs every shared service: a node that lost Redis would serve stale rooms.
  const readiness = Object.entries(options.readiness ?? {})
  app.get('/readyz', async (req, res) => {
    for (const [name, check] of readiness) {
      try {
        await check()
      } catch (error) {
        logger.error({ err: error, service: name }, 'readiness check: service unavailable')
        res.status(503).type('text/plain').send(`${name} unavailable`)
        return
      }
    }
    await databaseCheck(req, res, 'ready')
  })
  app.get('/metrics', metricsHandler(metrics, { allow: env.METRICS_ALLOW, token: env.METRICS_TOKEN }))
  app.use(metrics.httpTimer)

  app.use(
    pinoHttp({
      logger,
      // Every log line of a request and the error page the person sees carry the same id.
      genReqId: (req, res) => {
        const id = requestId(req)
        res.setHeader('X-Request-Id', id)
        return id
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: req => (req.url ?? '').startsWith('/build/') },
      // Method, path and status are enough to operate; headers and query strings can carry
      // tokens (set-password links) and must stay out of the logs.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: loggedPath(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  )
  app.use(compression())
  app.use(cspNonce)
  app.use(securityHeaders())

  // Fingerprinted bundles never change under the same name.
  app.use('/build', express.static(path.join(options.publicDir, 'build'), { immutable: true, maxAge: '1y' }))
  app.use(express.static(options.publicDir, { maxAge: '1h' }))
  // Browsers ask for /favicon.ico on pages without an icon link (plain-text answers such as
  // /healthz); the one icon is an SVG.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'))

  app.use(originCheck(env.ALLOWED_ORIGINS))
  app.use(
    bodyGate({
      async isSignedIn(cookie) {
        const sessionId = (await sessionStorage.getSession(cookie)).get('sessionId')
        return typeof sessionId === 'string' && (await userForSession(sessionId)) !== null
      },
    }),
  )

  app.all(
    '*',
    createRequestHandler({
      build: options.build,
      mode: env.NODE_ENV,
      getLoadContext: (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        requestId: String(req.id),
      }),
    }),
  )

  const server = http.createServer(app)
  const upgradeHandlers: UpgradeHandler[] = []
  server.on('upgrade', (req, socket, head) => {
    for (const handle of upgradeHandlers) if (handle(req, socket, head)) return
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
  })

  return {
    app,
    server,
    onUpgrade(handler: UpgradeHandler) {
      upgradeHandlers.push(handler)
    },
  }
}
