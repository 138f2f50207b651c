// Rich text lives in Y.XmlFragments shaped the way @tiptap/y-tiptap (y-prosemirror) shapes a
// ProseMirror document: the fragment holds the document's block nodes as Y.XmlElements named
// after the node type ("paragraph", "heading", "bulletList" ...), and the inline content of a
// textblock is a Y.XmlText whose formatting attributes are the marks. Writing anything the
// editor's schema does not know would make y-prosemirror delete it, so commands only ever
// write "paragraph" elements.
import * as Y from 'yjs'
import type { RichText, RichTextNode } from './schema'

type XmlChild = Y.XmlElement | Y.XmlText | Y.XmlHook

// Inline nodes of StarterKit that stand for text when read as plain text.
const inlineNodeText: Record<string, string> = { hardBreak: '\n' }

// y-prosemirror stores overlapping marks as "<mark>--<8 char hash>".
const hashedMarkName = /(.*)(--[a-zA-Z0-9+/=]{8})$/

function textOfXmlText(text: Y.XmlText): string {
  let out = ''
  for (const op of text.toDelta() as { insert: unknown }[]) {
    if (typeof op.insert === 'string') out += op.insert
  }
  return out
}

function hasInlineContent(children: XmlChild[]): boolean {
  return children.some(child => child instanceof Y.XmlText || (child instanceof Y.XmlElement && child.nodeName in inlineNodeText))
}

function inlineText(child: XmlChild): string {
  if (child instanceof Y.XmlText) return textOfXmlText(child)
  if (child instanceof Y.XmlElement) return inlineNodeText[child.nodeName] ?? blockText(child)
  return ''
}

/** A block as plain text: a textblock is one line (hard breaks aside), a container one line per child block. */
function blockText(block: XmlChild): string {
  if (block instanceof Y.XmlText) return textOfXmlText(block)
  if (!(block instanceof Y.XmlElement)) return ''
  const children = block.toArray()
  if (hasInlineContent(children)) return children.map(inlineText).join('')
  return children.map(blockText).join('\n')
}

function textNodes(delta: readonly { insert: unknown; attributes?: Record<string, unknown> }[]): RichTextNode[] {
  const nodes: RichTextNode[] = []
  for (const op of delta) {
    if (typeof op.insert !== 'string') continue
    const node: RichTextNode = { type: 'text', text: op.insert }
    if (op.attributes) {
      node.marks = Object.entries(op.attributes).map(([name, attrs]) => {
        const mark: { type: string; attrs?: Record<string, unknown> } = { type: hashedMarkName.exec(name)?.[1] ?? name }
        if (typeof attrs === 'object' && attrs !== null && Object.keys(attrs).length > 0) {
          mark.attrs = attrs as Record<string, unknown>
        }
        return mark
      })
    }
    nodes.push(node)
  }
  return nodes
}

/** A child read once: its ProseMirror JSON and its plain text as a block (see blockText). */
type ReadChild = { child: XmlChild; nodes: RichTextNode[]; text: string }

// One pass computes both the JSON and the plain text, so each Y.XmlText's delta (the costly
// part of reading rich text) is computed once, not once per output.
function readChild(child: XmlChild): ReadChild {
  if (child instanceof Y.XmlText) {
    const delta = child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]
    let text = ''
    for (const op of delta) if (typeof op.insert === 'string') text += op.insert
    return { child, nodes: textNodes(delta), text }
  }
  if (!(child instanceof Y.XmlElement)) return { child, nodes: [], text: '' }
  const node: RichTextNode = { type: child.nodeName }
  const attrs = child.getAttributes()
  if (Object.keys(attrs).length > 0) node.attrs = attrs
  const children = child.toArray()
  const read = children.map(readChild)
  const content: RichTextNode[] = []
  for (const entry of read) for (const item of entry.nodes) content.push(item)
  if (content.length > 0) node.content = content
  const text = hasInlineContent(children) ? read.map(inlineTextOf).join('') : read.map(entry => entry.text).join('\n')
  return { child, nodes: [node], text }
}

function inlineTextOf({ child, text }: ReadChild): string {
  if (child instanceof Y.XmlText) return text
  if (child instanceof Y.XmlElement) return inlineNodeText[child.nodeName] ?? text
  return ''
}

/** The fragment as plain text (blocks separated by "\n") and as ProseMirror JSON. */
export function readRichText(fragment: Y.XmlFragment): RichText {
  return richTextOfBlocks(fragment.toArray())
}

/**
 * The same, from the blocks of a top-level fragment. A fragment decoded from storage stays a
 * plain AbstractType until something asks for it as a Y.XmlFragment, and that conversion is a
 * transaction of its own (2,000 of them to read a 2,000-event review).
 */
