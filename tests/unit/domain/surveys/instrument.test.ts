import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerSheetSchema, defaultSurveyInstrument, isPositive, parseSurveyInstrument, surveyItems } from '~/domain/surveys'

const jsonPath = path.resolve('app/domain/surveys/default-instrument.json')

describe('the default survey instrument', () => {
  it('validates and covers the five constructs, with emotional exhaustion as an outcome', () => {
    const parsed = parseSurveyInstrument(fs.readFileSync(jsonPath, 'utf8'))
    expect(parsed.ok).toBe(true)
    expect(defaultSurveyInstrument.composites.map(c => [c.id, c.kind])).toEqual([
      ['safety_climate', 'climate'],
      ['psychological_safety', 'climate'],
      ['safety_organizing', 'climate'],
      ['stress_recognition', 'climate'],
      ['emotional_exhaustion', 'outcome'],
    ])
  })

  it('words every item in English and French, and marks reverse-scored items', () => {
    for (const item of surveyItems(defaultSurveyInstrument)) {
      expect(item.text.en).not.toBe(item.text.fr)
    }
    const reverse = surveyItems(defaultSurveyInstrument)
      .filter(i => i.reverse)
      .map(i => i.id)
    expect(reverse).toEqual(expect.arrayContaining(['ps.mistakes', 'ee.drained', 'ee.dread', 'ee.worn_out']))
  })

  it('scores agreement positive, and disagreement positive on a reverse-scored item', () => {
    const { scale } = defaultSurveyInstrument
    expect([1, 2, 3, 4, 5].map(a => isPositive(scale, { reverse: false }, a))).toEqual([false, false, false, true, true])
    expect([1, 2, 3, 4, 5].map(a => isPositive(scale, { reverse: true }, a))).toEqual([true, true, false, false, false])
  })
})

describe('a jurisdiction instrument', () => {
  it('lists every problem with its JSON pointer', () => {
    const broken = {
      ...defaultSurveyInstrument,
      scale: { ...defaultSurveyInstrument.scale, positiveFrom: 9 },
      composites: [
        {
          ...defaultSurveyInstrument.composites[0]!,
          items: [
            { id: 'sc.priority', text: { en: 'Only English' } },
            { id: 'sc.priority', text: { en: 'a', fr: 'b' } },
          ],
        },
      ],
    }
    const parsed = parseSurveyInstrument(broken)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    const where = parsed.problems.map(p => p.path)
    expect(where).toContain('/scale/positiveFrom')
    expect(where).toContain('/composites/0/items/0/text/fr')
    // Ids are checked once every item is well formed.
    const first = defaultSurveyInstrument.composites[0]!
    const duplicate = parseSurveyInstrument({ ...defaultSurveyInstrument, composites: [{ ...first, items: [first.items[0]!, first.items[0]!] }] })
    expect(duplicate).toMatchObject({ ok: false, problems: [{ path: '/composites/0/items/1/id' }] })
    if (!duplicate.ok) expect(duplicate.problems[0]!.message).toContain('duplicate id "sc.priority"')
    expect(parseSurveyInstrument('{nope')).toMatchObject({ ok: false, problems: [{ path: '' }] })
  })

  it('an answer sheet takes known items on the scale, nothing else', () => {
    const schema = answerSheetSchema(defaultSurveyInstrument)
    expect(schema.safeParse({ 'sc.priority': 3 }).success).toBe(true)
    expect(schema.safeParse({ 'sc.priority': 6 }).success).toBe(false)
    expect(schema.safeParse({ 'sc.priority': 2.5 }).success).toBe(false)
    expect(schema.safeParse({ userId: 'x' }).success).toBe(false)
  })
})
