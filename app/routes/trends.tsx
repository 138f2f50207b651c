import { parseWithZod } from '@conform-to/zod'
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ComponentProps } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { CountCell, ScrollRegion, SMALL_MARKER, WITHHELD_MARKER } from '~/components/trends/published-count'
import { SurveyBesideReviews } from '~/components/trends/survey-beside-reviews'
import { TrendFigure } from '~/components/trends/trend-figure'
import { TrendTable } from '~/components/trends/trend-table'
import { NONE } from '~/domain/trends'
import { importedSources, importSharedReviews, removeSharedReviewsFrom, type ImportFile, type ImportProblem } from '~/models/shared-review.server'
import { surveyTrends } from '~/models/survey.server'
import { trendsData, type TrendView } from '~/models/trends.server'
import trendStylesUrl from '~/styles/trends.css'
import { readUploadForm } from '~/utils/upload.server'
import { languageOfRequest } from '~/utils/i18next.server'
import { requireJurisdictionPermission, userCan } from '~/utils/permissions.server'
import { IntentButton, IntentForm } from '~/components/intent-form'
import { DataTable, TitledSection } from '~/components/layout'

export const meta: MetaFunction = () => [{ title: 'Trends · SCIR Workspace' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: trendStylesUrl }]

const viewOf = (request: Request): TrendView => (new URL(request.url).searchParams.get('view') === 'network' ? 'network' : 'own')

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'read:trends')
  const locale = await languageOfRequest(request)
  const view = viewOf(request)
  const canImport = userCan(user, 'manage:shared-data')
  const [data, imported, survey] = await Promise.all([
    trendsData({ id: user.jurisdictionId, code: user.jurisdiction.code }, view, locale),
    canImport ? importedSources(user.jurisdictionId) : null,
    // Surveys are the jurisdiction's own; the network view has none.
    view === 'own' && userCan(user, 'read:survey-results') ? surveyTrends(user.jurisdictionId) : null,
  ])
  return json({ jurisdiction: user.jurisdiction, ...data, imported, survey, locale })
}

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
const MAX_FILES = 200
const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('import') }),
  z.object({ intent: z.literal('remove'), source: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/) }),
])

type ActionResult =
  | { intent: 'import'; ok: true; created: number; replaced: number; sources: { source: string; count: number }[] }
  | { intent: 'import'; ok: false; problems: ImportProblem[]; notice?: { key: string; params?: Record<string, number> } }
  | { intent: 'remove'; ok: true; source: string; removed: number }

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'manage:shared-data')
  const refuse = (key: string, status: number, params?: Record<string, number>) =>
    json<ActionResult>({ intent: 'import', ok: false, problems: [], notice: { key, params } }, { status })
  const upload = await readUploadForm(request, MAX_UPLOAD_BYTES)
  if (!upload.ok) return refuse('trends.import.tooLarge', 413)
  const form = upload.form
  const submission = parseWithZod(form, { schema: actionSchema })
  if (submission.status !== 'success') throw json({ message: 'Bad request' }, { status: 400 })
  if (submission.value.intent === 'remove') {
    const removed = await removeSharedReviewsFrom({ jurisdictionId: user.jurisdictionId, userId: user.id }, submission.value.source)
    return json<ActionResult>({ intent: 'remove', ok: true, source: submission.value.source, removed })
  }
  // An empty file input still posts one nameless, empty file.
  const uploads = form.getAll('files').filter((f): f is File => typeof f !== 'string' && (f.size > 0 || f.name !== ''))
  if (uploads.length > MAX_FILES) return refuse('trends.import.tooManyFiles', 400, { max: MAX_FILES })
  const files: ImportFile[] = await Promise.all(uploads.map(async f => ({ name: f.name || 'upload.json', text: await f.text() })))
  const outcome = await importSharedReviews({ jurisdictionId: user.jurisdictionId, code: user.jurisdiction.code, userId: user.id }, files)
  if (!outcome.ok) return json<ActionResult>({ intent: 'import', ok: false, problems: outcome.problems }, { status: 400 })
  return json<ActionResult>({ intent: 'import', ...outcome })
}

