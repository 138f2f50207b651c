import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { factorRatingScale } from '~/domain/factors'
import { describeRule } from '~/domain/standards'
import { ownPublicKey, registerTrustedKey, removeTrustedKey, trustedKeys } from '~/models/signing.server'
import {
  jurisdictionSettings,
  resetSetting,
  saveFactorFramework,
  savePracticeStandards,
  setAccountNamesVisibleTo,
  setExcludeFromSharing,
} from '~/models/jurisdiction.server'
import { closedReviews, RetentionInputError, setLegalHold, setRetentionYears } from '~/models/retention.server'
import { keptVersions, versionsInForce, type KeptVersion } from '~/models/settings-version.server'
import { FrameworkEditor } from '~/components/settings/framework-editor'
import { StandardsEditor } from '~/components/settings/standards-editor'
import { requireJurisdictionPermission } from '~/utils/permissions.server'
import { readUploadForm } from '~/utils/upload.server'
import { languageOfRequest } from '~/utils/i18next.server'
import { IntentButton, IntentForm } from '~/components/intent-form'
import { DataTable, TitledSection } from '~/components/layout'
import { CheckboxField, InputField, SelectField, TextareaField } from '~/components/forms'

export const meta: MetaFunction = () => [{ title: 'Jurisdiction settings · SCIR Workspace' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'manage:jurisdiction-settings')
  const locale = await languageOfRequest(request)
  const [settings, ownKey, trusted, retention, inForce, standardsVersions, frameworkVersions] = await Promise.all([
    jurisdictionSettings(user.jurisdictionId),
    ownPublicKey(user.jurisdictionId),
    trustedKeys(user.jurisdictionId),
    closedReviews(user.jurisdictionId),
    versionsInForce(user.jurisdictionId),
    keptVersions(user.jurisdictionId, 'practiceStandards'),
    keptVersions(user.jurisdictionId, 'factorFramework'),
  ])
  return json({
    ownKey,
    trusted,
    retention,
    jurisdiction: user.jurisdiction,
    locale,
    framework: settings.factorFramework,
    customFramework: settings.customFramework,
    customStandards: settings.customStandards,
    standards: { name: settings.practiceStandards.name, rules: settings.practiceStandards.rules.map(r => describeRule(r, locale)) },
    practiceStandards: settings.practiceStandards,
    inForce,
    versions: { practiceStandards: standardsVersions, factorFramework: frameworkVersions },
    excludeFromSharing: settings.excludeFromSharing,
    accountNamesVisibleTo: settings.accountNamesVisibleTo,
    ratingScale: factorRatingScale,
  })
}

