// Practice standards edited in a form (ADR 0037): the draft lives in the page until it is saved
// as a new version; the server validates it with the same schema as an uploaded file, so a
// refused save names every problem and the draft stays as it was typed.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { moveItem, removeItem, replaceItem, unusedId } from '~/domain/settings-versions'
import type { DataPointRule, PracticeStandards } from '~/domain/standards'
import { journeyStages, type JourneyStage } from '~/domain/vocabulary'
import { EditorCard, EditorForm, ListControls, numberOrText, SelectField, TextField } from './editor-parts'

type Num = number | string
const ruleKinds = ['by_visit', 'within_days_of', 'data_point_at'] as const
type RuleKind = (typeof ruleKinds)[number]
type Trigger = 'always' | 'stage_recorded' | 'case_closed' | 'support_ended'

type RuleDraft = {
  id: string
  kind: RuleKind
  stage: JourneyStage
  labelEn: string
  labelFr: string
  visit: Num
  countFrom: JourneyStage | ''
  anchor: JourneyStage
  warnDays: Num
  limitDays: Num
  when: DataPointRule['when']
}

type StandardsDraft = { id: string; name: string; version: string; approximateToleranceDays: Num; visits: PracticeStandards['visits']; rules: RuleDraft[] }

function draftOf(standards: PracticeStandards): StandardsDraft {
  return {
    id: standards.id,
    name: standards.name,
    version: standards.version ?? '',
    approximateToleranceDays: standards.approximateToleranceDays,
    visits: standards.visits,
    rules: standards.rules.map(rule => ({
      id: rule.id,
      kind: rule.kind,
      stage: rule.stage,
      labelEn: rule.label?.en ?? '',
      labelFr: rule.label?.fr ?? '',
      visit: rule.kind === 'by_visit' ? rule.visit : 3,
      countFrom: rule.kind === 'by_visit' ? (rule.countFrom ?? '') : '',
      anchor: rule.kind === 'within_days_of' ? rule.anchor : 'referral',
      warnDays: rule.kind === 'within_days_of' ? rule.warnDays : 42,
      limitDays: rule.kind === 'within_days_of' ? rule.limitDays : 56,
      when: rule.kind === 'data_point_at' ? rule.when : undefined,
    })),
  }
}

/** The draft as the JSON the schema checks; only the fields of each rule's kind. */
export function standardsJsonOf(draft: StandardsDraft): unknown {
  return {
    id: draft.id,
    name: draft.name,
    ...(draft.version.trim() ? { version: draft.version } : {}),
    approximateToleranceDays: numberOrText(String(draft.approximateToleranceDays)),
    visits: draft.visits,
    rules: draft.rules.map(rule => {
      const label = rule.labelEn.trim() || rule.labelFr.trim() ? { label: { en: rule.labelEn, fr: rule.labelFr } } : {}
      const common = { id: rule.id, kind: rule.kind, ...label, stage: rule.stage }
      switch (rule.kind) {
        case 'by_visit':
          return { ...common, visit: numberOrText(String(rule.visit)), ...(rule.countFrom ? { countFrom: rule.countFrom } : {}) }
        case 'within_days_of':
          return { ...common, anchor: rule.anchor, warnDays: numberOrText(String(rule.warnDays)), limitDays: numberOrText(String(rule.limitDays)) }
        case 'data_point_at':
          return { ...common, ...(rule.when ? { when: rule.when } : {}) }
      }
    }),
  }
}

function triggerOf(rule: RuleDraft): Trigger {
  return rule.when?.reason ?? 'always'
}