function ImportResult({ result }: { result: ActionResult }) {
  const { t } = useTranslation()
  if (result.intent === 'remove') {
    return (
      <p role="status" className="notice">
        {t('trends.import.removed', { count: result.removed, code: result.source })}
      </p>
    )
  }
  if (result.ok) {
    const count = result.created + result.replaced
    const sources = result.sources.map(s => `${s.source} (${s.count})`).join(', ')
    return (
      <p role="status" className="notice">
        {t('trends.import.done', { count, created: result.created, replaced: result.replaced, sources })}
      </p>
    )
  }
  if (result.notice) {
    return (
      <div role="alert" className="form-error">
        <p>{t(result.notice.key, result.notice.params ?? {})}</p>
      </div>
    )
  }
  return (
    <div role="alert" className="form-error">
      <p>{t('trends.import.refused', { count: result.problems.length })}</p>
      <ul className="import-problems">
        {result.problems.map((p, i) => (
          <li key={i}>
            {p.file ? (
              <strong>{p.where ? t('trends.import.problemAt', { file: p.file, where: p.where }) : t('trends.import.problemIn', { file: p.file })}</strong>
            ) : null}{' '}
            {'key' in p.message ? t(`trends.import.problem.${p.message.key}`, p.message.params ?? {}) : p.message.text}
          </li>
        ))}
      </ul>
    </div>
  )
}

function SharedDataAdmin({ imported, jurisdiction }: { imported: { source: string; reviews: number; lastImportedAt: string }[]; jurisdiction: string }) {
  const { t } = useTranslation()
  const navigation = useNavigation()
  const result = useActionData<typeof action>() as ActionResult | undefined
  return (
    <TitledSection id="import" title={t('trends.import.title')} className="trend-section">
      <p>{t('trends.import.intro')}</p>
      {navigation.state === 'idle' && result ? <ImportResult result={result} /> : null}
      <IntentForm intent="import" encType="multipart/form-data" className="json-upload">
        <div className="field">
          <label htmlFor="shared-files">{t('trends.import.files')}</label>
          <input id="shared-files" type="file" name="files" multiple accept=".json,application/json" />
        </div>
        <button type="submit">{t('trends.import.submit')}</button>
      </IntentForm>
      {imported.length === 0 ? (
        <p>{t('trends.import.none')}</p>
      ) : (
        <>
          {/* Long names scroll inside their own box, never the page (issue 9). */}
          <ScrollRegion className="table-scroll" labelledBy="imported-caption">
            <DataTable
              caption={t('trends.import.listCaption', { jurisdiction })}
              captionId="imported-caption"
              headers={[t('trends.import.colSource'), t('trends.import.colReviews'), t('trends.import.colLastImported'), t('trends.import.colActions')]}
            >
              {imported.map(s => (
                <tr key={s.source}>
                  <th scope="row">{s.source}</th>
                  <td>{s.reviews}</td>
                  <td>{`${s.lastImportedAt.slice(0, 16).replace('T', ' ')} UTC`}</td>
                  <td>
                    <IntentButton
                      intent="remove"
                      fields={{ source: s.source }}
                      label={t('trends.import.remove')}
                      ariaLabel={t('trends.import.removeLabel', { code: s.source })}
                      buttonClassName="button-danger"
                    />
                  </td>
                </tr>
              ))}
            </DataTable>
          </ScrollRegion>
          <p className="trend-hint">{t('trends.import.removeHint')}</p>
        </>
      )}
    </TitledSection>
  )
}

