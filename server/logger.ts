import { pino } from 'pino'

export function createLogger(level: string) {
  return pino({
    level,
    // Request logs must never carry credentials or session ids.
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
  })
}
export type Logger = ReturnType<typeof createLogger>
