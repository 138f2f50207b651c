// Hindsight and blame language, as data so that a jurisdiction can extend it. A nudge never
// blocks anything: it points at words and offers a systems-minded way to say the same thing.
//
// How a pattern is written (see find.ts for how it is compiled):
// - a regular-expression source, matched case-insensitively and only as whole words;
// - accents and apostrophes need not be spelled out: "aurait dû" also matches "AURAIT DU", and
//   "n'a pas su" matches "n’a pas su" (text and pattern are folded the same way);
// - a space means any run of whitespace, so never put a space inside [...];
// - `unlessBefore` / `unlessAfter` are patterns that, when they match the text right before or
//   right after, cancel the nudge (the benign uses we know of).
//
// Choices worth knowing:
// - "should have" / "could have" are flagged only before a past participle ("should have
//   visited", "could have been prevented"). "Workers should have access to…" is a
//   recommendation about the future, and recommendations are exactly where we want "should".
//   A participle used as an adjective ("should have dedicated time") is a known false positive.
// - "failed to" and "ignored" are not flagged when their subject is a system or a tool ("the
//   referral system failed to route…"): describing how the system failed is the language a
//   systems-focused review wants more of.
// - "neglect" alone is the name of a form of maltreatment and is never flagged; in French,
//   "négligence" is also that name, so "pour négligence", "de négligence" and "négligence
//   parentale" are left alone.
// - "obvious" is left alone after "no"/"not"/"any" ("no obvious injuries" describes the child).
// - French "aurait du" without the accent is usually "aurait du mal à…" (would struggle to), so
//   "aurait dû" needs an infinitive after it.
// - French "faute de moyens" (for lack of means) is a systems phrase; only "la/sa/leur/une/en
//   faute" and "fautif" are flagged.
import { z } from 'zod'
import { isValidPattern } from './fold'

export const nudgeCategories = ['hindsight', 'blame', 'individual_cause', 'judgement'] as const
export type NudgeCategory = (typeof nudgeCategories)[number]

export const nudgeLocales = ['en', 'fr'] as const
export type NudgeLocale = (typeof nudgeLocales)[number]

const patternSource = z.string().min(1).max(2000).refine(isValidPattern, 'is not a valid regular expression')

/** A phrase list entry, loadable from JSON. */
export const NudgePhrase = z
  .object({
    id: z.string().min(1).max(80),
    category: z.enum(nudgeCategories),
    pattern: patternSource,
    suggestion: z.string().min(1).max(1000),
    unlessBefore: patternSource.optional(),
    unlessAfter: patternSource.optional(),
  })
  .strict()
export type NudgePhrase = z.infer<typeof NudgePhrase>

// A past participle, optionally after an adverb ("should have immediately called").
const PARTICIPLE =
  '(?:\\p{L}+ly )?(?:\\p{L}+ed|been|known|seen|done|gone|taken|given|made|told|had|got|gotten|put|kept|sent|met|found|heard|held|brought|thought|sought|read|spoken|written|understood|run|come|become|left|set|spent|built|caught|taught|felt|said|shown|chosen|drawn|let|stood|paid|lost|begun)(?!\\p{L})'

// A French infinitive, optionally after a pronoun or adverb ("aurait dû le signaler").
const INFINITIF = "(?:\\p{L}+ |l'|s')?\\p{L}+(?:er|ir|re|oir)(?!\\p{L})"

// Subjects that make "failed to" or "ignored" a description of the system rather than of a person.
const SYSTEM_SUBJECT_EN =
  "\\b(?:system|systems|software|database|form|forms|tool|tools|process|processes|platform|application|app|alert|alerts|fax|email|portal|interface|policy|policies|service|services|line|record|records|checklist|template|screen)(?:'s)? (?:\\p{L}+ )?$"
const SYSTEM_SUBJECT_FR =
  '\\b(?:système|systèmes|logiciel|base de données|formulaire|formulaires|outil|outils|processus|plateforme|application|alerte|alertes|télécopieur|courriel|portail|interface|politique|politiques|service|services|ligne|dossier électronique|gabarit|écran) (?:\\p{L}+ )?$'

