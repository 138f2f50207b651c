// Splits a text into plain and highlighted pieces for the side-by-side preview: replacements
// and residual candidates in the original, and the same spans at their output offsets in the
// de-identified text. Pure, so the page and its tests share it.
import type { ReplacementKind } from '../anonymise'
import type { TextPreview } from './build'

export type PreviewSegment =
  { type: 'text'; text: string } | { type: 'replacement'; text: string; kind: ReplacementKind } | { type: 'residual'; text: string; candidateId: string }

type Span = { start: number; end: number; mark: { type: 'replacement'; kind: ReplacementKind } | { type: 'residual'; candidateId: string } }

function split(text: string, spans: Span[]): PreviewSegment[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start)
  const segments: PreviewSegment[] = []
  let cursor = 0
  for (const span of sorted) {
    // The anonymiser's spans never overlap; a span that would is skipped rather than garbled.
    if (span.start < cursor || span.end > text.length || span.end <= span.start) continue
    if (span.start > cursor) segments.push({ type: 'text', text: text.slice(cursor, span.start) })
    const piece = text.slice(span.start, span.end)
    segments.push(
      span.mark.type === 'replacement'
        ? { type: 'replacement', text: piece, kind: span.mark.kind }
        : { type: 'residual', text: piece, candidateId: span.mark.candidateId },
    )
    cursor = span.end
  }
  if (cursor < text.length) segments.push({ type: 'text', text: text.slice(cursor) })
  return segments
}

export function previewSegments(preview: Pick<TextPreview, 'original' | 'anonymised' | 'replacements' | 'residuals'>): {
  original: PreviewSegment[]
  anonymised: PreviewSegment[]
} {
  return {
    original: split(preview.original, [
      ...preview.replacements.map(r => ({ start: r.start, end: r.end, mark: { type: 'replacement' as const, kind: r.kind } })),
      ...preview.residuals.map(r => ({ start: r.start, end: r.end, mark: { type: 'residual' as const, candidateId: r.id } })),
    ]),
    anonymised: split(preview.anonymised, [
      ...preview.replacements.map(r => ({ start: r.outputStart, end: r.outputEnd, mark: { type: 'replacement' as const, kind: r.kind } })),
      ...preview.residuals.map(r => ({ start: r.outputStart, end: r.outputEnd, mark: { type: 'residual' as const, candidateId: r.id } })),
    ]),
  }
}