export function richTextOfBlocks(blocks: XmlChild[]): RichText {
  const read = blocks.map(readChild)
  const content: RichTextNode[] = []
  for (const entry of read) for (const item of entry.nodes) content.push(item)
  return { text: read.map(entry => entry.text).join('\n'), doc: { type: 'doc', content } }
}

export const emptyRichText = (): RichText => ({ text: '', doc: { type: 'doc', content: [] } })

function splitLines(text: string): string[] {
  // An empty text is an empty document, not one empty paragraph: the editor adds its own
  // paragraph on focus, and two clients adding one each would leave two.
  if (text === '') return []
  return text.replace(/\r\n?/g, '\n').split('\n')
}

function insertParagraphs(fragment: Y.XmlFragment, index: number, lines: string[]): void {
  const paragraphs = lines.map(line => {
    const paragraph = new Y.XmlElement('paragraph')
    if (line !== '') {
      const text = new Y.XmlText()
      text.insert(0, line)
      paragraph.insert(0, [text])
    }
    return paragraph
  })
  if (paragraphs.length > 0) fragment.insert(index, paragraphs)
}

/** A paragraph we may edit character by character without losing structure. */
function simpleParagraphText(block: XmlChild | undefined): Y.XmlText | 'empty' | null {
  if (!(block instanceof Y.XmlElement) || block.nodeName !== 'paragraph') return null
  const children = block.toArray()
  if (children.length === 0) return 'empty'
  const only = children[0]
  if (children.length === 1 && only instanceof Y.XmlText) {
    const plain = (only.toDelta() as { insert: unknown }[]).every(op => typeof op.insert === 'string')
    return plain ? only : null
  }
  return null
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/** Replaces only the changed span, so a concurrent edit elsewhere in the line survives. */
function editInPlace(text: Y.XmlText, before: string, after: string): void {
  let start = 0
  const limit = Math.min(before.length, after.length)
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++
  // Never split a surrogate pair: Yjs would replace the orphaned half with U+FFFD.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--
  let end = 0
  while (end < limit - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) {
    end++
  }
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--
  const removed = before.length - start - end
  if (removed > 0) text.delete(start, removed)
  const inserted = after.slice(start, after.length - end)
  if (inserted !== '') text.insert(start, inserted)
}

/**
 * Makes the fragment read back as `text`, changing as little as possible: blocks whose lines
 * are unchanged keep their formatting and structure, and a single changed line is edited in
 * place. Call inside a transaction.
 */
export function writePlainText(fragment: Y.XmlFragment, text: string): void {
  const target = splitLines(text)
  const blocks = fragment.toArray()
  const blockLines = blocks.map(block => blockText(block).split('\n'))

  const matchesAt = (lines: string[], at: number) => at >= 0 && at + lines.length <= target.length && lines.every((line, i) => target[at + i] === line)

  let headBlocks = 0
  let headLines = 0
  while (headBlocks < blocks.length) {
    const lines = blockLines[headBlocks] ?? []
    if (!matchesAt(lines, headLines)) break
    headLines += lines.length
    headBlocks++
  }
  let tailBlocks = 0
  let tailLines = 0
  while (headBlocks + tailBlocks < blocks.length) {
    const lines = blockLines[blocks.length - 1 - tailBlocks] ?? []
    const at = target.length - tailLines - lines.length
    if (at < headLines || !matchesAt(lines, at)) break
    tailLines += lines.length
    tailBlocks++
  }

  const oldCount = blocks.length - headBlocks - tailBlocks
  const newLines = target.slice(headLines, target.length - tailLines)
  if (oldCount === 0 && newLines.length === 0) return

  const only = oldCount === 1 ? simpleParagraphText(blocks[headBlocks]) : null
  const newLine = newLines[0]
  if (only !== null && newLines.length === 1 && newLine !== undefined) {
    const paragraph = blocks[headBlocks] as Y.XmlElement
    if (only === 'empty') insertParagraphText(paragraph, newLine)
    else editInPlace(only, textOfXmlText(only), newLine)
    return
  }
  if (oldCount > 0) fragment.delete(headBlocks, oldCount)
  insertParagraphs(fragment, headBlocks, newLines)
}

function insertParagraphText(paragraph: Y.XmlElement, line: string): void {
  if (line === '') return
  const text = new Y.XmlText()
  text.insert(0, line)
  paragraph.insert(0, [text])
}

/** Empties the fragment; top-level Yjs types cannot be deleted, only emptied. */
export function clearRichText(fragment: Y.XmlFragment): void {
  if (fragment.length > 0) fragment.delete(0, fragment.length)
}
