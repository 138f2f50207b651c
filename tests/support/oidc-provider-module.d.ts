// oidc-provider 8 ships no types; the tests use only this much of it.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'
  type Account = { accountId: string; claims: () => Promise<Record<string, unknown>> }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & { findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined> })
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- listeners of every event shape
    on(event: string, listener: (...args: any[]) => void): this
  }
}
