// The people registry: who is in the case records, under which stable pseudonym, and the
// places and identifying numbers to remove. Everything that leaves the review is
// de-identified from this list, so it is edited here in the open, by the panel.
import { memo, useId, useMemo, useState, type FormEvent } from 'react'
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
import { ChoiceSelect, CommitInput } from './commit-input'
import { LiveText } from './live-text'
import { newEntityId, useWorkspace } from './context'
import { ConfirmRemove } from './finding-fields'
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

function PeopleSection({ people, announce }: { people: readonly Person[]; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const pseudonyms = useMemo(() => people.map(person => person.pseudonym), [people])
  // A pseudonym leaves the review in every export: it may not carry anyone's name.
  const names = useMemo(() => people.flatMap(person => [person.name, ...person.aliases]), [people])
  return (
    <section className="registry-section" aria-labelledby="registry-people-title">
      <div className="section-head">
        <h3 id="registry-people-title">{t('analysis.registry.people.title')}</h3>
        <p className="section-count">{t('analysis.registry.people.count', { count: people.length })}</p>
      </div>
      <dl className="registry-notes">
        <dt>{t('analysis.registry.people.pseudonym')}</dt>
        <dd id={PSEUDONYM_NOTE}>{t('analysis.registry.people.pseudonymHint')}</dd>
        <dt>
          {t('analysis.registry.people.nation')} <span className="badge badge-protected">{t('analysis.registry.people.protected')}</span>
        </dt>
        <dd id={PROTECTED_NOTE}>{t('analysis.registry.people.protectedNote')}</dd>
      </dl>
      {people.length === 0 ? <p>{t('analysis.registry.people.empty')}</p> : null}
      <ul className="registry-list">
        {people.map(person => (
          <PersonCard key={person.id} person={person} pseudonyms={pseudonyms} names={names} announce={announce} />
        ))}
      </ul>
      <AddPersonForm pseudonyms={pseudonyms} names={names} announce={announce} />
    </section>
  )
}

function AddPersonForm({ pseudonyms, names, announce }: { pseudonyms: readonly string[]; names: readonly string[]; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
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

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
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
  return (
    <form className="add-card" onSubmit={submit} noValidate aria-labelledby={`${base}-title`}>
      <h4 id={`${base}-title`}>{t('analysis.registry.people.addTitle')}</h4>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${base}-name`}>{t('analysis.registry.people.name')}</label>
          <input
            id={`${base}-name`}
            type="text"
            maxLength={200}
            value={name}
            disabled={!canEdit}
            autoComplete="off"
            onChange={e => setName(e.target.value)}
            aria-invalid={problem === 'name' || undefined}
            aria-describedby={problem === 'name' ? errorId : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={`${base}-role`}>{t('analysis.registry.people.role')}</label>
          <ChoiceSelect
            id={`${base}-role`}
            value={role}
            disabled={!canEdit}
            choices={personRoles}
            label={r => t(`analysis.registry.roles.${r}`)}
            onChoose={r => setRole(r)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${base}-pseudonym`}>{t('analysis.registry.people.pseudonym')}</label>
          <input
            id={`${base}-pseudonym`}
            type="text"
            maxLength={60}
            value={shownPseudonym}
            disabled={!canEdit}
            autoComplete="off"
            onChange={e => setPseudonym(e.target.value)}
            aria-invalid={problem === 'pseudonym' || problem === 'pseudonymTaken' || undefined}
            aria-describedby={`${PSEUDONYM_NOTE}${problem === 'pseudonym' || problem === 'pseudonymTaken' ? ` ${errorId}` : ''}`}
          />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${base}-birth`}>{t('analysis.registry.people.birthDate')}</label>
          <input id={`${base}-birth`} type="date" value={birthDate} disabled={!canEdit} onChange={e => setBirthDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${base}-nation`}>
            {t('analysis.registry.people.nation')} <span className="badge badge-protected">{t('analysis.registry.people.protected')}</span>
          </label>
          <input
            id={`${base}-nation`}
            type="text"
            maxLength={200}
            value={nation}
            disabled={!canEdit}
            autoComplete="off"
            onChange={e => setNation(e.target.value)}
            aria-describedby={PROTECTED_NOTE}
          />
        </div>
      </div>
      {problem ? (
        <p id={errorId} className="field-error" role="alert">
          {t(`analysis.registry.people.problem.${problem}`)}
        </p>
      ) : null}
      <button type="submit" disabled={!canEdit}>
        {t('analysis.registry.people.add')}
      </button>
    </form>
  )
}

