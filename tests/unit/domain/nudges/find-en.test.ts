import { describe, expect, it } from 'vitest'
import { englishNudgePhrases, findNudges } from '~/domain/nudges'
import { itFlags, itLeavesAlone, spans } from './helpers'

const people = { personNames: ['Priya Raman', 'Priya', 'Glen Osei', 'Glen', 'Dr. Hana Walsh'] }

describe('English hindsight language', () => {
  itFlags('en', [
    ['The worker should have visited sooner.', '[hindsight] should have'],
    ['She shouldn’t have accepted that explanation.', '[hindsight] shouldn’t have'],
    ["He shouldn't have waited.", "[hindsight] shouldn't have"],
    ['They should not have closed the file.', '[hindsight] should not have'],
    ['The team should have known.', '[hindsight] should have'],
    ['Someone should have immediately called the police.', '[hindsight] should have'],
    ['This could have been prevented.', '[hindsight] could have'],
    ['The agency ought to have acted.', '[hindsight] ought to have'],
    ['If only the nurse had called.', '[hindsight] If only'],
    ['It was obvious that Ruby was at risk.', '[hindsight] obvious'],
    ['Obviously the bruise mattered.', '[hindsight] Obviously'],
    ['The worker clearly missed the bruising.', '[hindsight] clearly missed'],
    ['The team missed the red flags.', '[hindsight] missed the red flags'],
    ['Warning signs were missed.', '[hindsight] Warning signs were missed'],
  ])
})

describe('English blame and judgement', () => {
  itFlags('en', [
    ['The supervisor failed to review the file.', '[blame] failed to'],
    ['Her failure to follow up', '[blame] failure to'],
    ['He neglected to record the visit.', '[blame] neglected to'],
    ["They didn't bother to check.", "[blame] didn't bother"],
    ['He did not even bother to call.', '[blame] did not even bother'],
    ['The worker was negligent.', '[blame] negligent'],
    ['This was negligence.', '[blame] negligence'],
    ['A careless assessment.', '[blame] careless'],
    ['The worker ignored the report.', '[blame] ignored'],
    ['The worker was at fault.', '[blame] at fault'],
    ['Nobody is to blame here.', '[blame] to blame'],
    ['A lapse in practice.', '[blame] lapse in'],
    ['An error by the intake worker.', '[blame] error by'],
    ['He was incompetent.', '[judgement] incompetent'],
    ['A lazy assessment.', '[judgement] lazy'],
    ['Poor judgement on the day.', '[judgement] Poor judgement'],
    ['It shows poor judgment.', '[judgement] poor judgment'],
    ['An unprofessional response.', '[judgement] unprofessional'],
  ])
})

describe('benign English uses', () => {
  itLeavesAlone(
    'en',
    [
      'Workers should have access to after-hours supervision.', // a recommendation about the future
      'Every family should have a safety plan by the third visit.',
      'Caseworkers could have more time if caseloads were capped.',
      'The referral system failed to route the report to the district office.',
      'The intake form repeatedly failed to save.',
      'The alerts were ignored by the software.',
      'There were no obvious injuries.',
      'Nurse noted nothing obvious.',
      'The roof collapsed; his licence lapsed.', // whole words only
      'Child neglect was substantiated in 2022.', // a form of maltreatment, not blame
      'Darren was reluctant to talk.',
      'The worker would have needed a second opinion.', // the rewrite we suggest
    ],
    people,
  )
})

describe('a person named as the cause', () => {
  itFlags(
    'en',
    [
      ['Priya failed to complete the safety plan.', '[individual_cause] Priya failed to'],
      ['This happened because Glen didn’t approve it.', '[individual_cause] Glen didn’t'],
      ['Priya Raman simply forgot the follow-up.', '[individual_cause] Priya Raman simply forgot'],
      ['Glen, once again, ignored the request.', '[individual_cause] Glen, once again, ignored'],
      ["It was Priya's error.", "[individual_cause] Priya's error"],
      ['It was Glen’s fault.', '[individual_cause] Glen’s fault'],
      ['The delay was because of Glen.', '[individual_cause] because of Glen'],
      ['A mistake by Dr. Hana Walsh.', '[individual_cause] mistake by Dr. Hana Walsh'],
      ['priya should have seen it', '[individual_cause] priya should have'],
    ],
    people,
    'flags %j as one nudge',
  )

  it('has a known false positive: a participle used as an adjective after "should have"', () => {
    expect(spans('Caseworkers should have protected time for supervision.', 'en')).toEqual(['[hindsight] should have'])
  })

  it('does not read a reported clause as the person failing', () => {
    expect(spans('Priya said the form failed to save.', 'en', people)).toEqual([])
    expect(spans('Glen noted that the worker failed to call.', 'en', people)).toEqual(['[blame] failed to'])
  })

  it('needs the names: without them only the blame phrase is found', () => {
    expect(spans('Priya failed to complete the safety plan.', 'en')).toEqual(['[blame] failed to'])
  })

  it('does not find a name inside another word', () => {
    expect(spans('Glendale failed to respond.', 'en', people)).toEqual(['[blame] failed to'])
  })

  it('suggests a systems reframe', () => {
    const [nudge] = findNudges('Priya failed to call.', 'en', people)
    expect(nudge?.suggestion).toMatch(/What in the system \(workload, tools, policy/)
    expect(nudge?.ruleId).toBe('en.person')
  })
})

describe('findNudges', () => {
  it('reports offsets into the original text, in reading order, without overlaps', () => {
    const text = 'In hindsight Priya failed to act; obviously she should have visited. It was negligent.'
    const nudges = findNudges(text, 'en', people)
    for (const n of nudges) expect(text.slice(n.start, n.end)).toBe(n.phrase)
    expect(nudges.map(n => n.phrase)).toEqual(['Priya failed to', 'obviously', 'should have', 'negligent'])
    for (let i = 1; i < nudges.length; i++) expect(nudges[i]!.start).toBeGreaterThanOrEqual(nudges[i - 1]!.end)
  })

  it('keeps offsets right after characters that fold, such as accents and curly quotes', () => {
    const text = 'Émilie’s café note: “the worker shouldn’t have left”.'
    const [nudge] = findNudges(text, 'en')
    expect(nudge && text.slice(nudge.start, nudge.end)).toBe('shouldn’t have')
  })

  it('gives a suggestion in English for every English phrase', () => {
    for (const phrase of englishNudgePhrases) {
      expect(phrase.suggestion).not.toMatch(/[éèàç]/)
      expect(phrase.id.startsWith('en.')).toBe(true)
    }
  })

  it('returns nothing for empty text', () => {
    expect(findNudges('', 'en')).toEqual([])
    expect(findNudges('   ', 'en', people)).toEqual([])
  })
})
