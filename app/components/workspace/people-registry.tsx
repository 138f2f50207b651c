// The people registry: who is in the case records, under which stable pseudonym, and the
// places and identifying numbers to remove. Everything that leaves the review is
// de-identified from this list, so it is edited here in the open, by the panel.
import { memo, useId, useMemo, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
  isPseudonymTaken,
  nameInPseudonym,
  suggestPlaceLabel,
  suggestPseudonym,
  type Identifier,
  type Person,
  type Place,
  type ReviewCommand,
} from '~/domain/review-doc'
import { identifierKinds, personRoles, placeKinds, type IdentifierKind, type PersonRole, type PlaceKind } from '~/domain/vocabulary'
import { CommitInput } from './commit-input'
import { LiveText } from './live-text'
import { newEntityId, useWorkspace } from './context'
import { AddForm, ChoiceField, DraftInput, Field, LiveField, RemoveAction, SectionHead } from './form-parts'
import type { ViewProps } from './settings'

// Said once above the list; every pseudonym and Nation/community field points at them.
const PSEUDONYM_NOTE = 'registry-pseudonym-note'
const PROTECTED_NOTE = 'registry-protected-note'

type PersonPatch = Extract<ReviewCommand, { type: 'updatePerson' }>['patch']

const splitAliases = (text: string) =>
  [
    ...new Set(
      text
        .split(',')
        .map(alias => alias.trim().replace(/\s+/g, ' '))
        .filter(alias => alias !== ''),
    ),
  ].slice(0, 20)

export function PeopleRegistry({ document, announce, settings }: ViewProps) {
  const { t } = useTranslation()
  // A partner agency's member without the facilitator's grant sees who is who only by
  // pseudonym and role (ADR 0039); names, places and identifiers are not shown.
  if (settings.namesHidden) {
    return (
      <div className="registry">
        <h2 className="view-title">{t('analysis.registry.title')}</h2>
        <p className="registry-note" data-testid="registry-pseudonyms-only">
          {t('voice.registry.pseudonymsOnly')}
        </p>
        <ul className="registry-list">
          {document.people.map(person => (
            <li key={person.id} className="registry-card">
              {person.pseudonym} <span className="card-subtitle">{t(`analysis.registry.roles.${person.role}`)}</span>
            </li>
          ))}
        </ul>
      </div>
    )
  }
  return (
    <div className="registry">
      <h2 className="view-title">{t('analysis.registry.title')}</h2>
      <p className="registry-note">{t('analysis.registry.deidentNote')}</p>
      <PeopleSection people={document.people} announce={announce} />
      <PlacesSection places={document.places} announce={announce} />
      <IdentifiersSection identifiers={document.identifiers} announce={announce} />
    </div>
  )
}

// ------------------------------------------------------------------------------------ people

type SectionProps = {
  kind: 'people' | 'places' | 'identifiers'
  count: number
  /** What is said between the heading and the list. */
  notes?: ReactNode
  /** One-line rows rather than cards. */
  rows?: boolean
  children: ReactNode
  form: ReactNode
}

/** One of the registry's three lists: heading and count, notes, the entries, then the add form. */
function RegistrySection({ kind, count, notes, rows, children, form }: SectionProps) {
  const { t } = useTranslation()
  return (
    <section className="registry-section" aria-labelledby={`registry-${kind}-title`}>
      <SectionHead id={`registry-${kind}-title`} title={t(`analysis.registry.${kind}.title`)} count={t(`analysis.registry.${kind}.count`, { count })} />
      {notes}
      {count === 0 ? <p>{t(`analysis.registry.${kind}.empty`)}</p> : null}
      <ul className={rows ? 'registry-list registry-rows' : 'registry-list'}>{children}</ul>
      {form}
    </section>
  )
}