type PersonCardProps = { person: Person; pseudonyms: readonly string[]; names: readonly string[]; announce: (message: string) => void }

const PersonCard = memo(function PersonCard({ person, pseudonyms, names, announce }: PersonCardProps) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = `person-${person.id}`
  const update = (patch: PersonPatch) => run({ type: 'updatePerson', id: person.id, patch })
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
          <div className="field">
            <label htmlFor={`${base}-name`}>{t('analysis.registry.people.name')}</label>
            <LiveText
              id={`${base}-name`}
              target={{ collection: 'people', id: person.id, field: 'name' }}
              fallback={person.name}
              maxLength={200}
              autoComplete="off"
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`${base}-aliases`}>{t('analysis.registry.people.aliases')}</label>
            <CommitInput
              id={`${base}-aliases`}
              type="text"
              autoComplete="off"
              value={person.aliases.join(', ')}
              disabled={!canEdit}
              aria-describedby={`${base}-aliases-hint`}
              onCommit={value => update({ aliases: splitAliases(value) })}
            />
            <p id={`${base}-aliases-hint`} className="hint">
              {t('analysis.registry.people.aliasesHint')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`${base}-role`}>{t('analysis.registry.people.role')}</label>
            <ChoiceSelect
              id={`${base}-role`}
              value={person.role}
              disabled={!canEdit}
              choices={personRoles}
              label={r => t(`analysis.registry.roles.${r}`)}
              onChoose={r => update({ role: r })}
            />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${base}-pseudonym`}>{t('analysis.registry.people.pseudonym')}</label>
            <LiveText
              id={`${base}-pseudonym`}
              target={{ collection: 'people', id: person.id, field: 'pseudonym' }}
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
          </div>
          <div className="field">
            <label htmlFor={`${base}-birth`}>{t('analysis.registry.people.birthDate')}</label>
            <CommitInput
              id={`${base}-birth`}
              type="date"
              value={person.birthDate ?? ''}
              disabled={!canEdit}
              onCommit={value => update({ birthDate: value === '' ? null : value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${base}-nation`}>
              {t('analysis.registry.people.nation')} <span className="badge badge-protected">{t('analysis.registry.people.protected')}</span>
            </label>
            <LiveText
              id={`${base}-nation`}
              target={{ collection: 'people', id: person.id, field: 'nationOrCommunity' }}
              fallback={person.nationOrCommunity ?? ''}
              maxLength={200}
              autoComplete="off"
              aria-describedby={PROTECTED_NOTE}
            />
          </div>
        </div>
        <div className="card-actions">
          <ConfirmRemove
            label={t('analysis.common.remove')}
            accessibleLabel={t('analysis.registry.people.removeLabel', { pseudonym: person.pseudonym })}
            question={t('analysis.registry.people.removeConfirm', { pseudonym: person.pseudonym })}
            disabled={!canEdit}
            onConfirm={() => {
              if (run({ type: 'removePerson', id: person.id }, { undoable: false })) announce(t('analysis.registry.removed'))
            }}
          />
        </div>
      </article>
    </li>
  )
})

// ------------------------------------------------------------------------------------ places

