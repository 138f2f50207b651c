// Text is matched in a folded copy (lower case, no diacritics, one kind of apostrophe) that has
// exactly the length of the original, so a match's offsets are valid in what the person typed.
// The folding itself is the de-identification module's: one definition of "the same letters".
import { foldText } from '../anonymise/fold'

export { foldText }

const COMBINING_MARKS = /[\u0300-\u036f]/g
const APOSTROPHES = /[\u2018\u2019\u201b\u02bc\u2032\u00b4`]/g

/**
 * Folds the letters of a regular-expression source the way foldText folds text, so that patterns
 * can be written naturally ("aurait dû", "n’a pas su"). Only diacritics and apostrophes change:
 * lower-casing the source would corrupt escapes such as \S or \P{L}, so patterns are compiled
 * with the `i` flag instead.
 */
export function foldPattern(source: string): string {
  return source.normalize('NFD').replace(COMBINING_MARKS, '').replace(APOSTROPHES, "'")
}

/** Whether a pattern from a data file compiles the way it will be used (Unicode, case-insensitive). */
export function isValidPattern(source: string): boolean {
  try {
    new RegExp(foldPattern(source), 'iu')
    return true
  } catch {
    return false
  }
}
