// Context that makes an ordinary-looking word a name (ADR 0016): a title before it ("Ms.
// White"), a kinship or role word before it ("her son Frank", "son frère, Marc"), a speech verb
// after it ("Grace told", "Rose a raconté"), an apposition after it ("Walker, the landlord"),
// or a neighbouring name ("Rose Foster"). Used by the residual scan for capitalised words that
// are also ordinary words, and for names typed in lower case ("spoke w/ eva kleist").

const TITLE_BEFORE =
  /(?:^|[^\p{L}\p{M}])(?:[Mm]rs?|[Mm]s|[Mm]iss|[Mm]x|[Dd]re?|[Mm]me|[Mm]lle|M\.|[Mm]adame|[Mm]onsieur|[Mm]ademoiselle|[Pp]rof|[Jj]udge|[Jj]uge|[Oo]fficer|[Cc]onstable|[Cc]st|[Ss]gt|[Dd]et|[Mm]a[iî]tre|[Mm]e)\.?[ \t]+$/u

const KINSHIP_WORDS = [
  'son', 'sons', 'daughter', 'daughters', 'brother', 'brothers', 'sister', 'sisters', 'mother', 'father', 'mom', 'mum', 'dad',
  'grandmother', 'grandfather', 'grandma', 'grandpa', 'granny', 'nana', 'aunt', 'auntie', 'uncle', 'cousin', 'nephew',
  'niece', 'stepfather', 'stepmother', 'stepson', 'stepdaughter', 'stepbrother', 'stepsister', 'husband', 'wife',
  'partner', 'boyfriend', 'girlfriend', 'friend', 'neighbour', 'neighbor', 'landlord', 'landlady', 'babysitter', 'sitter',
  'baby', 'child', 'infant', 'toddler', 'teacher', 'nurse', 'worker', 'caseworker', 'interpreter', 'principal', 'coach',
  'fils', 'fille', 'frère', 'frere', 'sœur', 'soeur', 'mère', 'mere', 'père', 'pere', 'grand-mère', 'grand-mere',
  'grand-père', 'grand-pere', 'mamie', 'papi', 'tante', 'oncle', 'cousine', 'neveu', 'nièce', 'niece', 'beau-père',
  'beau-pere', 'belle-mère', 'belle-mere', 'demi-frère', 'demi-sœur', 'mari', 'conjoint', 'conjointe', 'copain', 'copine',
  'ami', 'amie', 'voisin', 'voisine', 'propriétaire', 'gardienne', 'gardien', 'bébé', 'bebe', 'enfant', 'parrain',
  'marraine', 'enseignante', 'enseignant', 'infirmière', 'intervenante', 'intervenant', 'interprète', 'éducatrice',
]
const KINSHIP_BEFORE = new RegExp(`(?:^|[^\\p{L}\\p{M}'’-])(?:${KINSHIP_WORDS.join('|')})(?:[ \\t]*,)?[ \\t]+$`, 'iu')

const SPEECH_VERBS =
  'said|says|told|tells|asked|asks|reported|reports|stated|states|explained|explains|added|replied|disclosed|confirmed|denied|admitted|agreed|mentioned|wrote|texted|called|phoned|recalled|insisted|claimed|shouted|yelled|whispered|testified|answered'
const FRENCH_SPEECH_VERBS =
  "a\\s+(?:dit|déclaré|raconté|expliqué|appelé|affirmé|indiqué|répondu|ajouté|confirmé|signalé|précisé|téléphoné|écrit|nié)|dit|déclare|raconte|explique|affirme|indique|répond|ajoute|confirme|précise|signale"
const SPEECH_AFTER = new RegExp(`^(?:['’]s)?[ \\t]+(?:${SPEECH_VERBS}|${FRENCH_SPEECH_VERBS})(?![\\p{L}])`, 'iu')
// "Walker, the landlord," / "Martin, le propriétaire,": a name set off by a comma and a noun phrase.
const APPOSITION_AFTER = /^,[ \t]+(?:the|a|an|her|his|their|my|our|le|la|l['’]|un|une|son|sa|ses|notre|mon|ma)[ \t]+\p{Ll}/u

export function titleBefore(original: string, start: number): boolean {
  return TITLE_BEFORE.test(original.slice(Math.max(0, start - 14), start))
}

export function kinshipBefore(original: string, start: number): boolean {
  return KINSHIP_BEFORE.test(original.slice(Math.max(0, start - 30), start))
}

export function speechAfter(original: string, end: number): boolean {
  return SPEECH_AFTER.test(original.slice(end, end + 24))
}

export function appositionAfter(original: string, end: number): boolean {
  return APPOSITION_AFTER.test(original.slice(end, end + 20))
}

/** Any cue around a word at [start, end) that makes it a name. */
export function nameCue(original: string, start: number, end: number, sentenceStart: boolean): boolean {
  if (titleBefore(original, start) || speechAfter(original, end)) return true
  // At the start of a sentence "Finally, the ..." is not an apposition, and no kinship word
  // can come before.
  if (sentenceStart) return false
  return kinshipBefore(original, start) || appositionAfter(original, end)
}
