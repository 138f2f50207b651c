import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { PublishedCountView, SMALL_MARKER, WITHHELD_MARKER } from '~/components/trends/published-count'
import { SurveyBesideReviews } from '~/components/trends/survey-beside-reviews'
import { TrendChart } from '~/components/trends/trend-chart'
import { TrendTable } from '~/components/trends/trend-table'
import { NONE, type PublishedTable } from '~/domain/trends'
import { importedSources, importSharedReviews, removeSharedReviewsFrom, type ImportFile, type ImportProblem } from '~/models/shared-review.server'
import { surveyTrends } from '~/models/survey.server'
import { trendsData, type TrendView } from '~/models/trends.server'
import trendStylesUrl from '~/styles/trends.css'
import { readUploadForm } from '~/utils/upload.server'
import { languageOfRequest } from '~/utils/i18next.server'
import { requireJurisdictionPermission, userCan } from '~/utils/permissions.server'

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
  const parsed = actionSchema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')))
  if (!parsed.success) throw json({ message: 'Bad request' }, { status: 400 })
  if (parsed.data.intent === 'remove') {
    const removed = await removeSharedReviewsFrom({ jurisdictionId: user.jurisdictionId, userId: user.id }, parsed.data.source)
    return json<ActionResult>({ intent: 'remove', ok: true, source: parsed.data.source, removed })
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
            {p.file ? <strong>{p.where ? t('trends.import.problemAt', { file: p.file, where: p.where }) : t('trends.import.problemIn', { file: p.file })}</strong> : null}{' '}
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
    <section aria-labelledby="import-title" className="trend-section">
      <h2 id="import-title">{t('trends.import.title')}</h2>
      <p>{t('trends.import.intro')}</p>
      {navigation.state === 'idle' && result ? <ImportResult result={result} /> : null}
      <Form method="post" encType="multipart/form-data" className="json-upload">
        <input type="hidden" name="intent" value="import" />
        <div className="field">
          <label htmlFor="shared-files">{t('trends.import.files')}</label>
          <input id="shared-files" type="file" name="files" multiple accept=".json,application/json" />
        </div>
        <button type="submit">{t('trends.import.submit')}</button>
      </Form>
      {imported.length === 0 ? (
        <p>{t('trends.import.none')}</p>
      ) : (
        <>
          {/* Long names scroll inside their own box, never the page (issue 9). */}
          <div className="table-scroll" role="region" aria-labelledby="imported-caption" tabIndex={0}>
            <table>
              <caption id="imported-caption">{t('trends.import.listCaption', { jurisdiction })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('trends.import.colSource')}</th>
                  <th scope="col">{t('trends.import.colReviews')}</th>
                  <th scope="col">{t('trends.import.colLastImported')}</th>
                  <th scope="col">{t('trends.import.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {imported.map(s => (
                  <tr key={s.source}>
                    <th scope="row">{s.source}</th>
                    <td>{s.reviews}</td>
                    <td>{`${s.lastImportedAt.slice(0, 16).replace('T', ' ')} UTC`}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="source" value={s.source} />
                        <button type="submit" className="button-danger" aria-label={t('trends.import.removeLabel', { code: s.source })}>
                          {t('trends.import.remove')}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="trend-hint">{t('trends.import.removeHint')}</p>
        </>
      )}
    </section>
  )
}

/** Chart series from a table's rows: one series per row, one point per column. */
function rowSeries(table: PublishedTable, rowLabel: (key: string) => string) {
  return table.rows.map((r, i) => ({ label: rowLabel(r), values: table.cells[i]! }))
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

      <section aria-labelledby="sources-title">
        <h2 id="sources-title">{t('trends.sources.title')}</h2>
        {/* Long names scroll inside their own box, never the page (issue 9). */}
        <div className="table-scroll" role="region" aria-labelledby="sources-caption" tabIndex={0}>
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
                  <td className="count">
                    <PublishedCountView value={data.sources.counts.cells[i]![0]!} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('trends.total')}</th>
                <td className="count total">
                  <PublishedCountView value={data.sources.counts.grandTotal} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
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
      </section>

      {data.imported ? <SharedDataAdmin imported={data.imported} jurisdiction={data.jurisdiction.name} /> : null}

      {data.survey ? <SurveyBesideReviews data={data.survey} locale={data.locale} /> : null}

      {!hasYears ? (
        <p className="trend-section">{t('trends.empty')}</p>
      ) : (
        <>
          <section aria-labelledby="findings-title" className="trend-section">
            <h2 id="findings-title">{t('trends.findings.title')}</h2>
            <h3>{t('trends.findings.byDomainTitle')}</h3>
            <p className="trend-hint">{t('trends.findings.byDomainHint')}</p>
            <TrendChart
              published={tables.findingsByValueAndDomain.published}
              kind="bars"
              title={t('trends.findings.byDomainTitle')}
              categories={tables.findingsByValueAndDomain.columns.map(domainLabel)}
              series={rowSeries(tables.findingsByValueAndDomain, valueLabel)}
            />
            <TrendTable
              id="findings-by-domain"
              caption={t('trends.findings.byDomainTitle')}
              rowHeader={t('trends.findings.rowHeader')}
              table={tables.findingsByValueAndDomain}
              rowLabel={valueLabel}
              columnLabel={domainLabel}
            />
            <h3>{t('trends.findings.byYearTitle')}</h3>
            <TrendChart
              published={tables.findingsByValueAndYear.published}
              kind="lines"
              title={t('trends.findings.byYearTitle')}
              categories={tables.findingsByValueAndYear.columns}
              series={rowSeries(tables.findingsByValueAndYear, valueLabel)}
            />
            <TrendTable
              id="findings-by-year"
              caption={t('trends.findings.byYearTitle')}
              rowHeader={t('trends.findings.rowHeader')}
              table={tables.findingsByValueAndYear}
              rowLabel={valueLabel}
              columnLabel={year}
            />
          </section>

          <section aria-labelledby="needs-title" className="trend-section">
            <h2 id="needs-title">{t('trends.needs.title')}</h2>
            <p className="trend-hint">{t('trends.needs.hint')}</p>
            <h3>{t('trends.needs.byStageTitle')}</h3>
            <TrendChart
              published={tables.unmetNeedsByStageAndYear.published}
              kind="horizontal-bars"
              title={t('trends.needs.byStageTitle')}
              categories={tables.unmetNeedsByStageAndYear.rows.map(stageLabel)}
              series={[{ label: t('trends.needs.byStageTitle'), values: tables.unmetNeedsByStageAndYear.rowTotals }]}
            />
            <TrendTable
              id="needs-by-year"
              caption={t('trends.needs.byYearTitle')}
              rowHeader={t('trends.needs.rowHeader')}
              table={tables.unmetNeedsByStageAndYear}
              rowLabel={stageLabel}
              columnLabel={year}
            />
          </section>

          <section aria-labelledby="recommendations-title" className="trend-section">
            <h2 id="recommendations-title">{t('trends.recommendations.title')}</h2>
            <h3>{t('trends.recommendations.byStatusTitle')}</h3>
            <TrendChart
              published={tables.recommendationsByStrengthAndStatus.published}
              kind="bars"
              title={t('trends.recommendations.byStatusTitle')}
              categories={tables.recommendationsByStrengthAndStatus.columns.map(statusLabel)}
              series={rowSeries(tables.recommendationsByStrengthAndStatus, strengthLabel)}
            />
            <TrendTable
              id="recommendations-by-status"
              caption={t('trends.recommendations.byStatusTitle')}
              rowHeader={t('trends.recommendations.rowHeader')}
              table={tables.recommendationsByStrengthAndStatus}
              rowLabel={strengthLabel}
              columnLabel={statusLabel}
            />
            <h3>{t('trends.recommendations.byYearTitle')}</h3>
            <TrendChart
              published={tables.recommendationsByStrengthAndYear.published}
              kind="lines"
              title={t('trends.recommendations.byYearTitle')}
              categories={tables.recommendationsByStrengthAndYear.columns}
              series={rowSeries(tables.recommendationsByStrengthAndYear, strengthLabel)}
            />
            <TrendTable
              id="recommendations-by-year"
              caption={t('trends.recommendations.byYearTitle')}
              rowHeader={t('trends.recommendations.rowHeader')}
              table={tables.recommendationsByStrengthAndYear}
              rowLabel={strengthLabel}
              columnLabel={year}
            />
          </section>
        </>
      )}
    </>
  )
}
