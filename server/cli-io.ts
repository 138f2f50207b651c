// What every CLI command is given and may throw. Its own module so the commands in cli-*.ts
// need not import cli.ts, which loads them.
export type CliIO = {
  out: (line: string) => void
  err: (line: string) => void
  env: Record<string, string | undefined>
  /** Asks for a secret on the terminal; null when there is no terminal to ask. */
  promptSecret: (question: string) => Promise<string | null>
}

export class CliError extends Error {}
