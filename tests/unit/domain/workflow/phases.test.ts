import { describe, expect, it } from 'vitest'
import { canMove, checklistKeys, checklistMessages, nextPhase, phaseChecklist, type ReviewSnapshot } from '~/domain/workflow/phases'
import { reviewPhases, type ReviewPhase } from '~/domain/vocabulary'

const empty: ReviewSnapshot = { memberRoles: [], eventCount: 0, hasIncidentEvent: false, findings: [], recommendations: [] }

function done(phase: ReviewPhase, snapshot: ReviewSnapshot): Record<string, boolean> {
  return Object.fromEntries(phaseChecklist(phase, snapshot).map(item => [item.key, item.done]))
}

describe('canMove', () => {
  it('moves forward one phase at a time', () => {
    reviewPhases.slice(0, -1).forEach((phase, i) => {
      expect(canMove(phase, reviewPhases[i + 1] as ReviewPhase)).toEqual({ allowed: true, direction: 'forward' })
    })
  })

  it('does not skip phases', () => {
    expect(canMove('intake', 'staff_accounts')).toEqual({ allowed: false, problem: 'skips_phases' })
    expect(canMove('preparation', 'shared', 'in a hurry')).toEqual({ allowed: false, problem: 'skips_phases' })
  })

  it('goes back any number of phases with a reason, never without one', () => {
    expect(canMove('findings', 'preparation', 'new hospital records arrived')).toEqual({ allowed: true, direction: 'back' })
    expect(canMove('analysis', 'joint_review', 'x')).toEqual({ allowed: true, direction: 'back' })
    expect(canMove('findings', 'preparation')).toEqual({ allowed: false, problem: 'reason_required' })
    expect(canMove('findings', 'preparation', '   ')).toEqual({ allowed: false, problem: 'reason_required' })
    expect(canMove('shared', 'intake', 'reopened by the director')).toEqual({ allowed: true, direction: 'back' })
  })

  it('refuses a move to the same phase and to an unknown one', () => {
    expect(canMove('analysis', 'analysis', 'why not')).toEqual({ allowed: false, problem: 'same_phase' })
    expect(canMove('analysis', 'archived' as ReviewPhase)).toEqual({ allowed: false, problem: 'unknown_phase' })
  })

  it('knows the next phase', () => {
    expect(nextPhase('intake')).toBe('preparation')
    expect(nextPhase('shared')).toBeNull()
  })
})