const en = {
  shouldHave:
    'Hindsight: the outcome was not known at the time. Describe what would have helped instead, e.g. “The family would have needed …” or “The worker would have needed … (time, information, a second opinion)”. What made the actual choice make sense then?',
  couldHave:
    'Hindsight: say what was known at the time and what would have had to be in place (information, time, a service) for a different path, e.g. “A different path would have needed …”.',
  obvious:
    'What seems clear now may not have been visible then. Describe what was known at the time, where it was recorded, and what made it hard to see (volume of information, tools, hand-offs).',
  failedTo:
    'Describe what happened without judging it, e.g. “The safety plan was not completed by the third visit”, then what got in the way: what in the system (workload, tools, policy, hand-offs) shaped it?',
  motive: 'This attributes a motive. Describe what was and was not done, and the competing demands at the time.',
  ignored:
    'This implies a choice to disregard. Was the information seen, understood and actionable at the time? Describe how it reached, or did not reach, the people involved.',
  judgesPerson:
    'This judges a person rather than describing the work. Describe the action and the conditions around it: what made it make sense at the time, and what in the system (workload, tools, policy, supervision) shaped it?',
  fault:
    'A systems-focused review looks for contributing factors, not fault. Name the conditions that contributed instead (workload, tools, policy, hand-offs, resources).',
  error: 'Describe the action and what made it likely (interruptions, workload, unclear tools or policy), e.g. “The record did not show … because …”.',
  person:
    'This names a person as the cause. Use the role (e.g. “the caseworker”) and describe the conditions: what made this make sense at the time? What in the system (workload, tools, policy, supervision) shaped it?',
}

const fr = {
  shouldHave:
    'Biais rétrospectif : l’issue n’était pas connue à ce moment-là. Décrivez plutôt ce qui aurait aidé, p. ex. « La famille aurait eu besoin de… » ou « La personne intervenante aurait eu besoin de… (temps, information, un deuxième avis) ». Qu’est-ce qui rendait le choix fait sensé à ce moment-là?',
  couldHave:
    'Biais rétrospectif : indiquez ce que l’on savait à ce moment-là et ce qui devait être en place (information, temps, service) pour rendre possible un autre parcours, p. ex. « Un autre parcours aurait exigé… ».',
  obvious:
    'Ce qui paraît clair aujourd’hui ne l’était peut-être pas alors. Décrivez ce que l’on savait à ce moment-là, où c’était consigné et ce qui le rendait difficile à voir (volume d’information, outils, transferts).',
  failedTo:
    'Décrivez ce qui s’est passé sans le juger, p. ex. « Le plan de sécurité n’a pas été fait avant la troisième visite », puis ce qui y a fait obstacle : qu’est-ce qui, dans le système (charge de travail, outils, politiques, transferts), a pesé?',
  motive: 'Cette formulation prête une intention. Décrivez ce qui a été fait ou non, et les exigences concurrentes du moment.',
  ignored:
    'Cette formulation suppose un choix délibéré. L’information était-elle vue, comprise et exploitable à ce moment-là? Décrivez comment elle a atteint, ou non, les personnes concernées.',
  judgesPerson:
    'Cette formulation juge une personne plutôt que de décrire le travail. Décrivez l’action et son contexte : qu’est-ce qui la rendait sensée sur le moment, et qu’est-ce qui, dans le système (charge de travail, outils, politiques, supervision), l’a façonnée?',
  fault:
    'Un examen axé sur les systèmes cherche des facteurs contributifs, pas des coupables. Nommez plutôt les conditions qui ont contribué (charge de travail, outils, politiques, transferts, ressources).',
  error:
    'Décrivez l’action et ce qui la rendait probable (interruptions, charge de travail, outils ou politiques peu clairs), p. ex. « Le dossier ne montrait pas… parce que… ».',
  person:
    'Cette phrase désigne une personne comme cause. Utilisez le rôle (p. ex. « la personne intervenante ») et décrivez les conditions : qu’est-ce qui rendait ce choix sensé sur le moment? Qu’est-ce qui, dans le système (charge de travail, outils, politiques, supervision), l’a façonné?',
}

/** Suggestions for a person named as the cause (the patterns are built from the review's people). */
export const individualCauseSuggestions: Record<NudgeLocale, string> = { en: en.person, fr: fr.person }

