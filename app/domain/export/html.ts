// A printable, standalone HTML report of a SharedReview: one file with its own styles (no
// scripts, no external resources), so it opens and prints the same anywhere. Every piece of
// text is escaped; only the de-identified SharedReview goes in.
import { familyWorkerGap, safetyMapColumns, safetyScalingParties } from '../review-doc/safety-map'
import { coreValues } from '../vocabulary'
import { signedDay } from './dates'
import { fill, noFactorNames, type FactorNames, type ReportLabels } from './labels'
import type { SharedReview } from './schema'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, char => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '"' ? '&quot;' : '&#39;'))
}

/** Paragraphs from lines; empty text gives nothing. */
function paragraphs(text: string, className?: string): string {
  const cls = className ? ` class="${className}"` : ''
  return text
    .split('\n')
    .filter(line => line.trim() !== '')
    .map(line => `<p${cls}>${escapeHtml(line)}</p>`)
    .join('')
}

/** Line breaks kept inside a table cell. */
function cellText(text: string | null): string {
  return text === null ? '' : escapeHtml(text).replace(/\n/g, '<br>')
}

const STYLES = `
:root { color: #1b1f24; font-family: Georgia, 'Times New Roman', serif; line-height: 1.45; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 2px solid #0b5394; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.4rem; }
.subtitle { font-size: 1.15rem; color: #4a5360; margin: 0 0 1rem; }
.notice { border-left: 4px solid #0b5394; background: #f5f7fa; padding: 0.5rem 0.75rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.facts dt { font-weight: 700; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
caption { text-align: left; font-weight: 700; padding-bottom: 0.3rem; }
th, td { border: 1px solid #9aa3ad; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #e8edf3; }
.meta { color: #4a5360; font-size: 0.95rem; }
blockquote { margin: 0.5rem 0 0.5rem 1rem; padding-left: 0.75rem; border-left: 3px solid #9aa3ad; font-style: italic; }
figure { margin: 0; }
figcaption { font-size: 0.9rem; color: #4a5360; margin-left: 1.75rem; }
ol.findings { list-style: none; padding-left: 0; }
ol.findings > li { margin-bottom: 1rem; }
.nowrap { white-space: nowrap; }
.wide { overflow-x: auto; }
table.safety-maps tr.group th { background: #f5f7fa; }
caption.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  :root { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; }
  tr, figure, ol.findings > li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .notice { border: 1px solid #1b1f24; }
}
@page { margin: 2cm; }
`

export interface ReportOptions {
  labels: ReportLabels
  factorNames?: FactorNames
}

export function dayLabel(labels: ReportLabels, day: number | null, dayEnd: number | null = null): string {
  if (day === null) return ''
  if (dayEnd === null || dayEnd === day) return fill(labels.day, { day: signedDay(day) })
  return fill(labels.dayRange, { from: signedDay(day), to: signedDay(dayEnd) })
}

/** "Needs and risks (child_family.needs_risks)" when the framework names it, else the id. */
export function factorLabel(names: FactorNames, id: string): string {
  const name = names.item(id)
  return name ? `${name} (${id})` : id
}

