import type { LoaderFunctionArgs } from '@remix-run/node'
import { followUpStates } from '~/domain/follow-up'
import { trackerDocx } from '~/domain/follow-up/report'
import { recommendationStrengths } from '~/domain/vocabulary'
import { trackerView } from '~/models/follow-up.server'
import { requireUser } from '~/utils/auth.server'
import { i18nServer, languageOfRequest } from '~/utils/i18next.server'

// Exactly the rows the tracker shows for the same query string, as a Word table.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const locale = await languageOfRequest(request)
  const t = await i18nServer.getFixedT(request)
  const today = new Date().toISOString().slice(0, 10)
  const view = await trackerView(user, new URL(request.url).searchParams, today, locale)
  const bytes = await trackerDocx(
    view.rows.map(r => ({ ...r, owner: r.ownerName ?? r.ownerText })),
    {
      title: t('tracker.title'),
      generated: today,
      columns: {
        review: t('tracker.colReview'),
        recommendation: t('tracker.colRecommendation'),
        strength: t('tracker.colStrength'),
        owner: t('tracker.colOwner'),
        due: t('tracker.colDue'),
        status: t('tracker.colStatus'),
        note: t('followUp.tracker.colLastNote'),
      },
      strength: Object.fromEntries(recommendationStrengths.map(s => [s, t(`strength.${s}`)])) as Record<(typeof recommendationStrengths)[number], string>,
      state: Object.fromEntries(followUpStates.map(s => [s, t(`followUp.state.${s}`)])) as Record<(typeof followUpStates)[number], string>,
      overdue: t('tracker.overdue'),
      awaitingEvaluation: t('followUp.tracker.awaitingEvaluation'),
      none: t('tracker.none'),
    },
  )
  // A copy backed by a plain ArrayBuffer, which is what a Response body accepts.
  return new Response(bytes.slice(), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': `attachment; filename="recommendations-${today}.docx"`,
      'cache-control': 'no-store',
    },
  })
}