export const englishNudgePhrases: readonly NudgePhrase[] = [
  { id: 'en.should_have', category: 'hindsight', pattern: `should(?:n't| not)? have(?= ${PARTICIPLE})`, suggestion: en.shouldHave },
  { id: 'en.ought_to_have', category: 'hindsight', pattern: 'ought(?: not)? to have', suggestion: en.shouldHave },
  { id: 'en.could_have', category: 'hindsight', pattern: `could(?:n't| not)? have(?= ${PARTICIPLE})`, suggestion: en.couldHave },
  { id: 'en.if_only', category: 'hindsight', pattern: 'if only', suggestion: en.couldHave },
  {
    id: 'en.obvious',
    category: 'hindsight',
    pattern: 'obvious(?:ly)?',
    unlessBefore: '\\b(?:no|not|any|without|nothing) $',
    suggestion: en.obvious,
  },
  { id: 'en.clearly_missed', category: 'hindsight', pattern: 'clearly (?:missed|overlooked|ignored|failed)', suggestion: en.obvious },
  {
    id: 'en.missed_signs',
    category: 'hindsight',
    pattern:
      'missed (?:the |all the |clear |obvious |several )?(?:signs|red flags|warning signs|opportunity|opportunities|cues)|(?:signs|red flags|warning signs) (?:were|was) (?:missed|ignored|overlooked)',
    suggestion: en.obvious,
  },
  { id: 'en.failed_to', category: 'blame', pattern: 'fail(?:ed|s)? to|failure to', unlessBefore: SYSTEM_SUBJECT_EN, suggestion: en.failedTo },
  { id: 'en.neglected_to', category: 'blame', pattern: 'neglected to', suggestion: en.failedTo },
  {
    id: 'en.did_not_bother',
    category: 'blame',
    pattern: "did(?:n't| not) (?:even )?bother|could(?:n't| not) be bothered|never bothered",
    suggestion: en.motive,
  },
  { id: 'en.ignored', category: 'blame', pattern: 'ignor(?:ed|ing)', unlessBefore: SYSTEM_SUBJECT_EN, suggestion: en.ignored },
  { id: 'en.negligent', category: 'blame', pattern: 'negligen(?:t|tly|ce)', suggestion: en.judgesPerson },
  { id: 'en.careless', category: 'blame', pattern: 'careless(?:ly|ness)?', suggestion: en.judgesPerson },
  {
    id: 'en.at_fault',
    category: 'blame',
    pattern: 'at fault|to blame|(?:is|was|were|are) responsible for (?:the )?(?:death|injury|injuries|incident|harm)',
    suggestion: en.fault,
  },
  { id: 'en.lapse', category: 'blame', pattern: 'lapses? (?:in|of)', suggestion: en.error },
  {
    id: 'en.error_by',
    category: 'blame',
    pattern: '(?:errors?|mistakes?|oversights?) (?:by|of|on the part of)|human error|dropped the ball',
    suggestion: en.error,
  },
  { id: 'en.incompetent', category: 'judgement', pattern: 'incompeten(?:t|tly|ce)', suggestion: en.judgesPerson },
  { id: 'en.lazy', category: 'judgement', pattern: 'lazy|laziness', suggestion: en.judgesPerson },
  {
    id: 'en.poor_judgement',
    category: 'judgement',
    pattern: '(?:poor|bad|faulty|flawed) (?:judge?ments?|decisions?|decision-making|practice)',
    suggestion: en.judgesPerson,
  },
  {
    id: 'en.unprofessional',
    category: 'judgement',
    pattern: 'unprofessional|sloppy|reckless(?:ly)?|irresponsible|complacen(?:t|cy)|inexcusable|inept',
    suggestion: en.judgesPerson,
  },
]

