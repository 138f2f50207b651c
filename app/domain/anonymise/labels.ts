// Every word the anonymiser writes into a de-identified narrative, in both service languages.
// Labels are bracketed when they stand for something removed ("[phone]") and plain when they
// stand for something the reader still needs to follow the story ("the hospital", "Day -42").

import type { IdentifierKind, PlaceKind } from '../vocabulary'
import type { OutputLocale } from './context'
import type { ReplacementKind } from './types'

interface LocaleLabels {
  place: Record<PlaceKind, string>
  identifier: Record<IdentifierKind, string>
  pattern: Record<Exclude<ReplacementKind, 'person' | 'place' | 'identifier' | 'date' | 'age'>, string>
  ambiguousName: string
  ambiguousFamilyName: string
  ambiguousPlace: string
  day: string
  month: string
  rangeJoiner: string
  /** A birth year on its own ("born in 2019"): removed like a birth date. */
  birthYear: string
}

const en: LocaleLabels = {
  place: {
    address: 'the family home',
    town: 'the town',
    school: 'the school',
    agency: 'the agency',
    hospital: 'the hospital',
    other: 'the place',
  },
  identifier: {
    case_number: '[case number]',
    file_number: '[file number]',
    health_number: '[health number]',
    phone: '[phone]',
    email: '[email]',
    licence: '[licence number]',
    other: '[identifier]',
  },
  pattern: {
    email: '[email]',
    phone: '[phone]',
    url: '[URL]',
    ip_address: '[IP address]',
    street_address: '[address]',
    postal_code: '[postal code]',
    record_number: '[record number]',
    health_number: '[health number]',
    social_insurance_number: '[SIN]',
    licence_number: '[licence number]',
    vehicle_plate: '[licence plate]',
    birth_date: '[birth date]',
  },
  ambiguousName: '[name]',
  ambiguousFamilyName: '[family name]',
  ambiguousPlace: '[place]',
  day: 'Day',
  month: 'Month',
  rangeJoiner: ' to ',
  birthYear: '[birth year]',
}

const fr: LocaleLabels = {
  place: {
    address: 'le domicile familial',
    town: 'la localité',
    school: "l'école",
    agency: "l'organisme",
    hospital: "l'hôpital",
    other: 'le lieu',
  },
  identifier: {
    case_number: '[numéro de cas]',
    file_number: '[numéro de dossier]',
    health_number: "[numéro d'assurance-maladie]",
    phone: '[téléphone]',
    email: '[courriel]',
    licence: '[numéro de permis]',
    other: '[identifiant]',
  },
  pattern: {
    email: '[courriel]',
    phone: '[téléphone]',
    url: '[URL]',
    ip_address: '[adresse IP]',
    street_address: '[adresse]',
    postal_code: '[code postal]',
    record_number: '[numéro de dossier]',
    health_number: "[numéro d'assurance-maladie]",
    social_insurance_number: '[NAS]',
    licence_number: '[numéro de permis]',
    vehicle_plate: "[plaque d'immatriculation]",
    birth_date: '[date de naissance]',
  },
  ambiguousName: '[nom]',
  ambiguousFamilyName: '[nom de famille]',
  ambiguousPlace: '[lieu]',
  day: 'Jour',
  month: 'Mois',
  rangeJoiner: ' au ',
  birthYear: '[année de naissance]',
}

const labelsByLocale: Record<OutputLocale, LocaleLabels> = { en, fr }

export function labelsFor(locale: OutputLocale): LocaleLabels {
  return labelsByLocale[locale]
}

function signed(offset: number): string {
  if (offset === 0) return '0'
  return offset > 0 ? `+${offset}` : `${offset}`
}

/** "Day -42", "Day 0", "Day +3" (fr: "Jour -42"). */
export function dayOffsetLabel(offset: number, locale: OutputLocale): string {
  return `${labelsFor(locale).day} ${signed(offset)}`
}

/** "Month -10": calendar months between the mentioned month and the incident's month. */
export function monthOffsetLabel(offset: number, locale: OutputLocale): string {
  return `${labelsFor(locale).month} ${signed(offset)}`
}

export function dayRangeLabel(from: number, to: number, locale: OutputLocale): string {
  return `${dayOffsetLabel(from, locale)}${labelsFor(locale).rangeJoiner}${dayOffsetLabel(to, locale)}`
}