const MAX_JSON_BYTES = 2 * 1024 * 1024
const intentSchema = z.enum([
  'framework',
  'standards',
  'reset-framework',
  'reset-standards',
  'sharing',
  'account-names',
  'trust-key',
  'untrust-key',
  'retention',
  'legal-hold',
])
const retentionSchema = z.object({ years: z.union([z.literal(''), z.coerce.number().int().min(1).max(100)]) })
const legalHoldSchema = z.object({ reviewId: z.string().min(1).max(60), hold: z.enum(['on', 'off']) })

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireJurisdictionPermission(request, 'manage:jurisdiction-settings')
  const read = await readUploadForm(request, MAX_JSON_BYTES)
  if (!read.ok) return json({ done: null, problems: [{ where: '/', message: 'settings.tooLarge' }] }, { status: 413 })
  const form = read.form
  const intent = intentSchema.safeParse(form.get('intent'))
  if (!intent.success) return json({ done: null, problems: [{ where: '/', message: 'validation.invalid' }] }, { status: 400 })
  const upload = form.get('file')
  const text = upload && typeof upload !== 'string' ? await upload.text() : String(form.get('json') ?? '')
  switch (intent.data) {
    case 'framework':
    case 'standards': {
      if (!text.trim()) return json({ done: null, problems: [{ where: '/', message: 'settings.nothingGiven' }] }, { status: 400 })
      const save = intent.data === 'framework' ? saveFactorFramework : savePracticeStandards
      const outcome = await save(user.jurisdictionId, text, user.id)
      if (!outcome.ok) return json({ done: null, problems: outcome.problems }, { status: 400 })
      return json({
        done: intent.data === 'framework' ? 'versions.frameworkSaved' : 'versions.standardsSaved',
        doneParams: { number: outcome.version },
        problems: [],
      })
    }
    case 'reset-framework':
      await resetSetting(user.jurisdictionId, 'factorFramework', user.id)
      return json({ done: 'settings.frameworkReset', problems: [] })
    case 'reset-standards':
      await resetSetting(user.jurisdictionId, 'practiceStandards', user.id)
      return json({ done: 'settings.standardsReset', problems: [] })
    case 'account-names': {
      const visibleTo = z.enum(['facilitator', 'nobody']).safeParse(form.get('visibleTo'))
      if (!visibleTo.success) return json({ done: null, problems: [{ where: 'visibleTo', message: 'validation.invalid' }] }, { status: 400 })
      await setAccountNamesVisibleTo(user.jurisdictionId, visibleTo.data, user.id)
      return json({ done: 'settings.accountNamesSaved', problems: [] })
    }
    case 'trust-key': {
      const outcome = await registerTrustedKey(
        { jurisdictionId: user.jurisdictionId, code: user.jurisdiction.code },
        String(form.get('code') ?? ''),
        String(form.get('publicKey') ?? ''),
        user.id,
      )
      if (!outcome.ok) return json({ done: null, problems: [{ where: outcome.field, message: outcome.message }] }, { status: 400 })
      return json({ done: 'settings.trustAdded', problems: [] })
    }
    case 'untrust-key': {
      const removed = await removeTrustedKey(user.jurisdictionId, String(form.get('id') ?? ''), user.id)
      if (!removed) return json({ done: null, problems: [{ where: 'id', message: 'settings.trust.errors.notFound' }] }, { status: 400 })
      return json({ done: 'settings.trustRemoved', problems: [] })
    }
    case 'retention': {
      const parsed = retentionSchema.safeParse({ years: String(form.get('years') ?? '').trim() })
      if (!parsed.success) return json({ done: null, problems: [{ where: 'years', message: 'ops.retention.yearsInvalid' }] }, { status: 400 })
      await setRetentionYears(user.jurisdictionId, parsed.data.years === '' ? null : parsed.data.years, user.id)
      return json({ done: 'ops.retention.saved', problems: [] })
    }
    case 'legal-hold': {
      const parsed = legalHoldSchema.safeParse(Object.fromEntries(form))
      if (!parsed.success) return json({ done: null, problems: [{ where: 'hold', message: 'validation.invalid' }] }, { status: 400 })
      try {
        await setLegalHold(user.jurisdictionId, parsed.data.reviewId, parsed.data.hold === 'on', user.id)
      } catch (error) {
        if (error instanceof RetentionInputError) return json({ done: null, problems: [{ where: 'reviewId', message: error.message }] }, { status: 400 })
        throw error
      }
      return json({ done: parsed.data.hold === 'on' ? 'ops.retention.holdSet' : 'ops.retention.holdLifted', problems: [] })
    }
    case 'sharing':
      await setExcludeFromSharing(user.jurisdictionId, form.get('exclude') === 'on', user.id)
      return json({ done: 'settings.sharingSaved', problems: [] })
  }
}

// The two versioned settings share everything around their description: which one is in force,
// the version number, the editor, a file upload, the kept versions and the way back to the default.
const versionedSettings = {
  framework: {
    title: 'settings.frameworkTitle',
    isCustom: 'settings.customFramework',
    isDefault: 'settings.defaultFramework',
    kind: 'factor-framework',
    edit: 'versions.editor.editFramework',
    file: 'settings.frameworkFile',
    reset: 'settings.resetFramework',
  },
  standards: {
    title: 'settings.standardsTitle',
    isCustom: 'settings.customStandards',
    isDefault: 'settings.defaultStandards',
    kind: 'practice-standards',
    edit: 'versions.editor.editStandards',
    file: 'settings.standardsFile',
    reset: 'settings.resetStandards',
  },
} as const