export default function TrendsRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const { tables } = data
  const valueLabel = (key: string) => (key === NONE ? t('trends.none.value') : t(`trends.value.${key}`))
  const domainLabel = (key: string) => (key === NONE ? t('trends.none.domain') : (data.domainLabels[key] ?? key))
  const stageLabel = (key: string) => (key === NONE ? t('trends.none.stage') : t(`trends.stage.${key}`))
  const strengthLabel = (key: string) => t(`strength.${key}`)
  const statusLabel = (key: string) => t(`recommendationStatus.${key}`)
  const year = (key: string) => key
  const sourceLabel = (code: string) => (code === data.jurisdiction.code ? t('trends.sources.own', { code }) : code)
  const hasYears = tables.findingsByValueAndYear.columns.length > 0
  // The chart+table sections, each under its heading (trends.<id>.title), in page order.
  const sections: { id: string; hint?: string; figures: ComponentProps<typeof TrendFigure>[] }[] = [
    {
      id: 'findings',
      figures: [
        {
          id: 'findings-by-domain',
          kind: 'bars',
          title: t('trends.findings.byDomainTitle'),
          hint: t('trends.findings.byDomainHint'),
          table: tables.findingsByValueAndDomain,
          rowHeader: t('trends.findings.rowHeader'),
          rowLabel: valueLabel,
          columnLabel: domainLabel,
        },
        {
          id: 'findings-by-year',
          kind: 'lines',
          title: t('trends.findings.byYearTitle'),
          table: tables.findingsByValueAndYear,
          rowHeader: t('trends.findings.rowHeader'),
          rowLabel: valueLabel,
          columnLabel: year,
        },
      ],
    },
    {
      id: 'needs',
      hint: t('trends.needs.hint'),
      figures: [
        // One bar per stage (all years); the table below splits the same counts by year.
        {
          id: 'needs-by-year',
          kind: 'horizontal-bars',
          draw: 'row-totals',
          title: t('trends.needs.byStageTitle'),
          caption: t('trends.needs.byYearTitle'),
          table: tables.unmetNeedsByStageAndYear,
          rowHeader: t('trends.needs.rowHeader'),
          rowLabel: stageLabel,
          columnLabel: year,
        },
      ],
    },
    {
      id: 'recommendations',
      figures: [
        {
          id: 'recommendations-by-status',
          kind: 'bars',
          title: t('trends.recommendations.byStatusTitle'),
          table: tables.recommendationsByStrengthAndStatus,
          rowHeader: t('trends.recommendations.rowHeader'),
          rowLabel: strengthLabel,
          columnLabel: statusLabel,
        },
        {
          id: 'recommendations-by-year',
          kind: 'lines',
          title: t('trends.recommendations.byYearTitle'),
          table: tables.recommendationsByStrengthAndYear,
          rowHeader: t('trends.recommendations.rowHeader'),
          rowLabel: strengthLabel,
          columnLabel: year,
        },
      ],
    },
  ]
  const views: { view: TrendView; label: string }[] = [
    { view: 'own', label: t('trends.views.own') },
    { view: 'network', label: t('trends.views.network') },
  ]

  return (
    <>
      <h1>{t('trends.title')}</h1>
      <p>{t('trends.intro')}</p>
      <nav className="view-switch" aria-label={t('trends.views.label')}>
        <ul>
          {views.map(v => (
            <li key={v.view}>
              <Link to={v.view === 'own' ? '/trends' : '/trends?view=network'} aria-current={data.view === v.view ? 'page' : undefined}>
                {v.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p>{t(`trends.viewIntro.${data.view}`, { jurisdiction: data.jurisdiction.name })}</p>

      <TitledSection id="sources" title={t('trends.sources.title')}>
        {/* Long names scroll inside their own box, never the page (issue 9). */}
        <ScrollRegion className="table-scroll" labelledBy="sources-caption">
          <table className="trend-table sources-table">
            <caption id="sources-caption">{t('trends.sources.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trends.sources.colJurisdiction')}</th>
                <th scope="col" className="count">
                  {t('trends.sources.colReviews')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.sources.codes.map((code, i) => (
                <tr key={code}>
                  <th scope="row">{sourceLabel(code)}</th>
                  <CountCell className="count" value={data.sources.counts.cells[i]![0]!} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('trends.total')}</th>
                <CountCell className="count total" value={data.sources.counts.grandTotal} />
              </tr>
            </tfoot>
          </table>
        </ScrollRegion>
        {data.withdrawnSources.length > 0 ? <p className="notice-error">{t('trends.sources.withdrawn', { codes: data.withdrawnSources.join(', ') })}</p> : null}
        {data.unreadableShared > 0 ? <p className="notice-error">{t('trends.sources.unreadable', { count: data.unreadableShared })}</p> : null}
        <h3>{t('trends.suppression.title')}</h3>
        <p>{t('trends.suppression.intro')}</p>
        <dl className="suppression-legend">
          <dt>{SMALL_MARKER}</dt>
          <dd>{t('trends.suppression.small')}</dd>
          <dt>{WITHHELD_MARKER}</dt>
          <dd>{t('trends.suppression.withheld')}</dd>
          <dt>0</dt>
          <dd>{t('trends.suppression.zero')}</dd>
        </dl>
      </TitledSection>

      {data.imported ? <SharedDataAdmin imported={data.imported} jurisdiction={data.jurisdiction.name} /> : null}

      {data.survey ? <SurveyBesideReviews data={data.survey} locale={data.locale} /> : null}

      {!hasYears ? (
        <p className="trend-section">{t('trends.empty')}</p>
      ) : (
        <>
          {sections.map(section => (
            <TitledSection key={section.id} id={section.id} title={t(`trends.${section.id}.title`)} className="trend-section">
              {section.hint ? <p className="trend-hint">{section.hint}</p> : null}
              {section.figures.map(figure => (
                <TrendFigure key={figure.id} {...figure} />
              ))}
            </TitledSection>
          ))}

          <section aria-labelledby="scaling-title" className="trend-section">
            <h2 id="scaling-title">{t('safetyMap.trends.title')}</h2>
            <p className="trend-hint">{t('safetyMap.trends.hint')}</p>
            <TrendTable
              id="scaling-divergence-by-year"
              caption={t('safetyMap.trends.byYearTitle')}
              rowHeader={t('safetyMap.trends.rowHeader')}
              table={tables.safetyScalingDivergenceByYear}
              rowLabel={key => t(`safetyMap.trends.rows.${key}`)}
              columnLabel={year}
            />
          </section>
        </>
      )}
    </>
  )
}