export function renderHtmlReport(shared: SharedReview, options: ReportOptions): string {
  const { labels } = options
  const names = options.factorNames ?? noFactorNames
  const e = escapeHtml
  const subtitle = fill(labels.subtitle, { incidentType: labels.incidentType[shared.review.incidentType], year: shared.review.incidentYear })
  const none = `<p>${e(labels.empty)}</p>`

  const facts = [
    [labels.facts.incidentType, labels.incidentType[shared.review.incidentType]],
    [labels.facts.incidentYear, String(shared.review.incidentYear)],
    [labels.facts.childAgeBand, shared.review.childAgeBand === null ? labels.unknown : labels.ageBand[shared.review.childAgeBand]],
    [labels.facts.phase, labels.phase[shared.review.phase]],
    [labels.facts.jurisdiction, shared.jurisdiction],
    [labels.facts.framework, shared.factorFramework.version ? `${shared.factorFramework.id} ${shared.factorFramework.version}` : shared.factorFramework.id],
    [labels.facts.sharedId, shared.sharedId],
  ]
    .map(([term, value]) => `<dt>${e(term ?? '')}</dt><dd>${e(value ?? '')}</dd>`)
    .join('')

  const findings = shared.findings.length
    ? `<ol class="findings">${shared.findings
        .map((finding, index) => {
          const values = finding.values.length
            ? `<p><strong>${e(labels.values)}:</strong></p><ul>${coreValues
                .map(value => finding.values.find(v => v.value === value))
                .filter((tag): tag is { value: (typeof coreValues)[number]; rationale: string } => tag !== undefined)
                .map(tag => `<li><strong>${e(labels.value[tag.value])}</strong>${tag.rationale ? ` — ${e(tag.rationale)}` : ''}</li>`)
                .join('')}</ul>`
            : ''
          const factors = finding.factorItemIds.length
            ? `<p><strong>${e(labels.factorsOfFinding)}:</strong> ${e(finding.factorItemIds.map(id => factorLabel(names, id)).join('; '))}</p>`
            : ''
          const quotes = shared.accountExcerpts
            .filter(x => x.findingIndex === index)
            .map(
              x =>
                `<figure><blockquote>${paragraphs(x.excerpt)}</blockquote><figcaption>${e(fill(labels.quoted, { pseudonym: x.pseudonym }))}</figcaption></figure>`,
            )
            .join('')
          return `<li><h3>${e(fill(labels.finding, { number: index + 1 }))}</h3><p class="meta">${e(labels.findingStatus)}: ${e(labels.status[finding.status])}</p>${paragraphs(finding.text)}${values}${factors}${quotes}</li>`
        })
        .join('')}</ol>`
    : none

  const unlinkedQuotes = shared.accountExcerpts
    .filter(x => x.findingIndex === null)
    .map(
      x => `<figure><blockquote>${paragraphs(x.excerpt)}</blockquote><figcaption>${e(fill(labels.quoted, { pseudonym: x.pseudonym }))}</figcaption></figure>`,
    )
    .join('')

  const c = labels.columns
  const table = (caption: string, head: string[], rows: string[][]) =>
    rows.length
      ? `<table><caption class="visually-hidden">${e(caption)}</caption><thead><tr>${head.map(h => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map(row => `<tr>${row.map(cell => `<td>${cell}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`
      : none

  const recommendations = table(
    labels.sections.recommendations,
    [c.number, c.recommendation, c.strength, c.status, c.measure, c.due, c.findings],
    shared.recommendations.map((r, i) => [
      String(i + 1),
      cellText(r.text),
      e(labels.strength[r.strength]),
      e(labels.recommendationStatus[r.status]),
      r.measure === null ? e(labels.none) : cellText(r.measure),
      r.dueDate === null ? e(labels.none) : `<span class="nowrap">${e(r.dueDate)}</span>`,
      r.findingIndexes.length ? e(r.findingIndexes.map(n => n + 1).join(', ')) : e(labels.none),
    ]),
  )

  const unmetNeeds = table(
    labels.sections.unmetNeeds,
    [c.number, c.need, c.received, c.gap, c.stages],
    shared.unmetNeeds.map((n, i) => [
      String(i + 1),
      cellText(n.need) + (n.fromStandardsCheck ? `<br><em>${e(labels.fromStandardsCheck)}</em>` : ''),
      cellText(n.received),
      cellText(n.gap),
      e(n.stages.map(s => labels.stage[s]).join('; ')),
    ]),
  )

  const factors = table(
    labels.sections.factors,
    [c.domain, c.factor, c.rating, c.rationale],
    shared.factorRatings.map(r => [
      e(r.domainId === null ? labels.unknown : (names.domain(r.domainId) ?? r.domainId)),
      e(factorLabel(names, r.factorItemId)),
      e(labels.rating[String(r.rating) as '0' | '1' | '2' | '3']),
      cellText(r.rationale),
    ]),
  )

  const timeline = table(
    labels.sections.timeline,
    [c.day, c.stage, c.source, c.actors, c.text],
    shared.timeline.map(t => [
      `<span class="nowrap">${e(dayLabel(labels, t.day, t.dayEnd))}</span>` +
        (t.approximate ? ` <em>(${e(labels.approximate)})</em>` : '') +
        (t.keyPracticeEpisode ? `<br><strong>${e(labels.keyPracticeEpisode)}</strong>` : ''),
      t.stage === null ? '' : e(labels.stage[t.stage]),
      cellText(t.source),
      e(t.actors.join(', ')),
      cellText(t.text),
    ]),
  )

  // Maps side by side, one column each, so the reader sees how the picture changed (ADR 0040).
  const maps = shared.safetyMaps ?? []
  const sm = labels.safetyMaps
  const mapRow = (label: string, cells: string[], className = '') =>
    `<tr${className ? ` class="${className}"` : ''}><th scope="row">${e(label)}</th>${cells.map(cell => `<td>${cell}</td>`).join('')}</tr>`
  const safetyMaps = maps.length
    ? `<section aria-labelledby="safety-maps"><h2 id="safety-maps">${e(sm.section)}</h2><p>${e(sm.intro)}</p><div class="wide"><table class="safety-maps"><caption class="visually-hidden">${e(sm.section)}</caption><thead><tr><th scope="col">${e(sm.part)}</th>${maps
        .map(
          (m, i) =>
            `<th scope="col">${e(fill(sm.map, { number: i + 1 }))}<br><span class="nowrap">${e(dayLabel(labels, m.day))}</span>${m.title ? `<br>${e(m.title)}` : ''}</th>`,
        )
        .join('')}</tr></thead><tbody>${safetyMapColumns
        .map(
          group =>
            `<tr class="group"><th scope="rowgroup" colspan="${maps.length + 1}">${e(sm.columns[group.column])}</th></tr>` +
            group.fields
              .map(field =>
                mapRow(
                  sm.fields[field],
                  maps.map(m => cellText(m[field])),
                ),
              )
              .join(''),
        )
        .join('')}${mapRow(
        sm.fields.dangerStatements,
        maps.map(m => cellText(m.dangerStatements)),
      )}<tr class="group"><th scope="rowgroup" colspan="${maps.length + 1}">${e(sm.scaling)}</th></tr>${safetyScalingParties
        .map(party =>
          mapRow(
            sm.parties[party],
            maps.map(m => (m.scaling[party] === null ? `<em>${e(sm.notGiven)}</em>` : String(m.scaling[party]))),
          ),
        )
        .join('')}${mapRow(
        sm.gap,
        maps.map(m => {
          const gap = familyWorkerGap(m.scaling)
          return gap === null ? '' : String(gap)
        }),
      )}${mapRow(
        sm.events,
        maps.map(m => e(m.timelineIndexes.map(n => fill(sm.event, { number: n + 1 })).join(', '))),
      )}</tbody></table></div></section>`
    : ''
  const fv = labels.familyVoice
  const familyVoice = shared.familyVoice?.length
    ? `<section aria-labelledby="family-voice"><h2 id="family-voice">${e(fv.section)}</h2><p>${e(fv.intro)}</p>${shared.familyVoice
        .map(
          v =>
            `<article class="family-voice"><h3>${e(fv.contributor[v.contributor])}</h3><p class="meta">${e(fv.consent[v.consentScope])}</p><dl>${(
              [
                [fv.needed, v.needed],
                [fv.helped, v.helped],
                [fv.notHelped, v.notHelped],
                [fv.shouldChange, v.shouldChange],
              ] as const
            )
              .filter(([, text]) => text.trim() !== '')
              .map(([term, text]) => `<dt>${e(term)}</dt><dd>${paragraphs(text)}</dd>`)
              .join(
                '',
              )}</dl>${v.unmetNeedIndexes.length ? `<p class="meta">${e(fill(fv.unmetNeeds, { needs: v.unmetNeedIndexes.map(n => n + 1).join(', ') }))}</p>` : ''}${
              v.findingIndexes.length ? `<p class="meta">${e(fill(fv.findings, { findings: v.findingIndexes.map(n => n + 1).join(', ') }))}</p>` : ''
            }</article>`,
        )
        .join('')}</section>\n`
    : ''

  return `<!doctype html>
<html lang="${e(labels.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(labels.title)} — ${e(subtitle)}</title>
<style>${STYLES}</style>
</head>
<body>
<header>
<h1>${e(labels.title)}</h1>
<p class="subtitle">${e(subtitle)}</p>
<p class="notice">${e(labels.notice)}</p>
<dl class="facts">${facts}</dl>
</header>
<main>
<section aria-labelledby="findings"><h2 id="findings">${e(labels.sections.findings)}</h2>${findings}${unlinkedQuotes}</section>
<section aria-labelledby="recommendations"><h2 id="recommendations">${e(labels.sections.recommendations)}</h2>${recommendations}</section>
<section aria-labelledby="unmet-needs"><h2 id="unmet-needs">${e(labels.sections.unmetNeeds)}</h2>${unmetNeeds}</section>
${familyVoice}<section aria-labelledby="factors"><h2 id="factors">${e(labels.sections.factors)}</h2>${factors}</section>
<section aria-labelledby="timeline"><h2 id="timeline">${e(labels.sections.timeline)}</h2>${timeline}</section>
${safetyMaps}</main>
</body>
</html>
`
}
