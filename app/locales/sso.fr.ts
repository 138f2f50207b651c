import type { SsoTranslations } from './sso.types'

export const ssoFr: SsoTranslations = {
  nav: 'Authentification unique',
  organisationTitle: 'Se connecter avec son organisme',
  signInWith: 'Se connecter avec {{provider}}',
  orPassword: 'Ou se connecter avec un mot de passe',
  passwordOff: 'La connexion par mot de passe est désactivée pour votre organisme. Connectez-vous plutôt avec {{provider}}.',
  signingOut: {
    title: 'Déconnexion',
    body: 'Vous êtes déconnecté·e ici. Le service de connexion de votre organisme met ensuite fin à sa session.',
    continue: 'Continuer vers la déconnexion de votre organisme',
  },
  failure: {
    unavailable:
      'L’authentification unique n’est pas disponible pour cet organisme pour le moment. Réessayez plus tard ou adressez-vous à votre administrateur.',
    expired: 'La connexion a pris trop de temps ou a été commencée dans un autre navigateur. Recommencez.',
    refused: 'Le service de connexion de votre organisme n’a pas confirmé votre identité. Recommencez.',
    'no-email':
      'Le service de connexion de votre organisme n’a pas transmis d’adresse courriel : impossible de savoir quel compte est le vôtre. Adressez-vous à votre administrateur.',
    'email-unverified': 'Le service de connexion de votre organisme n’a pas vérifié votre adresse courriel. Adressez-vous à votre administrateur.',
    'unknown-email': 'Aucun compte ici ne correspond à votre adresse courriel. Demandez à votre administrateur de vous ajouter.',
    'other-jurisdiction': 'Votre compte appartient à un autre organisme. Connectez-vous par cet organisme.',
    deactivated: 'Ce compte est désactivé. Adressez-vous à votre administrateur.',
    'linked-elsewhere': 'Ce compte est déjà lié à une autre identité du service de connexion de votre organisme. Adressez-vous à votre administrateur.',
  },
  admin: {
    title: 'Authentification unique',
    intro:
      'Le personnel de {{jurisdiction}} peut se connecter par le fournisseur OpenID Connect de votre organisme. Enregistrez-y cette application comme client web confidentiel avec ces adresses :',
    redirectUri: 'URI de redirection',
    postLogoutUri: 'URI de redirection après déconnexion',
    issuer: 'URL de l’émetteur',
    issuerHint: 'Par exemple https://login.example.org/realms/agency (https ; http seulement sur cette machine).',
    clientId: 'Identifiant client',
    clientSecret: 'Secret client',
    secretStored: 'Un secret client est enregistré. Il n’est plus jamais affiché ; saisissez-en un nouveau pour le remplacer.',
    secretNone: 'Aucun secret client n’est enregistré (client public, PKCE seulement).',
    clearSecret: 'Supprimer le secret client enregistré',
    displayName: 'Nom affiché sur le bouton de connexion',
    enabled: 'Proposer l’authentification unique sur la page de connexion',
    passwordSignIn: 'Permettre aussi la connexion par mot de passe aux utilisateurs de cet organisme',
    jitProvisioning:
      'Créer un compte à la première connexion pour les personnes connues du fournisseur mais sans compte ici (sans accès aux examens tant qu’on ne les y ajoute pas)',
    save: 'Enregistrer les paramètres d’authentification unique',
    saved: 'Paramètres d’authentification unique enregistrés.',
    remove: 'Retirer l’authentification unique',
    removed: 'Authentification unique retirée. Tout le monde se connecte de nouveau avec un mot de passe.',
    notConfigured: 'L’authentification unique n’est pas configurée.',
  },
  validation: {
    issuerRequired: 'Saisissez l’URL de l’émetteur.',
    issuerInvalid: 'L’émetteur doit être une URL https (http seulement pour localhost), sans requête ni fragment.',
    clientIdRequired: 'Saisissez l’identifiant client (300 caractères au plus).',
    secretTooLong: 'Le secret client est trop long (1000 caractères au plus).',
    displayNameRequired: 'Saisissez le nom à afficher sur le bouton de connexion.',
    displayNameTooLong: 'Le nom du bouton peut compter 80 caractères au plus.',
    secretUnreadable: 'Le secret client enregistré ne peut pas être lu avec le SESSION_SECRET actuel. Saisissez-le de nouveau.',
  },
}
