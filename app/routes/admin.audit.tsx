import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { auditPage, auditFilterSchema, auditPeopleAndReviews } from '~/models/audit.server'
import { requireJurisdictionPermission } from '~/utils/permissions.server'
import { DataTable } from '~/components/layout'
import { InputField, SelectField } from '~/components/forms'

export const meta: MetaFunction = () => [{ title: 'Audit · SCIR Workspace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'read:audit')
  const params = Object.fromEntries(new URL(request.url).searchParams)
  const parsed = auditFilterSchema.safeParse(params)
  // A bad filter (a hand-edited address) shows everything with a note, never an error page.
  const filter = parsed.success ? parsed.data : { page: 1 }
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'ops.audit.problemDate')
  const [page, choices] = await Promise.all([
    auditPage(
      {
        jurisdictionId: user.jurisdictionId,
        actorId: filter.person,
        reviewId: filter.review,
        action: filter.action,
        from: filter.from ? new Date(`${filter.from}T00:00:00.000Z`) : undefined,
        until: filter.to ? new Date(new Date(`${filter.to}T00:00:00.000Z`).getTime() + 86_400_000) : undefined,
      },
      filter.page,
    ),
    auditPeopleAndReviews(user.jurisdictionId),
  ])
  return json({
    jurisdiction: user.jurisdiction.name,
    filter: (parsed.success ? params : {}) as Record<string, string>,
    pageNumber: filter.page,
    problem,
    ...page,
    ...choices,
  })
}

export default function AuditRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const people = new Map(data.people.map(p => [p.id, p.name]))
  const reviews = new Map(data.reviews.map(r => [r.id, r.title]))
  const first = (data.pageNumber - 1) * data.pageSize + 1
  const linkTo = (page: number) => `?${new URLSearchParams({ ...data.filter, page: String(page) }).toString()}`
  const filterChoices = [
    { key: 'person', any: 'ops.audit.anyPerson', options: data.people.map(p => [p.id, p.name] as const) },
    { key: 'review', any: 'ops.audit.anyReview', options: data.reviews.map(r => [r.id, r.title] as const) },
  ] as const
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('ops.audit.title', { jurisdiction: data.jurisdiction })}</h1>
      <p>{t('ops.audit.intro')}</p>
      {data.problem ? (
        <div role="alert" className="form-error">
          <p>{t('ops.audit.invalidFilter', { problem: t(data.problem) })}</p>
        </div>
      ) : null}
      <Form method="get" aria-label={t('ops.audit.filters')} className="filters">
        {filterChoices.map(({ key, any, options }) => (
          <SelectField
            key={key}
            id={`audit-${key}`}
            name={key}
            label={t(`ops.audit.${key}`)}
            emptyLabel={t(any)}
            defaultValue={data.filter[key] ?? ''}
            options={options}
          />
        ))}
        <InputField id="audit-action" label={t('ops.audit.action')} name="action" list="audit-actions" maxLength={80} defaultValue={data.filter.action ?? ''} />
        <datalist id="audit-actions">
          {data.actions.map(a => (
            <option key={a} value={a} />
          ))}
        </datalist>
        {(['from', 'to'] as const).map(key => (
          <InputField key={key} id={`audit-${key}`} label={t(`ops.audit.${key}`)} name={key} type="date" defaultValue={data.filter[key] ?? ''} />
        ))}
        <button type="submit">{t('ops.audit.apply')}</button> <Link to="/admin/audit">{t('ops.audit.clear')}</Link>
      </Form>

      {data.rows.length === 0 ? (
        <p>{t('ops.audit.none')}</p>
      ) : (
        <DataTable
          data-testid="audit-table"
          caption={t('ops.audit.caption', { first, last: first + data.rows.length - 1, total: data.total })}
          headers={[
            t('ops.audit.colSeq'),
            t('ops.audit.colAt'),
            t('ops.audit.colPerson'),
            t('ops.audit.colAction'),
            t('ops.audit.colReview'),
            t('ops.audit.colDetail'),
          ]}
        >
          {data.rows.map(row => (
            <tr key={row.id}>
              <td>{row.seq}</td>
              <td>
                <time dateTime={row.at}>{row.at.slice(0, 19).replace('T', ' ')}</time>
              </td>
              <td>{row.actorId ? (people.get(row.actorId) ?? t('ops.audit.unknownPerson')) : t('ops.audit.operator')}</td>
              <td>
                <code>{row.action}</code>
              </td>
              <td>{row.reviewId ? (reviews.get(row.reviewId) ?? row.reviewId) : ''}</td>
              <td>
                <code className="audit-detail">{row.detail === '{}' ? '' : row.detail}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {data.pages > 1 ? (
        <nav aria-label={t('ops.audit.pagination')}>
          {data.pageNumber > 1 ? <Link to={linkTo(data.pageNumber - 1)}>{t('ops.audit.previous')}</Link> : null}{' '}
          <span>{t('ops.audit.pageOf', { page: data.pageNumber, pages: data.pages })}</span>{' '}
          {data.pageNumber < data.pages ? <Link to={linkTo(data.pageNumber + 1)}>{t('ops.audit.next')}</Link> : null}
        </nav>
      ) : null}
    </section>
  )
}
