import { describe, expect, it } from 'vitest'
import { findNudges, frenchNudgePhrases } from '~/domain/nudges'
import { itFlags, itLeavesAlone, spans } from './helpers'

const people = { personNames: ['Priya Raman', 'Priya', 'Glen Osei', 'Glen'] }

describe('French hindsight language', () => {
  itFlags('fr', [
    ["L'intervenante aurait dû appeler la police.", '[hindsight] aurait dû'],
    ['Ils auraient dû le signaler.', '[hindsight] auraient dû'],
    ['AURAIT DU INTERVENIR plus tôt.', '[hindsight] AURAIT DU'],
    ["Elle n'aurait pas dû fermer le dossier.", "[hindsight] n'aurait pas dû"],
    ['Elle n’aurait pas dû attendre.', '[hindsight] n’aurait pas dû'],
    ['Il aurait fallu agir.', '[hindsight] Il aurait fallu'],
    ['Cela aurait pu être évité.', '[hindsight] aurait pu'],
    ['Si seulement la garderie avait appelé.', '[hindsight] Si seulement'],
    ['Le risque était manifestement élevé.', '[hindsight] manifestement'],
    ['De toute évidence, le père était violent.', '[hindsight] De toute évidence'],
    ["Il était évident que l'enfant souffrait.", '[hindsight] Il était évident'],
    ["L'équipe a manqué les signes.", '[hindsight] a manqué les signes'],
    ["Les signaux d'alerte ont été ignorés.", "[hindsight] signaux d'alerte ont été ignorés"],
  ])
})

describe('French blame and judgement', () => {
  itFlags('fr', [
    ["L'intervenante n'a pas su reconnaître le danger.", "[blame] n'a pas su"],
    ['Ils n’ont pas su réagir.', '[blame] n’ont pas su'],
    ['Elle a omis de consigner la visite.', '[blame] a omis de'],
    ["Il a omis d'appeler.", "[blame] a omis d'appeler"],
    ['Le superviseur a négligé de vérifier.', '[blame] a négligé de'],
    ["Elle ne s'est pas donné la peine de vérifier.", "[blame] ne s'est pas donné la peine"],
    ["Il n'a pas pris la peine d'appeler.", "[blame] n'a pas pris la peine"],
    ["L'intervenante a ignoré les appels.", '[blame] a ignoré'],
    ['Une intervenante négligente.', '[blame] négligente'],
    ["La négligence de l'équipe est en cause.", '[blame] négligence'],
    ['NEGLIGENCE du superviseur', '[blame] NEGLIGENCE'],
    ["C'est sa faute.", '[blame] sa faute'],
    ['Le superviseur est fautif.', '[blame] fautif'],
    ["Il s'agit d'une faute professionnelle.", '[blame] une faute professionnelle'],
    ['Personne n’est à blâmer.', '[blame] à blâmer'],
    ["Une erreur de l'intervenante.", '[blame] erreur de'],
    ['Elle a commis une erreur.', '[blame] a commis une erreur'],
    ['Une intervenante incompétente.', '[judgement] incompétente'],
    ["Un cas d'incompétence.", '[judgement] incompétence'],
    ['Un travailleur paresseux.', '[judgement] paresseux'],
    ['Un mauvais jugement.', '[judgement] mauvais jugement'],
    ['Une erreur de jugement.', '[judgement] erreur de jugement'],
    ['Elle a manqué de vigilance.', '[judgement] a manqué de vigilance'],
    ['Une évaluation bâclée.', '[judgement] bâclée'],
  ])
})

describe('benign French uses', () => {
  itLeavesAlone(
    'fr',
    [
      'La mère aurait du mal à payer le loyer.', // "du" is an article here
      'La famille aurait du soutien de sa sœur.',
      'Signalement pour négligence en 2022.', // négligence: the form of maltreatment
      'Des indices de négligence ont été notés.',
      'Une situation de négligence parentale.',
      'Faute de places en garderie, Owen restait à la maison.', // faute de = for lack of
      'Elle ignorait que le père habitait là.', // ignorer = not know
      'Le système a échoué à acheminer le signalement.',
      'Il a accompli la tâche sans faute.',
      'Il n’y avait aucune blessure évidente.',
      'Une faute d’orthographe dans le formulaire.',
    ],
    people,
  )

  it('does not flag a coincidental accentless "du" after "aurait" without an infinitive', () => {
    expect(spans('Il aurait du temps.', 'fr')).toEqual([])
  })
})

describe('a person named as the cause, in French', () => {
  itFlags(
    'fr',
    [
      ["Priya n'a pas vérifié le plan.", "[individual_cause] Priya n'a pas"],
      ['Glen a omis de rappeler.', '[individual_cause] Glen a omis'],
      ['Priya Raman aurait dû voir les bleus.', '[individual_cause] Priya Raman aurait dû'],
      ["C'est la faute de Glen.", '[individual_cause] la faute de Glen'],
      ['Le retard est à cause de Priya.', '[individual_cause] à cause de Priya'],
      ["L'erreur de Priya a tout changé.", "[individual_cause] L'erreur de Priya"],
    ],
    people,
  )

  it('does not read a reported clause as the person failing', () => {
    expect(spans('Priya dit que le système a échoué à envoyer le courriel.', 'fr', people)).toEqual([])
  })

  it('suggests a systems reframe in French', () => {
    const [nudge] = findNudges('Glen a omis de rappeler.', 'fr', people)
    expect(nudge?.suggestion).toMatch(/dans le système \(charge de travail, outils, politiques/)
  })
})

describe('French phrase list', () => {
  it('gives French suggestions', () => {
    for (const phrase of frenchNudgePhrases) {
      expect(phrase.id.startsWith('fr.')).toBe(true)
      expect(phrase.suggestion).toMatch(/[éèàçêôû]/)
    }
  })

  it('does not apply the English list to French text', () => {
    expect(findNudges('The worker should have visited.', 'fr')).toEqual([])
  })
})
