import type { checksEn } from './checks.en'
import type { Widen } from './widen'

export const checksFr: Widen<typeof checksEn> = {
  confirm: {
    cancel: 'Annuler',
    removeMember: 'Retirer {{name}} de cet examen? Son accès prend fin immédiatement.',
    removeYes: 'Oui, retirer',
    deactivateUser: 'Désactiver {{name}}? Ses sessions sont fermées partout et la personne ne pourra plus se connecter.',
    deactivateYes: 'Oui, désactiver',
    withdrawAccount: 'Retirer votre récit? Personne d’autre ne pourra le lire, et les consentements à le citer prennent fin.',
    withdrawYes: 'Oui, retirer mon récit',
    grantWithdrawal: 'Retirer ce récit? Seule la personne qui l’a écrit pourra le lire.',
    grantYes: 'Oui, retirer le récit',
  },
  siblingCheck: {
    title: 'Vérification rapide de la sécurité de la fratrie',
    notRecorded: 'Pas encore consignée.',
    recorded: 'Consignée : faite le {{date}}, {{outcome}}.',
    date: 'Date de la vérification',
    outcome: 'Résultat',
    choose: 'Choisir…',
    outcomes: {
      no_concerns: 'aucune préoccupation pour la sécurité de la fratrie',
      concerns_acted_on: 'préoccupations relevées et prises en charge',
      no_siblings: 'l’enfant n’a ni frère ni sœur à vérifier',
    },
    submit: 'Consigner la vérification',
    saved: 'La vérification de la sécurité de la fratrie est consignée.',
    dateRequired: 'Saisissez la date de la vérification.',
    dateInvalid: 'Saisissez une date réelle (AAAA-MM-JJ).',
    dateFuture: 'La vérification ne peut pas être datée dans le futur.',
    outcomeRequired: 'Choisissez le résultat de la vérification.',
  },
  communityRep: {
    column: 'Représentant de la communauté',
    yes: 'Oui',
    no: 'Non',
    mark: 'Désigner {{name}} comme représentant de la communauté',
    unmark: '{{name}} n’est plus représentant de la communauté',
    addLabel: 'Représentant de la communauté (parle au nom de la Nation ou de la communauté de l’enfant)',
    saved: 'Représentant de la communauté mis à jour.',
  },
  openItems: {
    confirm_one: '{{count}} point de cette phase reste ouvert (marqué ○ ci-dessus). Passer quand même à {{phase}}?',
    confirm_other: '{{count}} points de cette phase restent ouverts (marqués ○ ci-dessus). Passer quand même à {{phase}}?',
    yes: 'Passer quand même',
    history_one: 'passage avec {{count}} point ouvert :',
    history_other: 'passage avec {{count}} points ouverts :',
  },
  dateFlags: {
    future: 'Cette date est dans le futur.',
    beforeBirth: 'Cette date est antérieure à la naissance de l’enfant ({{birthDate}}).',
  },
}
