import readline from 'node:readline'
import { checkDatabaseReachable, DatabaseUnreachableError } from '../server/database-check'
import { applyMigrations } from '../server/migrate'
import { helpRequested, runCli, runsWithoutDatabase } from '../server/cli'

function promptSecret(question: string): Promise<string | null> {
  if (!process.stdin.isTTY) return Promise.resolve(null)
  return new Promise(resolve => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true })
    // Echo nothing while the password is typed.
    const write = rl as unknown as { _writeToOutput: (s: string) => void }
    write._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stdout.write(question)
    }
    rl.question(question, answer => {
      rl.close()
      process.stdout.write('\n')
      resolve(answer)
    })
  })
}

async function main() {
  // Help needs no database, no environment and no migration.
  const help = helpRequested(process.argv.slice(2))
  if (help) {
    console.log(help)
    return 0
  }
  const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l), env: process.env, promptSecret }
  const { getEnv, parseEnv, EnvError } = await import('~/utils/env.server')
  // restore and backup verify work on files only: the configured database is neither opened
  // nor created (restore needs its folder empty).
  if (runsWithoutDatabase(process.argv.slice(2))) {
    try {
      parseEnv(process.env)
    } catch (error) {
      if (error instanceof EnvError) {
        console.error(error.message)
        return 1
      }
      throw error
    }
    return runCli(process.argv.slice(2), io, null)
  }
  try {
    getEnv()
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message)
      return 1
    }
    throw error
  }
  try {
    await checkDatabaseReachable(getEnv().DATABASE_URL)
  } catch (error) {
    if (error instanceof DatabaseUnreachableError) {
      console.error(error.message)
      return 1
    }
    throw error
  }
  await applyMigrations({ databaseUrl: getEnv().DATABASE_URL })
  const { prisma } = await import('~/utils/db.server')
  try {
    return await runCli(process.argv.slice(2), io, prisma)
  } finally {
    await prisma.$disconnect()
  }
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