export function StandardsEditor({ standards }: { standards: PracticeStandards }) {
  const { t, i18n } = useTranslation()
  const fr = i18n.language === 'fr'
  const [draft, setDraft] = useState(() => draftOf(standards))
  const stageOptions = journeyStages.map(s => ({ value: s, label: t(`workspace.stage.${s}`) }))
  const setRule = (index: number, change: Partial<RuleDraft>) =>
    setDraft(d => ({ ...d, rules: replaceItem(d.rules, index, { ...d.rules[index]!, ...change }) }))
  const addRule = () =>
    setDraft(d => ({
      ...d,
      rules: [
        ...d.rules,
        {
          id: unusedId(
            'new-standard',
            d.rules.map(r => r.id),
          ),
          kind: 'by_visit',
          stage: 'safety_plan',
          labelEn: '',
          labelFr: '',
          visit: 3,
          countFrom: '',
          anchor: 'referral',
          warnDays: 42,
          limitDays: 56,
          when: undefined,
        },
      ],
    }))
  const numberField = (index: number, rule: RuleDraft, name: string, key: 'visit' | 'warnDays' | 'limitDays') => (
    <TextField label={t(`versions.editor.${key}`, { name })} type="number" value={String(rule[key])} onChange={value => setRule(index, { [key]: value })} />
  )
  return (
    <EditorForm
      intent="standards"
      label={t('versions.editor.standardsForm')}
      json={standardsJsonOf(draft)}
      addLabel={t('versions.editor.addStandard')}
      onAdd={addRule}
    >
      <TextField label={t('versions.editor.standardsName')} value={draft.name} onChange={name => setDraft(d => ({ ...d, name }))} />
      <TextField label={t('versions.editor.standardsId')} value={draft.id} onChange={id => setDraft(d => ({ ...d, id }))} />
      <TextField label={t('versions.editor.ownVersion')} value={draft.version} onChange={version => setDraft(d => ({ ...d, version }))} />
      <TextField
        label={t('versions.editor.tolerance')}
        type="number"
        value={String(draft.approximateToleranceDays)}
        onChange={v => setDraft(d => ({ ...d, approximateToleranceDays: v }))}
      />
      <p className="hint">{t('versions.editor.visitsHint')}</p>
      <ol className="editor-list">
        {draft.rules.map((rule, index) => {
          const name = t('versions.editor.standardN', { n: index + 1 })
          return (
            <li key={index}>
              <EditorCard title={`${name}${rule.labelEn || rule.labelFr ? ` — ${fr ? rule.labelFr || rule.labelEn : rule.labelEn || rule.labelFr}` : ''}`}>
                <TextField label={t('versions.editor.labelEn', { name })} lang="en" value={rule.labelEn} onChange={labelEn => setRule(index, { labelEn })} />
                <TextField label={t('versions.editor.labelFr', { name })} lang="fr" value={rule.labelFr} onChange={labelFr => setRule(index, { labelFr })} />
                <TextField label={t('versions.editor.ruleId', { name })} value={rule.id} onChange={id => setRule(index, { id })} />
                <SelectField
                  label={t('versions.editor.ruleKind', { name })}
                  value={rule.kind}
                  options={ruleKinds.map(k => ({ value: k, label: t(`versions.editor.kind.${k}`) }))}
                  onChange={kind => setRule(index, { kind })}
                />
                <SelectField
                  label={t('versions.editor.ruleStage', { name })}
                  value={rule.stage}
                  options={stageOptions}
                  onChange={stage => setRule(index, { stage })}
                />
                {rule.kind === 'by_visit' ? (
                  <>
                    {numberField(index, rule, name, 'visit')}
                    <SelectField
                      label={t('versions.editor.countFrom', { name })}
                      value={rule.countFrom}
                      options={[{ value: '' as const, label: t('versions.editor.countFromStart') }, ...stageOptions]}
                      onChange={countFrom => setRule(index, { countFrom })}
                    />
                  </>
                ) : null}
                {rule.kind === 'within_days_of' ? (
                  <>
                    <SelectField
                      label={t('versions.editor.anchor', { name })}
                      value={rule.anchor}
                      options={stageOptions}
                      onChange={anchor => setRule(index, { anchor })}
                    />
                    {numberField(index, rule, name, 'warnDays')}
                    {numberField(index, rule, name, 'limitDays')}
                  </>
                ) : null}
                {rule.kind === 'data_point_at' ? (
                  <>
                    <SelectField
                      label={t('versions.editor.trigger', { name })}
                      value={triggerOf(rule)}
                      options={(
                        ['always', 'stage_recorded', ...(rule.when && rule.when.reason !== 'stage_recorded' ? [rule.when.reason] : [])] as Trigger[]
                      ).map(v => ({ value: v, label: t(`versions.editor.triggers.${v}`) }))}
                      onChange={trigger =>
                        setRule(index, {
                          when:
                            trigger === 'always'
                              ? undefined
                              : trigger === 'stage_recorded'
                                ? { reason: 'stage_recorded', match: { stages: ['case_plan'], textPatterns: [], excludeStages: [] } }
                                : rule.when,
                        })
                      }
                    />
                    {rule.when?.reason === 'stage_recorded' ? (
                      <SelectField
                        label={t('versions.editor.triggerStage', { name })}
                        value={rule.when.match.stages[0] ?? 'case_plan'}
                        options={stageOptions}
                        onChange={stage =>
                          setRule(index, { when: { reason: 'stage_recorded', match: { stages: [stage], textPatterns: [], excludeStages: [] } } })
                        }
                      />
                    ) : null}
                  </>
                ) : null}
                <ListControls
                  name={name}
                  index={index}
                  count={draft.rules.length}
                  onMove={delta => setDraft(d => ({ ...d, rules: moveItem(d.rules, index, delta) }))}
                  onRemove={() => setDraft(d => ({ ...d, rules: removeItem(d.rules, index) }))}
                />
              </EditorCard>
            </li>
          )
        })}
      </ol>
    </EditorForm>
  )
}
