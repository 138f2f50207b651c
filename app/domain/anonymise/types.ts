// What the anonymiser hands back to the de-identification preview.

/**
 * Why a span was replaced. Registry kinds come from the review's own registry; the other kinds
 * are found by pattern even when nobody registered them (HIPAA Safe Harbor list, docs/domain.md).
 */
export const replacementKinds = [
  'person',
  'place',
  'identifier',
  'email',
  'phone',
  'url',
  'ip_address',
  'street_address',
  'postal_code',
  'record_number',
  'health_number',
  'social_insurance_number',
  'licence_number',
  'vehicle_plate',
  'date',
  'birth_date',
  'age',
] as const
export type ReplacementKind = (typeof replacementKinds)[number]

export interface Replacement {
  /** Offsets in the original text (UTF-16 code units, end exclusive). */
  start: number
  end: number
  original: string
  replacement: string
  kind: ReplacementKind
  /** Offsets of the replacement in the de-identified text, for the side-by-side preview. */
  outputStart: number
  outputEnd: number
  /** Registry person id or place name when the replacement came from the registry. */
  registryRef?: string
}

/**
 * capitalised_word: a capitalised word that is not an ordinary word; identifier_like: digits or
 * letters and digits; name_in_context: an ordinary word or a lower-case word that its context
 * makes a name ("her son Frank", "spoke w/ eva kleist"); place_name: a place named by what it is
 * ("Riverside Elementary School"), listed whole.
 */
export const residualReasons = ['capitalised_word', 'identifier_like', 'name_in_context', 'place_name'] as const
export type ResidualReason = (typeof residualReasons)[number]

/**
 * A token the anonymiser left in place but that a person should look at before export.
 * The id is derived from the folded token, not from its position, so that resolving it
 * (add as alias, or mark safe) settles every occurrence and survives edits to the narrative.
 */
export interface ResidualCandidate {
  id: string
  text: string
  reason: ResidualReason
  start: number
  end: number
  outputStart: number
  outputEnd: number
}

export interface AnonymisationResult {
  text: string
  replacements: Replacement[]
  residuals: ResidualCandidate[]
}

/** A proposed replacement before overlaps are settled. */
export interface Candidate {
  start: number
  end: number
  kind: ReplacementKind
  replacement: string
  /** Breaks ties between overlapping candidates of equal length; higher wins. */
  priority: number
  registryRef?: string
  /** Registry ids of everyone a shared name part could mean ("Calder" for a whole family). */
  sharedBy?: readonly string[]
}

/** The narrative as every detector sees it: the original and its same-length folded copy. */
export interface ScanText {
  original: string
  folded: string
  /** Tokens containing a digit, found once and shared by the detectors (see scan.ts). */
  digitTokens?: DigitToken[]
  /** Flat [start, end, ...] windows around those tokens (see scan.ts). */
  digitWindows?: readonly number[]
}

/** A run of letters and digits, possibly joined by "-" or "/", that contains a digit. */
export interface DigitToken {
  start: number
  end: number
  /** Folded text of the token. */
  text: string
  digits: number
  letters: number
  /** Longest run of consecutive digits. */
  longestDigitRun: number
  /** Lengths of the "-" or "/" separated groups. */
  groups: number[]
}

export type Detector = (text: ScanText, found: Candidate[]) => void