describe('phaseChecklist', () => {
  it('has a checklist for every phase, with labels for every key', () => {
    for (const phase of reviewPhases) {
      const items = phaseChecklist(phase, empty)
      expect(items.length).toBeGreaterThan(0)
      for (const item of items) {
        expect(checklistKeys).toContain(item.key)
        expect(item.label).not.toMatch(/\{\w+\}/)
      }
    }
    expect(new Set(checklistKeys).size).toBe(Object.keys(checklistMessages).length)
  })

  it('intake: facilitator, incident date, sibling safety check', () => {
    expect(done('intake', empty)).toEqual({
      'checklist.intake.facilitatorAssigned': false,
      'checklist.intake.incidentDateSet': false,
      'checklist.intake.siblingSafetyCheck': false,
    })
    expect(done('intake', { ...empty, memberRoles: ['facilitator'], incidentDate: '2025-03-18', siblingSafetyCheckDone: true })).toEqual({
      'checklist.intake.facilitatorAssigned': true,
      'checklist.intake.incidentDateSet': true,
      'checklist.intake.siblingSafetyCheck': true,
    })
    expect(done('intake', { ...empty, incidentDate: '  ' })['checklist.intake.incidentDateSet']).toBe(false)
  })

  it('preparation: events, an incident event, the child in the registry', () => {
    expect(done('preparation', { ...empty, eventCount: 9, hasIncidentEvent: true, personRoles: ['parent', 'child'] })).toEqual({
      'checklist.preparation.timelineHasEvents': true,
      'checklist.preparation.timelineHasIncident': true,
      'checklist.preparation.registryHasChild': true,
    })
    expect(done('preparation', { ...empty, eventCount: 3, personRoles: ['sibling'] })).toEqual({
      'checklist.preparation.timelineHasEvents': true,
      'checklist.preparation.timelineHasIncident': false,
      'checklist.preparation.registryHasChild': false,
    })
  })

  it('staff accounts: counts released accounts without requiring them', () => {
    const items = phaseChecklist('staff_accounts', {
      ...empty,
      accountStates: ['invited', 'drafting', 'released_to_facilitator', 'released_to_panel'],
    })
    expect(items.map(i => [i.key, i.done])).toEqual([
      ['checklist.staffAccounts.staffInvited', true],
      ['checklist.staffAccounts.accountsReleased', true],
    ])
    expect(items[1]?.label).toBe('2 of 4 accounts released to the facilitator or panel')
    expect(items[1]?.params).toEqual({ released: 2, invited: 4 })
    expect(done('staff_accounts', empty)['checklist.staffAccounts.staffInvited']).toBe(false)
    expect(done('staff_accounts', { ...empty, memberRoles: ['staff_contributor'] })['checklist.staffAccounts.staffInvited']).toBe(true)
  })

  it('joint review: asks for a community representative only when the child is Indigenous', () => {
    const base = { ...empty, memberRoles: ['facilitator', 'panel_member'] as const, keyEpisodeCount: 2 }
    expect(done('joint_review', base)).toEqual({
      'checklist.jointReview.panelAssembled': true,
      'checklist.jointReview.keyEpisodesMarked': true,
    })
    expect(done('joint_review', { ...base, childIsIndigenous: true })['checklist.jointReview.communityRepresentative']).toBe(false)
    expect(done('joint_review', { ...base, childIsIndigenous: true, hasCommunityRepresentative: true })['checklist.jointReview.communityRepresentative']).toBe(
      true,
    )
  })

  it('analysis: unmet needs and factor ratings', () => {
    expect(done('analysis', empty)).toEqual({ 'checklist.analysis.unmetNeedRecorded': false, 'checklist.analysis.factorsRated': false })
    expect(done('analysis', { ...empty, unmetNeedCount: 1, ratedFactorCount: 4 })).toEqual({
      'checklist.analysis.unmetNeedRecorded': true,
      'checklist.analysis.factorsRated': true,
    })
  })

  it('findings: every finding tagged and agreed, every recommendation complete; an empty list proves nothing', () => {
    expect(done('findings', empty)).toEqual({
      'checklist.findings.findingWritten': false,
      'checklist.findings.findingsValueTagged': false,
      'checklist.findings.findingsAgreed': false,
      'checklist.findings.recommendationsComplete': false,
      'checklist.findings.recommendationsRated': false,
    })
    const good: ReviewSnapshot = {
      ...empty,
      findings: [
        { valueTags: ['systems_focused'], status: 'agreed' },
        { valueTags: ['family_centered', 'workforce_informed'], status: 'agreed' },
      ],
      recommendations: [{ owner: 'Director of service', dueDate: '2025-09-30', measure: 'caseload <= 20', strength: 'stronger' }],
    }
    expect(Object.values(done('findings', good)).every(Boolean)).toBe(true)
    const partial: ReviewSnapshot = {
      ...good,
      findings: [...good.findings, { valueTags: [], status: 'draft' }],
      recommendations: [...good.recommendations, { owner: 'QI lead', dueDate: null, measure: '', strength: null }],
    }
    expect(done('findings', partial)).toEqual({
      'checklist.findings.findingWritten': true,
      'checklist.findings.findingsValueTagged': false,
      'checklist.findings.findingsAgreed': false,
      'checklist.findings.recommendationsComplete': false,
      'checklist.findings.recommendationsRated': false,
    })
  })

  it('approval: unknown residuals are not resolved residuals', () => {
    expect(done('approval', empty)['checklist.approval.residualsResolved']).toBe(false)
    expect(done('approval', { ...empty, unresolvedResiduals: 2 })['checklist.approval.residualsResolved']).toBe(false)
    expect(done('approval', { ...empty, unresolvedResiduals: 0, findingsApproved: true, deidentifiedTextApproved: true })).toEqual({
      'checklist.approval.findingsApproved': true,
      'checklist.approval.residualsResolved': true,
      'checklist.approval.deidentifiedTextApproved': true,
    })
  })

  it('shared: recommendations tracked and the loop closed with staff', () => {
    const snapshot: ReviewSnapshot = { ...empty, recommendations: [{ status: 'in_progress' }, { status: 'proposed' }] }
    expect(done('shared', snapshot)['checklist.shared.recommendationsTracked']).toBe(false)
    expect(done('shared', { ...snapshot, recommendations: [{ status: 'in_progress' }, { status: 'done' }], staffToldWhatChanged: true })).toEqual({
      'checklist.shared.recommendationsTracked': true,
      'checklist.shared.staffToldWhatChanged': true,
    })
  })
})
