import * as Y from 'yjs'
import { validateCaseFile, caseFileToCommands } from '../../../../app/domain/case-file'
import { readReviewDoc, applyCommands, reviewCommandSchema, readRichText, timelineEventSchema } from '../../../../app/domain/review-doc'
import { newReviewDoc } from '../review-doc/fixtures'
import { example } from './fixtures'
test('perf', () => {
  const file = example() as { timeline: unknown[] }
  const base = file.timeline
  file.timeline = Array.from({ length: 5000 }, (_, i) => base[i % base.length])
  let t = performance.now()
  const v = validateCaseFile(file)
  console.log('validate ms', performance.now() - t)
  if (!v.ok) return
  const cmds = caseFileToCommands(v.caseFile)
  t = performance.now()
  for (const c of cmds) reviewCommandSchema.parse(c)
  console.log('parse cmds ms', performance.now() - t)
  const ydoc = newReviewDoc()
  t = performance.now()
  applyCommands(ydoc, cmds)
  console.log('apply ms', performance.now() - t)
  const events = ydoc.getMap('events')
  t = performance.now()
  const raws = [...events.entries()].map(([k, m]) => ({ ...(m as Y.Map<unknown>).toJSON(), id: k }))
  console.log('toJSON ms', performance.now() - t)
  t = performance.now()
  const rich = [...events.keys()].map((k) => readRichText(ydoc.getXmlFragment(`event:${k}:description`)))
  console.log('rich ms', performance.now() - t)
  t = performance.now()
  raws.forEach((r, i) => timelineEventSchema.parse({ ...r, description: rich[i] }))
  console.log('zod ms', performance.now() - t)
  t = performance.now()
  readReviewDoc(ydoc)
  console.log('read ms', performance.now() - t)
  t = performance.now()
  readReviewDoc(ydoc)
  console.log('read again ms', performance.now() - t)
})