function PlacesSection({ places, announce }: { places: readonly Place[]; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = useId()
  const [name, setName] = useState('')
  const [kind, setKind] = useState<PlaceKind>('address')
  const [label, setLabel] = useState<string | null>(null)
  const [invalid, setInvalid] = useState(false)
  const labels = places.map(place => place.label)
  const shownLabel = label ?? suggestPlaceLabel(kind, labels)

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (name.trim() === '' || shownLabel.trim() === '') return setInvalid(true)
    if (run({ type: 'addPlace', id: newEntityId(), name: name.trim(), kind, label: shownLabel.trim() }, { undoable: false })) {
      setInvalid(false)
      setName('')
      setLabel(null)
      announce(t('analysis.registry.places.added'))
    }
  }

  return (
    <section className="registry-section" aria-labelledby="registry-places-title">
      <div className="section-head">
        <h3 id="registry-places-title">{t('analysis.registry.places.title')}</h3>
        <p className="section-count">{t('analysis.registry.places.count', { count: places.length })}</p>
      </div>
      {places.length === 0 ? <p>{t('analysis.registry.places.empty')}</p> : null}
      <ul className="registry-list registry-rows">
        {places.map(place => (
          <PlaceRow key={place.id} place={place} announce={announce} />
        ))}
      </ul>
      <form className="add-card" onSubmit={submit} noValidate aria-labelledby={`${base}-title`}>
        <h4 id={`${base}-title`}>{t('analysis.registry.places.addTitle')}</h4>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${base}-name`}>{t('analysis.registry.places.name')}</label>
            <input
              id={`${base}-name`}
              type="text"
              maxLength={300}
              autoComplete="off"
              value={name}
              disabled={!canEdit}
              onChange={e => setName(e.target.value)}
              aria-invalid={(invalid && name.trim() === '') || undefined}
              aria-describedby={invalid ? `${base}-error` : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={`${base}-kind`}>{t('analysis.registry.places.kind')}</label>
            <ChoiceSelect
              id={`${base}-kind`}
              value={kind}
              disabled={!canEdit}
              choices={placeKinds}
              label={k => t(`analysis.registry.placeKinds.${k}`)}
              onChoose={k => setKind(k)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${base}-label`}>{t('analysis.registry.places.label')}</label>
            <input
              id={`${base}-label`}
              type="text"
              maxLength={100}
              autoComplete="off"
              value={shownLabel}
              disabled={!canEdit}
              onChange={e => setLabel(e.target.value)}
              aria-describedby={`${base}-label-hint`}
            />
            <p id={`${base}-label-hint`} className="hint">
              {t('analysis.registry.places.labelHint')}
            </p>
          </div>
        </div>
        {invalid ? (
          <p id={`${base}-error`} className="field-error" role="alert">
            {t('analysis.registry.places.required')}
          </p>
        ) : null}
        <button type="submit" disabled={!canEdit}>
          {t('analysis.registry.places.add')}
        </button>
      </form>
    </section>
  )
}

