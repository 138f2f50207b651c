import { getSchema } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import fc from 'fast-check'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { applyCommand, eventDescriptionField, findingBodyField, readReviewDoc, readRichText, writePlainText } from '../../../../app/domain/review-doc'
import { read, replicaOf, seededReviewDoc, sync } from './fixtures'

// The schema a Tiptap editor with StarterKit uses; y-tiptap drops any node it does not know.
const schema = getSchema([StarterKit])

function fragmentWith(text: string): Y.XmlFragment {
  const ydoc = new Y.Doc()
  const fragment = ydoc.getXmlFragment('field')
  ydoc.transact(() => writePlainText(fragment, text))
  return fragment
}

describe('rich text written by commands', () => {
  it('is stored the way Tiptap stores it: paragraph elements holding Y.XmlText', () => {
    const ydoc = seededReviewDoc()
    const fragment = ydoc.getXmlFragment(eventDescriptionField('e-referral'))
    const blocks = fragment.toArray()
    expect(blocks.map(b => (b as Y.XmlElement).nodeName)).toEqual(['paragraph', 'paragraph'])
    expect((blocks[0] as Y.XmlElement).toArray()[0]).toBeInstanceOf(Y.XmlText)
    expect(fragment.toString()).toBe('<paragraph>Referral accepted.</paragraph><paragraph>Caseload at assignment 31 families.</paragraph>')
  })

  it('is read by y-tiptap into a valid ProseMirror document with the same text', () => {
    const fragment = fragmentWith('First line\n\nThird line after a blank one')
    const node = yXmlFragmentToProseMirrorRootNode(fragment, schema)
    expect(() => node.check()).not.toThrow()
    expect(node.childCount).toBe(3)
    expect(node.child(0).type.name).toBe('paragraph')
    expect(node.child(2).textContent).toBe('Third line after a blank one')
    // The reader's JSON is the JSON y-tiptap produces.
    expect(readRichText(fragment).doc).toEqual(yXmlFragmentToProsemirrorJSON(fragment))
  })

  it('reads content written by y-tiptap, with marks, hard breaks, headings and lists, as plain text', () => {
    const ydoc = new Y.Doc()
    const fragment = ydoc.getXmlFragment(findingBodyField('f1'))
    prosemirrorJSONToYXmlFragment(
      schema,
      {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Workload' }] },
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Caseload was ' },
              { type: 'text', text: '31 families', marks: [{ type: 'bold' }] },
              { type: 'hardBreak' },
              { type: 'text', text: 'at assignment.' },
            ],
          },
          {
            type: 'bulletList',
            content: [
              {
                type: 'listItem',
                content: [{ type: 'paragraph', content: [{ type: 'text', text: 'no supervision' }] }],
              },
              {
                type: 'listItem',
                content: [{ type: 'paragraph', content: [{ type: 'text', text: 'holiday closures' }] }],
              },
            ],
          },
        ],
      },
      fragment,
    )
    const rich = readRichText(fragment)
    expect(rich.text).toBe('Workload\nCaseload was 31 families\nat assignment.\nno supervision\nholiday closures')
    expect(rich.doc.content?.[1]?.content?.[1]).toEqual({
      type: 'text',
      text: '31 families',
      marks: [{ type: 'bold' }],
    })
  })

  it('keeps the formatting and structure of the lines a plain-text write does not change', () => {
    const ydoc = new Y.Doc()
    const fragment = ydoc.getXmlFragment('field')
    prosemirrorJSONToYXmlFragment(
      schema,
      {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Bold line', marks: [{ type: 'bold' }] }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Plain line' }] },
          {
            type: 'bulletList',
            content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] }],
          },
        ],
      },
      fragment,
    )
    const first = fragment.get(0)
    const list = fragment.get(2)
    ydoc.transact(() => writePlainText(fragment, 'Bold line\nPlain line, edited\nitem'))
    expect(readRichText(fragment).text).toBe('Bold line\nPlain line, edited\nitem')
    expect(fragment.get(0)).toBe(first)
    expect(fragment.get(2)).toBe(list)
    expect(fragment.toString()).toContain('<bold>Bold line</bold>')
  })

  it('edits a changed line in place, so a concurrent edit elsewhere in it survives', () => {
    const alice = seededReviewDoc()
    const bob = replicaOf(alice)
    applyCommand(alice, { type: 'setFindingBody', id: 'f-workload', text: 'High caseloads delayed the safety plan.' })
    applyCommand(bob, { type: 'setFindingBody', id: 'f-workload', text: 'Caseloads delayed the safety plan by weeks.' })
    sync(alice, bob)
    expect(read(alice).findings[0]?.body.text).toBe('High caseloads delayed the safety plan by weeks.')
    expect(read(bob).findings[0]?.body.text).toBe('High caseloads delayed the safety plan by weeks.')
  })

  it('reads back exactly what was written (property)', () => {
    const line = fc.string({ unit: 'grapheme', maxLength: 20 }).map(s => s.replace(/[\r\n]/g, ''))
    const text = fc.array(line, { maxLength: 6 }).map(lines => lines.join('\n'))
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 4 }), (first, rewrites) => {
        const ydoc = new Y.Doc()
        const fragment = ydoc.getXmlFragment('field')
        for (const next of [first, ...rewrites]) {
          ydoc.transact(() => writePlainText(fragment, next))
          expect(readRichText(fragment).text).toBe(next)
          expect(yXmlFragmentToProseMirrorRootNode(fragment, schema).childCount).toBe(next === '' ? 0 : next.split('\n').length)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('never splits a surrogate pair when editing in place', () => {
    const fragment = fragmentWith('a\u{1F600}b')
    fragment.doc?.transact(() => writePlainText(fragment, 'a\u{1F601}b'))
    expect(readRichText(fragment).text).toBe('a\u{1F601}b')
  })

  it('treats CRLF as a line break and the empty text as an empty document', () => {
    expect(readRichText(fragmentWith('one\r\ntwo')).text).toBe('one\ntwo')
    expect(fragmentWith('').length).toBe(0)
  })

  it('is exposed by the reader as text and ProseMirror JSON', () => {
    const { doc } = readReviewDoc(seededReviewDoc())
    expect(doc.findings[0]?.body).toEqual({
      text: 'Caseloads delayed the safety plan.',
      doc: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Caseloads delayed the safety plan.' }] }],
      },
    })
  })
})