function PeopleSection({ people, announce }: { people: readonly Person[]; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const pseudonyms = useMemo(() => people.map(person => person.pseudonym), [people])
  // A pseudonym leaves the review in every export: it may not carry anyone's name.
  const names = useMemo(() => people.flatMap(person => [person.name, ...person.aliases]), [people])
  const notes = (
    <dl className="registry-notes">
      <dt>{t('analysis.registry.people.pseudonym')}</dt>
      <dd id={PSEUDONYM_NOTE}>{t('analysis.registry.people.pseudonymHint')}</dd>
      <dt>
        <NationLabel />
      </dt>
      <dd id={PROTECTED_NOTE}>{t('analysis.registry.people.protectedNote')}</dd>
    </dl>
  )
  return (
    <RegistrySection kind="people" count={people.length} notes={notes} form={<AddPersonForm pseudonyms={pseudonyms} names={names} announce={announce} />}>
      {people.map(person => (
        <PersonCard key={person.id} person={person} pseudonyms={pseudonyms} names={names} announce={announce} />
      ))}
    </RegistrySection>
  )
}

/** "Nation/community" with its protected badge: said the same way in the notes and both forms. */
function NationLabel() {
  const { t } = useTranslation()
  return (
    <>
      {t('analysis.registry.people.nation')} <span className="badge badge-protected">{t('analysis.registry.people.protected')}</span>
    </>
  )
}

function AddPersonForm({ pseudonyms, names, announce }: { pseudonyms: readonly string[]; names: readonly string[]; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { run } = useWorkspace()
  const base = useId()
  const [name, setName] = useState('')
  const [role, setRole] = useState<PersonRole>('child')
  // Null while the user has not typed one: the suggestion follows the chosen role.
  const [pseudonym, setPseudonym] = useState<string | null>(null)
  const [birthDate, setBirthDate] = useState('')
  const [nation, setNation] = useState('')
  const [problem, setProblem] = useState<'name' | 'pseudonym' | 'pseudonymTaken' | 'pseudonymIsName' | null>(null)
  const suggested = suggestPseudonym(role, pseudonyms)
  const shownPseudonym = pseudonym ?? suggested

  const submit = () => {
    const chosen = shownPseudonym.trim()
    if (name.trim() === '') return setProblem('name')
    if (chosen === '') return setProblem('pseudonym')
    if (isPseudonymTaken(chosen, pseudonyms)) return setProblem('pseudonymTaken')
    if (nameInPseudonym(chosen, [...names, name.trim()]) !== null) return setProblem('pseudonymIsName')
    const command: ReviewCommand = {
      type: 'addPerson',
      id: newEntityId(),
      name: name.trim(),
      role,
      pseudonym: chosen,
      ...(birthDate ? { birthDate } : {}),
      ...(nation.trim() ? { nationOrCommunity: nation.trim() } : {}),
    }
    if (run(command, { undoable: false })) {
      setProblem(null)
      setName('')
      setPseudonym(null)
      setBirthDate('')
      setNation('')
      announce(t('analysis.registry.people.added', { pseudonym: chosen }))
    }
  }

  const errorId = `${base}-error`
  const pseudonymInvalid = problem === 'pseudonym' || problem === 'pseudonymTaken'
  return (
    <AddForm
      base={base}
      title={t('analysis.registry.people.addTitle')}
      onSubmit={submit}
      error={problem ? t(`analysis.registry.people.problem.${problem}`) : null}
      submitLabel={t('analysis.registry.people.add')}
    >
      <div className="field-row">
        <Field id={`${base}-name`} label={t('analysis.registry.people.name')}>
          <DraftInput
            id={`${base}-name`}
            maxLength={200}
            value={name}
            autoComplete="off"
            onValue={setName}
            invalid={problem === 'name'}
            aria-describedby={problem === 'name' ? errorId : undefined}
          />
        </Field>
        <RoleField id={`${base}-role`} value={role} onChoose={setRole} />
        <Field id={`${base}-pseudonym`} label={t('analysis.registry.people.pseudonym')}>
          <DraftInput
            id={`${base}-pseudonym`}
            maxLength={60}
            value={shownPseudonym}
            autoComplete="off"
            onValue={setPseudonym}
            invalid={pseudonymInvalid}
            aria-describedby={`${PSEUDONYM_NOTE}${pseudonymInvalid ? ` ${errorId}` : ''}`}
          />
        </Field>
      </div>
      <div className="field-row">
        <Field id={`${base}-birth`} label={t('analysis.registry.people.birthDate')}>
          <DraftInput id={`${base}-birth`} type="date" value={birthDate} onValue={setBirthDate} />
        </Field>
        <Field id={`${base}-nation`} label={<NationLabel />}>
          <DraftInput id={`${base}-nation`} maxLength={200} value={nation} autoComplete="off" onValue={setNation} aria-describedby={PROTECTED_NOTE} />
        </Field>
      </div>
    </AddForm>
  )
}

function RoleField({ id, value, onChoose }: { id: string; value: PersonRole; onChoose: (role: PersonRole) => unknown }) {
  const { t } = useTranslation()
  return (
    <ChoiceField
      id={id}
      label={t('analysis.registry.people.role')}
      value={value}
      choices={personRoles}
      choiceLabel={r => t(`analysis.registry.roles.${r}`)}
      onChoose={onChoose}
    />
  )
}

type PersonCardProps = { person: Person; pseudonyms: readonly string[]; names: readonly string[]; announce: (message: string) => void }

const PersonCard = memo(function PersonCard({ person, pseudonyms, names, announce }: PersonCardProps) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = `person-${person.id}`
  const update = (patch: PersonPatch) => run({ type: 'updatePerson', id: person.id, patch })
  const target = (field: 'name' | 'pseudonym' | 'nationOrCommunity') => ({ collection: 'people' as const, id: person.id, field })
  const others = pseudonyms.filter(p => p !== person.pseudonym)
  const suggestion = suggestPseudonym(person.role, others)
  // Typed live, so a clash cannot be refused before it is written: it is shown until resolved.
  const ownIndex = pseudonyms.indexOf(person.pseudonym)
  const pseudonymTaken =
    person.pseudonym.trim() !== '' &&
    isPseudonymTaken(
      person.pseudonym,
      pseudonyms.filter((_, i) => i !== ownIndex),
    )
  // A pseudonym that carries a real name (this person's or anyone's in the registry) would
  // undo the de-identification it exists for: shown like a clash until it is changed.
  const pseudonymProblem: 'pseudonymTaken' | 'pseudonymIsName' | null = pseudonymTaken
    ? 'pseudonymTaken'
    : person.pseudonym.trim() !== '' && nameInPseudonym(person.pseudonym, names) !== null
      ? 'pseudonymIsName'
      : null

  return (
    <li className="registry-card">
      <article aria-labelledby={`${base}-heading`}>
        <header className="card-head">
          <h4 id={`${base}-heading`}>
            {person.pseudonym} <span className="card-subtitle">{t(`analysis.registry.roles.${person.role}`)}</span>
          </h4>
          {person.nationOrCommunity ? <span className="badge badge-protected">{t('analysis.registry.people.protectedRecorded')}</span> : null}
        </header>
        <div className="field-row">
          <LiveField
            id={`${base}-name`}
            label={t('analysis.registry.people.name')}
            target={target('name')}
            fallback={person.name}
            maxLength={200}
            autoComplete="off"
            required
          />
          <Field id={`${base}-aliases`} label={t('analysis.registry.people.aliases')} hint={t('analysis.registry.people.aliasesHint')}>
            <CommitInput
              id={`${base}-aliases`}
              type="text"
              autoComplete="off"
              value={person.aliases.join(', ')}
              disabled={!canEdit}
              aria-describedby={`${base}-aliases-hint`}
              onCommit={value => update({ aliases: splitAliases(value) })}
            />
          </Field>
          <RoleField id={`${base}-role`} value={person.role} onChoose={r => update({ role: r })} />
        </div>
        <div className="field-row">
          <Field id={`${base}-pseudonym`} label={t('analysis.registry.people.pseudonym')}>
            <LiveText
              id={`${base}-pseudonym`}
              target={target('pseudonym')}
              fallback={person.pseudonym}
              maxLength={60}
              autoComplete="off"
              required
              aria-invalid={pseudonymProblem !== null || undefined}
              aria-describedby={`${PSEUDONYM_NOTE}${pseudonymProblem ? ` ${base}-pseudonym-error` : ''}`}
            />
            {pseudonymProblem ? (
              <p id={`${base}-pseudonym-error`} className="field-error">
                {t(`analysis.registry.people.problem.${pseudonymProblem ?? 'pseudonymTaken'}`)}
              </p>
            ) : null}
            {canEdit && suggestion !== person.pseudonym ? (
              // Never applied by itself: a pseudonym already used in findings must not change silently.
              <button
                type="button"
                className="button-link suggest-pseudonym"
                onClick={() => {
                  if (update({ pseudonym: suggestion })) announce(t('analysis.registry.people.suggested', { pseudonym: suggestion }))
                }}
              >
                {t('analysis.registry.people.suggest', { pseudonym: suggestion })}
              </button>
            ) : null}
          </Field>
          <Field id={`${base}-birth`} label={t('analysis.registry.people.birthDate')}>
            <CommitInput
              id={`${base}-birth`}
              type="date"
              value={person.birthDate ?? ''}
              disabled={!canEdit}
              onCommit={value => update({ birthDate: value === '' ? null : value })}
            />
          </Field>
          <LiveField
            id={`${base}-nation`}
            label={<NationLabel />}
            target={target('nationOrCommunity')}
            fallback={person.nationOrCommunity ?? ''}
            maxLength={200}
            autoComplete="off"
            aria-describedby={PROTECTED_NOTE}
          />
        </div>
        <RemoveAction
          stem="analysis.registry.people"
          values={{ pseudonym: person.pseudonym }}
          command={{ type: 'removePerson', id: person.id }}
          removed={t('analysis.registry.removed')}
          announce={announce}
        />
      </article>
    </li>
  )
})

// ------------------------------------------------------------------------ places, identifiers

function PlacesSection({ places, announce }: { places: readonly Place[]; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { run } = useWorkspace()
  const base = useId()
  const [name, setName] = useState('')
  const [kind, setKind] = useState<PlaceKind>('address')
  const [label, setLabel] = useState<string | null>(null)
  const [invalid, setInvalid] = useState(false)
  const labels = places.map(place => place.label)
  const shownLabel = label ?? suggestPlaceLabel(kind, labels)

  const submit = () => {
    if (name.trim() === '' || shownLabel.trim() === '') return setInvalid(true)
    if (run({ type: 'addPlace', id: newEntityId(), name: name.trim(), kind, label: shownLabel.trim() }, { undoable: false })) {
      setInvalid(false)
      setName('')
      setLabel(null)
      announce(t('analysis.registry.places.added'))
    }
  }

  const form = (
    <AddForm
      base={base}
      title={t('analysis.registry.places.addTitle')}
      onSubmit={submit}
      error={invalid ? t('analysis.registry.places.required') : null}
      submitLabel={t('analysis.registry.places.add')}
    >
      <div className="field-row">
        <Field id={`${base}-name`} label={t('analysis.registry.places.name')}>
          <DraftInput
            id={`${base}-name`}
            maxLength={300}
            autoComplete="off"
            value={name}
            onValue={setName}
            invalid={invalid && name.trim() === ''}
            aria-describedby={invalid ? `${base}-error` : undefined}
          />
        </Field>
        <PlaceKindField id={`${base}-kind`} value={kind} onChoose={setKind} />
        <Field id={`${base}-label`} label={t('analysis.registry.places.label')} hint={t('analysis.registry.places.labelHint')}>
          <DraftInput id={`${base}-label`} maxLength={100} autoComplete="off" value={shownLabel} onValue={setLabel} aria-describedby={`${base}-label-hint`} />
        </Field>
      </div>
    </AddForm>
  )
  return (
    <RegistrySection kind="places" count={places.length} rows form={form}>
      {places.map(place => (
        <PlaceRow key={place.id} place={place} announce={announce} />
      ))}
    </RegistrySection>
  )
}

function PlaceKindField({ id, value, onChoose }: { id: string; value: PlaceKind; onChoose: (kind: PlaceKind) => unknown }) {
  const { t } = useTranslation()
  return (
    <ChoiceField
      id={id}
      label={t('analysis.registry.places.kind')}
      value={value}
      choices={placeKinds}
      choiceLabel={k => t(`analysis.registry.placeKinds.${k}`)}
      onChoose={onChoose}
    />
  )
}

const PlaceRow = memo(function PlaceRow({ place, announce }: { place: Place; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { run } = useWorkspace()
  const base = `place-${place.id}`
  const target = (field: 'name' | 'label') => ({ collection: 'places' as const, id: place.id, field })
  return (
    <li className="registry-card registry-row">
      <div className="field-row">
        <LiveField
          id={`${base}-name`}
          label={t('analysis.registry.places.name')}
          target={target('name')}
          fallback={place.name}
          maxLength={300}
          autoComplete="off"
          required
        />
        <PlaceKindField id={`${base}-kind`} value={place.kind} onChoose={k => run({ type: 'updatePlace', id: place.id, patch: { kind: k } })} />
        <LiveField
          id={`${base}-label`}
          label={t('analysis.registry.places.label')}
          target={target('label')}
          fallback={place.label}
          maxLength={100}
          autoComplete="off"
          required
        />
        <RemoveAction
          row
          stem="analysis.registry.places"
          values={{ label: place.label }}
          command={{ type: 'removePlace', id: place.id }}
          removed={t('analysis.registry.removed')}
          announce={announce}
        />
      </div>
    </li>
  )
})

function IdentifiersSection({ identifiers, announce }: { identifiers: readonly Identifier[]; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { run } = useWorkspace()
  const base = useId()
  const [value, setValue] = useState('')
  const [kind, setKind] = useState<IdentifierKind>('case_number')
  const [invalid, setInvalid] = useState(false)

  const submit = () => {
    if (value.trim() === '') return setInvalid(true)
    if (run({ type: 'addIdentifier', id: newEntityId(), value: value.trim(), kind }, { undoable: false })) {
      setInvalid(false)
      setValue('')
      announce(t('analysis.registry.identifiers.added'))
    }
  }

  const form = (
    <AddForm
      base={base}
      title={t('analysis.registry.identifiers.addTitle')}
      onSubmit={submit}
      error={invalid ? t('analysis.registry.identifiers.required') : null}
      submitLabel={t('analysis.registry.identifiers.add')}
    >
      <div className="field-row">
        <Field id={`${base}-value`} label={t('analysis.registry.identifiers.value')}>
          <DraftInput
            id={`${base}-value`}
            maxLength={200}
            autoComplete="off"
            value={value}
            onValue={setValue}
            invalid={invalid}
            aria-describedby={invalid ? `${base}-error` : undefined}
          />
        </Field>
        <IdentifierKindField id={`${base}-kind`} value={kind} onChoose={setKind} />
      </div>
    </AddForm>
  )
  return (
    <RegistrySection kind="identifiers" count={identifiers.length} notes={<p className="hint">{t('analysis.registry.identifiers.intro')}</p>} rows form={form}>
      {identifiers.map(identifier => (
        <IdentifierRow key={identifier.id} identifier={identifier} announce={announce} />
      ))}
    </RegistrySection>
  )
}

function IdentifierKindField({ id, value, onChoose }: { id: string; value: IdentifierKind; onChoose: (kind: IdentifierKind) => unknown }) {
  const { t } = useTranslation()
  return (
    <ChoiceField
      id={id}
      label={t('analysis.registry.identifiers.kind')}
      value={value}
      choices={identifierKinds}
      choiceLabel={k => t(`analysis.registry.identifierKinds.${k}`)}
      onChoose={onChoose}
    />
  )
}

const IdentifierRow = memo(function IdentifierRow({ identifier, announce }: { identifier: Identifier; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { run } = useWorkspace()
  const base = `identifier-${identifier.id}`
  return (
    <li className="registry-card registry-row">
      <div className="field-row">
        <LiveField
          id={`${base}-value`}
          label={t('analysis.registry.identifiers.value')}
          target={{ collection: 'identifiers', id: identifier.id, field: 'value' }}
          fallback={identifier.value}
          maxLength={200}
          autoComplete="off"
          required
        />
        <IdentifierKindField
          id={`${base}-kind`}
          value={identifier.kind}
          onChoose={k => run({ type: 'updateIdentifier', id: identifier.id, patch: { kind: k } })}
        />
        <RemoveAction
          row
          stem="analysis.registry.identifiers"
          values={{ value: identifier.value }}
          command={{ type: 'removeIdentifier', id: identifier.id }}
          removed={t('analysis.registry.removed')}
          announce={announce}
        />
      </div>
    </li>
  )
})
