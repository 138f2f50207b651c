// retention run [--dry-run]: purges closed reviews past their jurisdiction's retention (ADR 0028).
import { parseArgs } from 'node:util'
import type { CliIO } from './cli-io'

export async function retentionRunCommand(args: string[], io: CliIO): Promise<void> {
  const { values } = parseArgs({ args, allowPositionals: false, options: { 'dry-run': { type: 'boolean', default: false } } })
  const dryRun = values['dry-run'] ?? false
  const { runRetention } = await import('~/models/retention.server')
  const { purged, held } = await runRetention({ dryRun, via: 'cli', operator: io.env.USER ?? io.env.LOGNAME ?? null })
  const verb = dryRun ? 'would purge' : 'purged'
  for (const p of purged) {
    const c = p.counts
    io.out(
      `${verb} review ${p.reviewId} (${p.jurisdictionCode}, closed ${p.closedAt.slice(0, 10)}, due ${p.dueAt.slice(0, 10)}): ` +
        `${c.documentUpdates} document updates, ${c.documentSnapshots} snapshots, ${c.staffAccounts} staff accounts, ${c.projectionRows} projection rows, ${c.exportRecords} export records, ${c.residualDecisions} residual decisions, ${c.exportApprovals} export approvals, ${c.followUpRows} follow-up rows, ${c.members} members`,
    )
  }
  for (const h of held) io.out(`kept review ${h.reviewId} (${h.jurisdictionCode}): legal hold`)
  io.out(`${dryRun ? 'dry run: ' : ''}${purged.length} review(s) ${verb}, ${held.length} kept under a legal hold${dryRun ? '; nothing was changed' : ''}`)
}