export const frenchNudgePhrases: readonly NudgePhrase[] = [
  {
    id: 'fr.aurait_du',
    category: 'hindsight',
    pattern: `(?:n')?(?:aurai[st]|auraient|aurions|auriez)(?: pas)? dû(?= ${INFINITIF})|(?:il )?aurait fallu`,
    suggestion: fr.shouldHave,
  },
  { id: 'fr.aurait_pu', category: 'hindsight', pattern: '(?:aurai[st]|auraient|aurions|auriez) pu', suggestion: fr.couldHave },
  { id: 'fr.si_seulement', category: 'hindsight', pattern: 'si seulement', suggestion: fr.couldHave },
  {
    id: 'fr.manifestement',
    category: 'hindsight',
    pattern: "manifestement|de toute évidence|(?:il |c')?(?:était|est) (?:pourtant )?évident",
    suggestion: fr.obvious,
  },
  {
    id: 'fr.signes_manques',
    category: 'hindsight',
    pattern:
      "(?:a|ont|avait|avaient) (?:clairement )?(?:manqué|raté) (?:les |des |plusieurs )?(?:signes|signaux|indices|occasions)|(?:signes|signaux|indices)(?: avant-coureurs| d'alerte)? (?:ont été|avaient été|a été) (?:manqués|ignorés|négligés)|clairement (?:manqué|raté|ignoré|échoué)",
    suggestion: fr.obvious,
  },
  { id: 'fr.na_pas_su', category: 'blame', pattern: "n'(?:a|ont|avait|avaient) pas su", suggestion: fr.failedTo },
  {
    id: 'fr.a_omis',
    category: 'blame',
    pattern: "(?:a|ont|avait|avaient) (?:omis|négligé) (?:de|d'\\p{L}+)",
    suggestion: fr.failedTo,
  },
  {
    id: 'fr.a_echoue',
    category: 'blame',
    pattern: '(?:a|ont|avait|avaient) échoué à',
    unlessBefore: SYSTEM_SUBJECT_FR,
    suggestion: fr.failedTo,
  },
  {
    id: 'fr.pas_donne_la_peine',
    category: 'blame',
    pattern: "ne s'(?:est|était) pas donnée? la peine|ne se (?:sont|étaient) pas donnée?s? la peine|n'(?:a|ont|avait|avaient) pas pris la peine",
    suggestion: fr.motive,
  },
  {
    id: 'fr.a_ignore',
    category: 'blame',
    // "ignorait que" means "did not know that": only the disregarding sense is flagged.
    pattern: '(?:a|ont|avait|avaient) ignoré|(?:a|ont|avait|avaient) été ignorée?s?',
    unlessBefore: SYSTEM_SUBJECT_FR,
    unlessAfter: ' que\\b',
    suggestion: fr.ignored,
  },
  {
    id: 'fr.negligent',
    category: 'blame',
    pattern: 'négligent(?:e|s|es)?|négligemment|négligence',
    unlessBefore: '\\b(?:pour|de) $',
    unlessAfter: " (?:parentale|envers|à l'égard|chronique)",
    suggestion: fr.judgesPerson,
  },
  {
    id: 'fr.faute',
    category: 'blame',
    pattern: '(?:(?:la|sa|leur|une|en|par) )?fautes? (?:professionnelles?|graves?)|(?:la|sa|leur|une|en|par) faute|fauti(?:f|ve|fs|ves)',
    unlessAfter: " (?:d'orthographe|de frappe|de grammaire)",
    suggestion: fr.fault,
  },
  {
    id: 'fr.a_blamer',
    category: 'blame',
    pattern: "à blâmer|(?:est|était|sont|étaient) responsables? (?:de la mort|du décès|de la blessure|des blessures|de l'incident)",
    suggestion: fr.fault,
  },
  {
    id: 'fr.erreur_de',
    category: 'blame',
    pattern: "erreurs? (?:de|d'\\p{L}+|commises? par|humaines?)|(?:a|ont|avait|avaient) commis (?:une|des) (?:erreurs?|fautes?)",
    suggestion: fr.error,
  },
  { id: 'fr.incompetent', category: 'judgement', pattern: 'incompétent(?:e|s|es)?|incompétence', suggestion: fr.judgesPerson },
  { id: 'fr.paresseux', category: 'judgement', pattern: 'paresseu(?:x|se|ses)|paresse', suggestion: fr.judgesPerson },
  {
    id: 'fr.mauvais_jugement',
    category: 'judgement',
    pattern:
      '(?:mauvais|piètre) jugement|(?:erreur|manque) de jugement|(?:a|ont|avait|avaient) manqué de (?:vigilance|rigueur|diligence|professionnalisme|jugement)|manque de (?:vigilance|rigueur|diligence|professionnalisme)',
    suggestion: fr.judgesPerson,
  },
  {
    id: 'fr.non_professionnel',
    category: 'judgement',
    pattern: '(?:non|peu) professionnel(?:le|s|les)?|bâclée?s?|irresponsables?|inexcusables?|insouciante?s?|imprudente?s?|incurie',
    suggestion: fr.judgesPerson,
  },
]

export const nudgePhrases: Record<NudgeLocale, readonly NudgePhrase[]> = { en: englishNudgePhrases, fr: frenchNudgePhrases }

// Naming a person as the cause. The verbs that follow a name, and the words that open a new
// clause between the name and a verb (so "Priya said the form failed to…" is not read as Priya
// failing): both are data too.
export const blameAfterName: Record<NudgeLocale, string> = {
  en: "(?:failed to|fails to|failed|fails|didn't|did not|neglected|forgot|ignored|missed|overlooked|should(?:n't| not)? have|could have|chose not to|never|refused|was negligent|was careless|made (?:an? )?(?:error|mistake)|caused|is to blame|was to blame|was at fault|dropped the ball|let (?:the )?(?:family|child|children) down)",
  fr: "(?:n'a pas|n'avait pas|n'ont pas|a omis|avait omis|a oublié|avait oublié|a négligé|avait négligé|a ignoré|avait ignoré|aurait dû|aurait pu|n'aurait pas dû|a échoué|a manqué|a commis|est responsable|était responsable|est fautif|est fautive|est en faute|est à blâmer)",
}

export const clauseBreaks: Record<NudgeLocale, string> = {
  en: 'that|the|a|an|when|because|but|and|while|although|though|as|if|said|says|noted|notes|told|reported|explained|wrote',
  fr: "que|qui|le|la|les|l'|un|une|des|quand|lorsque|parce|mais|et|car|dit|disait|a dit|explique|expliquait|indique|écrit",
}

export const blameBeforeName: Record<NudgeLocale, string> = {
  en: '(?:because of|due to|blamed? on|(?:the )?fault of|(?:errors?|mistakes?|failures?|oversights?|negligence) (?:by|of))',
  fr: "(?:à cause de|par la faute de|la faute de|l'erreur de|erreur de|la négligence de|l'oubli de|l'omission de)",
}

export const blameAfterPossessive = "'s (?:errors?|fault|mistakes?|failures?|negligence|oversight|lapse|carelessness|incompetence)"
