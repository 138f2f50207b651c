// The factor framework edited in a form (ADR 0037): domains and their items, each worded in
// English and French, added, changed, removed and reordered; saved as a new version through the
// same validation as an uploaded file.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FactorDomain, FactorFramework, FactorItem } from '~/domain/factors'
import { moveItem, removeItem, replaceItem, unusedId } from '~/domain/settings-versions'
import { BilingualField, EditorCard, EditorForm, ListControls, TextField } from './editor-parts'

const empty = { en: '', fr: '' }

function allIds(framework: FactorFramework): string[] {
  return framework.domains.flatMap(d => [d.id, ...d.items.map(i => i.id)])
}

export function FrameworkEditor({ framework }: { framework: FactorFramework }) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'fr' ? 'fr' : 'en'
  const [draft, setDraft] = useState<FactorFramework>(framework)
  const setDomain = (d: number, change: Partial<FactorDomain>) => setDraft(f => ({ ...f, domains: replaceItem(f.domains, d, { ...f.domains[d]!, ...change }) }))
  const setItem = (d: number, i: number, change: Partial<FactorItem>) => {
    const domain = draft.domains[d]!
    setDomain(d, { items: replaceItem(domain.items, i, { ...domain.items[i]!, ...change }) })
  }
  const addDomain = () =>
    setDraft(f => {
      const id = unusedId('new_domain', allIds(f))
      return { ...f, domains: [...f.domains, { id, label: { ...empty }, items: [{ id: `${id}.item`, label: { ...empty }, definition: { ...empty } }] }] }
    })
  const addItem = (d: number) =>
    setDraft(f => {
      const domain = f.domains[d]!
      const item = { id: unusedId(`${domain.id}.new_item`, allIds(f)), label: { ...empty }, definition: { ...empty } }
      return { ...f, domains: replaceItem(f.domains, d, { ...domain, items: [...domain.items, item] }) }
    })
  return (
    <EditorForm intent="framework" label={t('versions.editor.frameworkForm')} json={draft} addLabel={t('versions.editor.addDomain')} onAdd={addDomain}>
      <BilingualField
        labels={{ en: t('versions.editor.frameworkNameEn'), fr: t('versions.editor.frameworkNameFr') }}
        value={draft.name}
        onChange={name => setDraft(f => ({ ...f, name }))}
      />
      <TextField label={t('versions.editor.frameworkId')} value={draft.id} onChange={id => setDraft(f => ({ ...f, id }))} />
      <TextField label={t('versions.editor.ownVersion')} value={draft.version} onChange={version => setDraft(f => ({ ...f, version }))} />
      <ol className="editor-list">
        {draft.domains.map((domain, d) => {
          const domainName = t('versions.editor.domainN', { n: d + 1 })
          return (
            <li key={d}>
              <EditorCard title={`${domainName}${domain.label[locale] ? ` — ${domain.label[locale]}` : ''}`}>
                <BilingualField
                  labels={{ en: t('versions.editor.labelEn', { name: domainName }), fr: t('versions.editor.labelFr', { name: domainName }) }}
                  value={domain.label}
                  onChange={label => setDomain(d, { label })}
                />
                <TextField label={t('versions.editor.itemId', { name: domainName })} value={domain.id} onChange={id => setDomain(d, { id })} />
                <ListControls
                  name={domainName}
                  index={d}
                  count={draft.domains.length}
                  canRemove={draft.domains.length > 1}
                  onMove={delta => setDraft(f => ({ ...f, domains: moveItem(f.domains, d, delta) }))}
                  onRemove={() => setDraft(f => ({ ...f, domains: removeItem(f.domains, d) }))}
                />
                <ol className="editor-list">
                  {domain.items.map((item, i) => {
                    const itemName = t('versions.editor.itemN', { domain: d + 1, n: i + 1 })
                    return (
                      <li key={i}>
                        <EditorCard title={`${itemName}${item.label[locale] ? ` — ${item.label[locale]}` : ''}`}>
                          <BilingualField
                            labels={{ en: t('versions.editor.labelEn', { name: itemName }), fr: t('versions.editor.labelFr', { name: itemName }) }}
                            value={item.label}
                            onChange={label => setItem(d, i, { label })}
                          />
                          <BilingualField
                            labels={{ en: t('versions.editor.definitionEn', { name: itemName }), fr: t('versions.editor.definitionFr', { name: itemName }) }}
                            multiline
                            value={item.definition}
                            onChange={definition => setItem(d, i, { definition })}
                          />
                          <TextField label={t('versions.editor.itemId', { name: itemName })} value={item.id} onChange={id => setItem(d, i, { id })} />
                          <ListControls
                            name={itemName}
                            index={i}
                            count={domain.items.length}
                            canRemove={domain.items.length > 1}
                            onMove={delta => setDomain(d, { items: moveItem(domain.items, i, delta) })}
                            onRemove={() => setDomain(d, { items: removeItem(domain.items, i) })}
                          />
                        </EditorCard>
                      </li>
                    )
                  })}
                </ol>
                <button type="button" className="button-secondary" onClick={() => addItem(d)}>
                  {t('versions.editor.addItem', { name: domainName })}
                </button>
              </EditorCard>
            </li>
          )
        })}
      </ol>
    </EditorForm>
  )
}