function VersionedSetting({
  setting,
  name,
  inForce,
  versions,
  custom,
  editor,
  children,
}: {
  setting: keyof typeof versionedSettings
  name: string
  inForce: number
  versions: KeptVersion[]
  custom: boolean
  editor: ReactNode
  children: ReactNode
}) {
  const { t } = useTranslation()
  const { title, isCustom, isDefault, kind, edit, file, reset } = versionedSettings[setting]
  return (
    <TitledSection id={setting} title={t(title)}>
      <p>
        {t(custom ? isCustom : isDefault)} <strong>{name}</strong>
      </p>
      {children}
      <p>
        {t('versions.inForce', { number: inForce })}{' '}
        <a href={`/admin/settings/download/${kind}?version=${inForce}`} download>
          {t('versions.downloadInForce')}
        </a>{' '}
        ·{' '}
        <a href={`/admin/settings/download/${kind}?schema`} download>
          {t('versions.schemaLink')}
        </a>
      </p>
      <details>
        <summary>{t(edit)}</summary>
        {editor}
      </details>
      <IntentForm intent={setting} encType="multipart/form-data" className="json-upload">
        <InputField id={`${setting}-file`} label={t(file)} type="file" name="file" accept=".json,application/json" />
        <button type="submit">{t('settings.load')}</button>
      </IntentForm>
      <KeptVersions kind={kind} versions={versions} />
      {custom ? (
        <IntentForm intent={`reset-${setting}`}>
          <button type="submit" className="button-secondary">
            {t(reset)}
          </button>
        </IntentForm>
      ) : null}
    </TitledSection>
  )
}

function KeptVersions({ kind, versions }: { kind: 'practice-standards' | 'factor-framework'; versions: KeptVersion[] }) {
  const { t, i18n } = useTranslation()
  if (versions.length === 0) return <p className="hint">{t('versions.noneKept')}</p>
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  return (
    <details>
      <summary>{t('versions.keptTitle', { count: versions.length })}</summary>
      <ul>
        {versions.map(v => (
          <li key={v.number}>
            <a href={`/admin/settings/download/${kind}?version=${v.number}`} download>
              {t('versions.number', { number: v.number })}
            </a>{' '}
            — <time dateTime={v.createdAt}>{dateFormat.format(new Date(v.createdAt))}</time>
            {v.createdBy ? `, ${v.createdBy}` : ''}
          </li>
        ))}
      </ul>
    </details>
  )
}

