// Renders the rich text of a released account (ProseMirror JSON as stored in the release).
// Only StarterKit's nodes and marks are drawn; anything else shows as its text. Links are shown
// as text, never as live anchors: a release is read by people who did not write it.
import type { ReactNode } from 'react'
import type { RichTextNode } from '~/domain/review-doc'

const markTags: Record<string, 'strong' | 'em' | 's' | 'code' | 'u'> = { bold: 'strong', italic: 'em', strike: 's', code: 'code', underline: 'u' }

function renderText(node: RichTextNode, key: number): ReactNode {
  let out: ReactNode = node.text ?? ''
  for (const mark of node.marks ?? []) {
    const Tag = markTags[mark.type]
    if (Tag) out = <Tag>{out}</Tag>
  }
  return <span key={key}>{out}</span>
}

function children(node: RichTextNode): ReactNode[] {
  return (node.content ?? []).map((child, index) => renderNode(child, index))
}

function renderNode(node: RichTextNode, key: number): ReactNode {
  switch (node.type) {
    case 'text':
      return renderText(node, key)
    case 'paragraph':
      return <p key={key}>{children(node)}</p>
    case 'heading': {
      // Headings inside an account are shown as emphasised paragraphs: the page owns the outline.
      return (
        <p key={key} className="account-heading">
          <strong>{children(node)}</strong>
        </p>
      )
    }
    case 'bulletList':
      return <ul key={key}>{children(node)}</ul>
    case 'orderedList':
      return <ol key={key}>{children(node)}</ol>
    case 'listItem':
      return <li key={key}>{children(node)}</li>
    case 'blockquote':
      return <blockquote key={key}>{children(node)}</blockquote>
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{children(node)}</code>
        </pre>
      )
    case 'hardBreak':
      return <br key={key} />
    case 'horizontalRule':
      return <hr key={key} />
    default:
      return <span key={key}>{children(node)}</span>
  }
}

export function RichTextView({ doc, text }: { doc: RichTextNode | undefined; text: string }) {
  if (!doc || !Array.isArray(doc.content)) {
    return (
      <div className="account-text">
        {text.split('\n').map((line, index) => (
          <p key={index}>{line}</p>
        ))}
      </div>
    )
  }
  return <div className="account-text">{children(doc)}</div>
}