const PlaceRow = memo(function PlaceRow({ place, announce }: { place: Place; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = `place-${place.id}`
  return (
    <li className="registry-card registry-row">
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${base}-name`}>{t('analysis.registry.places.name')}</label>
          <LiveText
            id={`${base}-name`}
            target={{ collection: 'places', id: place.id, field: 'name' }}
            fallback={place.name}
            maxLength={300}
            autoComplete="off"
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${base}-kind`}>{t('analysis.registry.places.kind')}</label>
          <ChoiceSelect
            id={`${base}-kind`}
            value={place.kind}
            disabled={!canEdit}
            choices={placeKinds}
            label={k => t(`analysis.registry.placeKinds.${k}`)}
            onChoose={k => run({ type: 'updatePlace', id: place.id, patch: { kind: k } })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${base}-label`}>{t('analysis.registry.places.label')}</label>
          <LiveText
            id={`${base}-label`}
            target={{ collection: 'places', id: place.id, field: 'label' }}
            fallback={place.label}
            maxLength={100}
            autoComplete="off"
            required
          />
        </div>
        <div className="row-action">
          <ConfirmRemove
            label={t('analysis.common.remove')}
            accessibleLabel={t('analysis.registry.places.removeLabel', { label: place.label })}
            question={t('analysis.registry.places.removeConfirm', { label: place.label })}
            disabled={!canEdit}
            onConfirm={() => {
              if (run({ type: 'removePlace', id: place.id }, { undoable: false })) announce(t('analysis.registry.removed'))
            }}
          />
        </div>
      </div>
    </li>
  )
})

// ------------------------------------------------------------------------------- identifiers

function IdentifiersSection({ identifiers, announce }: { identifiers: readonly Identifier[]; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = useId()
  const [value, setValue] = useState('')
  const [kind, setKind] = useState<IdentifierKind>('case_number')
  const [invalid, setInvalid] = useState(false)

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (value.trim() === '') return setInvalid(true)
    if (run({ type: 'addIdentifier', id: newEntityId(), value: value.trim(), kind }, { undoable: false })) {
      setInvalid(false)
      setValue('')
      announce(t('analysis.registry.identifiers.added'))
    }
  }

  return (
    <section className="registry-section" aria-labelledby="registry-identifiers-title">
      <div className="section-head">
        <h3 id="registry-identifiers-title">{t('analysis.registry.identifiers.title')}</h3>
        <p className="section-count">{t('analysis.registry.identifiers.count', { count: identifiers.length })}</p>
      </div>
      <p className="hint">{t('analysis.registry.identifiers.intro')}</p>
      {identifiers.length === 0 ? <p>{t('analysis.registry.identifiers.empty')}</p> : null}
      <ul className="registry-list registry-rows">
        {identifiers.map(identifier => (
          <IdentifierRow key={identifier.id} identifier={identifier} announce={announce} />
        ))}
      </ul>
      <form className="add-card" onSubmit={submit} noValidate aria-labelledby={`${base}-title`}>
        <h4 id={`${base}-title`}>{t('analysis.registry.identifiers.addTitle')}</h4>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${base}-value`}>{t('analysis.registry.identifiers.value')}</label>
            <input
              id={`${base}-value`}
              type="text"
              maxLength={200}
              autoComplete="off"
              value={value}
              disabled={!canEdit}
              onChange={e => setValue(e.target.value)}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? `${base}-error` : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor={`${base}-kind`}>{t('analysis.registry.identifiers.kind')}</label>
            <ChoiceSelect
              id={`${base}-kind`}
              value={kind}
              disabled={!canEdit}
              choices={identifierKinds}
              label={k => t(`analysis.registry.identifierKinds.${k}`)}
              onChoose={k => setKind(k)}
            />
          </div>
        </div>
        {invalid ? (
          <p id={`${base}-error`} className="field-error" role="alert">
            {t('analysis.registry.identifiers.required')}
          </p>
        ) : null}
        <button type="submit" disabled={!canEdit}>
          {t('analysis.registry.identifiers.add')}
        </button>
      </form>
    </section>
  )
}

const IdentifierRow = memo(function IdentifierRow({ identifier, announce }: { identifier: Identifier; announce: (message: string) => void }) {
  const { t } = useTranslation()
  const { canEdit, run } = useWorkspace()
  const base = `identifier-${identifier.id}`
  return (
    <li className="registry-card registry-row">
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${base}-value`}>{t('analysis.registry.identifiers.value')}</label>
          <LiveText
            id={`${base}-value`}
            target={{ collection: 'identifiers', id: identifier.id, field: 'value' }}
            fallback={identifier.value}
            maxLength={200}
            autoComplete="off"
            required
          />
        </div>
        <div className="field">
          <label htmlFor={`${base}-kind`}>{t('analysis.registry.identifiers.kind')}</label>
          <ChoiceSelect
            id={`${base}-kind`}
            value={identifier.kind}
            disabled={!canEdit}
            choices={identifierKinds}
            label={k => t(`analysis.registry.identifierKinds.${k}`)}
            onChoose={k => run({ type: 'updateIdentifier', id: identifier.id, patch: { kind: k } })}
          />
        </div>
        <div className="row-action">
          <ConfirmRemove
            label={t('analysis.common.remove')}
            accessibleLabel={t('analysis.registry.identifiers.removeLabel', { value: identifier.value })}
            question={t('analysis.registry.identifiers.removeConfirm', { value: identifier.value })}
            disabled={!canEdit}
            onConfirm={() => {
              if (run({ type: 'removeIdentifier', id: identifier.id }, { undoable: false })) announce(t('analysis.registry.removed'))
            }}
          />
        </div>
      </div>
    </li>
  )
})