export default function SettingsRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as
    { done: string | null; doneParams?: Record<string, number>; problems: { where: string; message: string }[] } | undefined
  const navigation = useNavigation()
  const { t } = useTranslation()
  const locale = data.locale
  return (
    <>
      <h1>{t('settings.title', { jurisdiction: data.jurisdiction.name })}</h1>
      {navigation.state === 'idle' && actionData?.done ? (
        <p role="status" className="notice">
          {t(actionData.done, actionData.doneParams)}
        </p>
      ) : null}
      {navigation.state === 'idle' && actionData?.problems.length ? (
        <div role="alert" className="form-error">
          <p>{t('settings.refused')}</p>
          <ul>
            {actionData.problems.map((p, i) => (
              <li key={i}>
                <strong>{p.where}</strong>: {t(p.message, { defaultValue: p.message })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <VersionedSetting
        setting="framework"
        name={data.framework.name[locale]}
        inForce={data.inForce.factorFramework}
        versions={data.versions.factorFramework}
        custom={data.customFramework}
        editor={<FrameworkEditor key={data.inForce.factorFramework} framework={data.framework} />}
      >
        <p className="hint">{t('settings.frameworkHint')}</p>
        <dl className="rating-scale">
          {data.ratingScale.map(r => (
            <div key={r.rating}>
              <dt>{r.rating}</dt>
              <dd>{r.label[locale]}</dd>
            </div>
          ))}
        </dl>
        {data.framework.domains.map(domain => (
          <details key={domain.id}>
            <summary>{domain.label[locale]}</summary>
            <dl className="factor-items">
              {domain.items.map(item => (
                <div key={item.id}>
                  <dt>{item.label[locale]}</dt>
                  <dd>{item.definition[locale]}</dd>
                </div>
              ))}
            </dl>
          </details>
        ))}
      </VersionedSetting>

      <VersionedSetting
        setting="standards"
        name={data.standards.name}
        inForce={data.inForce.practiceStandards}
        versions={data.versions.practiceStandards}
        custom={data.customStandards}
        editor={<StandardsEditor key={data.inForce.practiceStandards} standards={data.practiceStandards} />}
      >
        <ul>
          {data.standards.rules.map(rule => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </VersionedSetting>

      <TitledSection id="account-names" title={t('settings.accountNamesTitle')}>
        <IntentForm intent="account-names">
          <SelectField
            id="account-names"
            label={t('settings.accountNamesLabel')}
            name="visibleTo"
            defaultValue={data.accountNamesVisibleTo}
            options={[
              ['facilitator', t('settings.accountNamesFacilitator')],
              ['nobody', t('settings.accountNamesNobody')],
            ]}
          />
          <button type="submit">{t('settings.save')}</button>
        </IntentForm>
      </TitledSection>

      <TitledSection id="sharing" title={t('settings.sharingTitle')}>
        <IntentForm intent="sharing">
          <CheckboxField id="exclude-sharing" label={t('settings.excludeFromSharing')} name="exclude" defaultChecked={data.excludeFromSharing} />
          <button type="submit">{t('settings.save')}</button>
        </IntentForm>
      </TitledSection>

      <TitledSection id="signing" title={t('settings.signingTitle')}>
        <p>{t('settings.signingIntro')}</p>
        <div className="field">
          <label htmlFor="own-public-key">{t('settings.ownKeyLabel', { code: data.jurisdiction.code })}</label>
          <textarea id="own-public-key" readOnly rows={3} value={data.ownKey.publicKey} aria-describedby="own-key-id" className="key-text" />
          <p id="own-key-id" className="hint">
            {t('settings.keyId', { keyId: data.ownKey.keyId })}
          </p>
        </div>
      </TitledSection>

      <TitledSection id="trust" title={t('settings.trustTitle')}>
        <p>{t('settings.trustIntro')}</p>
        {data.trusted.length === 0 ? (
          <p className="hint">{t('settings.trustEmpty')}</p>
        ) : (
          <DataTable
            caption={t('settings.trustCaption')}
            headers={[t('settings.trustColCode'), t('settings.trustColKey'), t('settings.trustColAdded'), t('settings.trustColRemove')]}
          >
            {data.trusted.map(key => (
              <tr key={key.id}>
                <th scope="row">{key.code}</th>
                <td>
                  <code>{key.keyId}</code>
                </td>
                <td>
                  <time dateTime={key.addedAt}>{key.addedAt.slice(0, 10)}</time>
                </td>
                <td>
                  <IntentButton
                    intent="untrust-key"
                    fields={{ id: key.id }}
                    label={t('settings.trustColRemove')}
                    ariaLabel={t('settings.trustRemove', { code: key.code })}
                    buttonClassName="button-link"
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <IntentForm intent="trust-key">
          <InputField id="trust-code" label={t('settings.trustCode')} name="code" required maxLength={32} autoCapitalize="characters" />
          <TextareaField id="trust-key" label={t('settings.trustKey')} name="publicKey" required rows={4} inputClassName="key-text" />
          <button type="submit">{t('settings.trustAdd')}</button>
        </IntentForm>
      </TitledSection>

      <TitledSection id="retention" title={t('ops.retention.title')}>
        <p className="hint">{t('ops.retention.intro')}</p>
        <IntentForm intent="retention">
          <InputField
            id="retention-years"
            label={t('ops.retention.yearsLabel')}
            name="years"
            type="number"
            min={1}
            max={100}
            step={1}
            defaultValue={data.retention.retentionYears ?? ''}
          />
          <button type="submit">{t('ops.retention.save')}</button>
        </IntentForm>
        <h3>{t('ops.retention.closedTitle')}</h3>
        {data.retention.reviews.length === 0 ? (
          <p>{t('ops.retention.none')}</p>
        ) : (
          <DataTable headers={[t('ops.retention.colReview'), t('ops.retention.colClosed'), t('ops.retention.colDue'), t('ops.retention.colHold')]}>
            {data.retention.reviews.map(r => (
              <tr key={r.id}>
                <td>{r.title}</td>
                <td>{r.closedAt.slice(0, 10)}</td>
                <td>{r.purgeDueAt ? r.purgeDueAt.slice(0, 10) : t('ops.retention.keptForever')}</td>
                <td>
                  {r.legalHold ? t('ops.retention.held') : t('ops.retention.notHeld')}{' '}
                  <IntentButton
                    intent="legal-hold"
                    fields={{ reviewId: r.id, hold: r.legalHold ? 'off' : 'on' }}
                    label={t(r.legalHold ? 'ops.retention.liftHold' : 'ops.retention.setHold')}
                    ariaLabel={t(r.legalHold ? 'ops.retention.liftHoldLabel' : 'ops.retention.setHoldLabel', { title: r.title })}
                    buttonClassName="button-secondary"
                    className="inline-form"
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </TitledSection>
    </>
  )
}
