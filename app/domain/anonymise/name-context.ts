// Context that makes an ordinary-looking word a name (ADR 0016): a title before it ("Ms.
// White"), a kinship or role word before it ("her son Frank", "son frère, Marc"), a speech verb
// after it ("Grace told", "Rose a raconté"), an apposition after it ("Walker, the landlord"),
// or a neighbouring name ("Rose Foster"). Used by the residual scan for capitalised words that
// are also ordinary words, and for names typed in lower case ("spoke w/ eva kleist").

// Cues are looked up as whole words in sets (no alternation scanned at every position): the
// word before the name, or the one or two words after it.
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'dre',
  'mme',
  'mlle',
  'madame',
  'monsieur',
  'mademoiselle',
  'prof',
  'judge',
  'juge',
  'officer',
  'constable',
  'cst',
  'sgt',
  'det',
  'maître',
  'maitre',
  'me',
])

const KINSHIP_WORDS = new Set([
  'son',
  'sons',
  'daughter',
  'daughters',
  'brother',
  'brothers',
  'sister',
  'sisters',
  'mother',
  'father',
  'mom',
  'mum',
  'dad',
  'grandmother',
  'grandfather',
  'grandma',
  'grandpa',
  'granny',
  'nana',
  'aunt',
  'auntie',
  'uncle',
  'cousin',
  'nephew',
  'niece',
  'stepfather',
  'stepmother',
  'stepson',
  'stepdaughter',
  'stepbrother',
  'stepsister',
  'husband',
  'wife',
  'partner',
  'boyfriend',
  'girlfriend',
  'friend',
  'neighbour',
  'neighbor',
  'landlord',
  'landlady',
  'babysitter',
  'sitter',
  'baby',
  'child',
  'infant',
  'toddler',
  'teacher',
  'nurse',
  'worker',
  'caseworker',
  'interpreter',
  'principal',
  'coach',
  'fils',
  'fille',
  'frère',
  'frere',
  'sœur',
  'soeur',
  'mère',
  'mere',
  'père',
  'pere',
  'grand-mère',
  'grand-mere',
  'grand-père',
  'grand-pere',
  'mamie',
  'papi',
  'tante',
  'oncle',
  'cousine',
  'neveu',
  'nièce',
  'beau-père',
  'beau-pere',
  'belle-mère',
  'belle-mere',
  'demi-frère',
  'demi-sœur',
  'mari',
  'conjoint',
  'conjointe',
  'copain',
  'copine',
  'ami',
  'amie',
  'voisin',
  'voisine',
  'propriétaire',
  'gardienne',
  'gardien',
  'bébé',
  'bebe',
  'enfant',
  'parrain',
  'marraine',
  'enseignante',
  'enseignant',
  'infirmière',
  'intervenante',
  'intervenant',
  'interprète',
  'éducatrice',
])

const SPEECH_VERBS = new Set([
  'said',
  'says',
  'told',
  'tells',
  'asked',
  'asks',
  'reported',
  'reports',
  'stated',
  'states',
  'explained',
  'explains',
  'added',
  'replied',
  'disclosed',
  'confirmed',
  'denied',
  'admitted',
  'agreed',
  'mentioned',
  'wrote',
  'texted',
  'called',
  'phoned',
  'recalled',
  'insisted',
  'claimed',
  'shouted',
  'yelled',
  'whispered',
  'testified',
  'answered',
  'dit',
  'déclare',
  'raconte',
  'explique',
  'affirme',
  'indique',
  'répond',
  'ajoute',
  'confirme',
  'précise',
  'signale',
])
// After the French auxiliary: "Rose a raconté".
const FRENCH_PARTICIPLES = new Set([
  'dit',
  'déclaré',
  'raconté',
  'expliqué',
  'appelé',
  'affirmé',
  'indiqué',
  'répondu',
  'ajouté',
  'confirmé',
  'signalé',
  'précisé',
  'téléphoné',
  'écrit',
  'nié',
])
const APPOSITION_WORDS = new Set(['the', 'a', 'an', 'her', 'his', 'their', 'my', 'our', 'le', 'la', 'un', 'une', 'son', 'sa', 'ses', 'notre', 'mon', 'ma'])

const WORD_BEFORE_END = /([\p{L}\p{M}'’-]+)(\.?)([ \t]*,)?[ \t]+$/u
const WORDS_AFTER = /^(?:['’]s)?[ \t]+([\p{L}\p{M}]+)(?:[ \t]+([\p{L}\p{M}]+))?/u
const APPOSITION_AFTER = /^,[ \t]+([\p{L}\p{M}]+|l['’])[ \t]*\p{Ll}/u

function wordBefore(original: string, start: number): { word: string; dotted: boolean; comma: boolean } | undefined {
  const match = WORD_BEFORE_END.exec(original.slice(Math.max(0, start - 24), start))
  if (match === null) return undefined
  const written = (match[1] ?? '').replace(/^.*['’]/, '')
  return { word: written, dotted: match[2] === '.', comma: match[3] !== undefined }
}

type WordBefore = ReturnType<typeof wordBefore>

function isTitle(before: WordBefore): boolean {
  if (before === undefined || before.comma) return false
  // "M. Roy" needs its full stop; a title is written with a capital unless typed all lower case.
  if (before.word === 'M') return before.dotted
  return TITLES.has(before.word.toLowerCase())
}

function isKinship(before: WordBefore): boolean {
  return before !== undefined && !before.dotted && KINSHIP_WORDS.has(before.word.toLowerCase())
}

export function titleBefore(original: string, start: number): boolean {
  return isTitle(wordBefore(original, start))
}

export function kinshipBefore(original: string, start: number): boolean {
  return isKinship(wordBefore(original, start))
}

export function speechAfter(original: string, end: number): boolean {
  const match = WORDS_AFTER.exec(original.slice(end, end + 24))
  if (match === null) return false
  const first = (match[1] ?? '').toLowerCase()
  if (SPEECH_VERBS.has(first)) return true
  return first === 'a' && FRENCH_PARTICIPLES.has((match[2] ?? '').toLowerCase())
}

export function appositionAfter(original: string, end: number): boolean {
  const match = APPOSITION_AFTER.exec(original.slice(end, end + 20))
  if (match === null) return false
  const word = (match[1] ?? '').toLowerCase()
  return APPOSITION_WORDS.has(word) || word === "l'" || word === 'l’'
}

/** Any cue around a word at [start, end) that makes it a name. */
export function nameCue(original: string, start: number, end: number, sentenceStart: boolean): boolean {
  // The word before is read once for both the title and the kinship question.
  const before = wordBefore(original, start)
  if (isTitle(before) || speechAfter(original, end)) return true
  // At the start of a sentence "Finally, the ..." is not an apposition, and no kinship word
  // can come before.
  if (sentenceStart) return false
  return isKinship(before) || appositionAfter(original, end)
}
