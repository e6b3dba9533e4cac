/**
 * Every route path of the web app, in one place. Route definitions (app/router.tsx), links and
 * redirects all read from here, so a path is renamed once.
 */
export const paths = {
  // Public pages
  signIn: '/connexion',
  signInVerification: '/connexion/verification',
  activate: '/activer-mon-espace',
  confirmEmail: '/confirmer-email/$token',
  forgotPassword: '/mot-de-passe-oublie',
  resetPassword: '/reinitialiser-mot-de-passe/$token',
  createPassword: '/creer-mot-de-passe/$token',
  confirmEmailChange: '/confirmer-nouvel-email/$token',
  enrolmentForm: '/formulaire/$token',
  /** The employee's link to declare their beneficiaries (issue 20). */
  memberLink: '/beneficiaires/$token',
  termsUpdate: '/conditions-utilisation',
  devMailbox: '/dev/mailbox',

  // Employer space
  home: '/',
  members: '/salaries',
  member: '/salaries/$memberId',
  /** « Radier par fichier » (issue 18), from « Mes salariés ». */
  radiationImport: '/salaries/radier-par-fichier',
  preAffiliation: '/pre-affiliation',
  /** « Pré-affilier par fichier » (issue 20), from « Pré-affiliation » and « Suivi des demandes ». */
  affiliationImport: '/pre-affiliation/par-fichier',
  dispenses: '/dispenses',
  affiliations: '/affiliations',
  /** A radiation of « Suivi des demandes » (issue 18). */
  radiation: '/radiations/$radiationId',
  documents: '/documents',
  users: '/habilitations',
  messages: '/messages',
  newMessage: '/messages/nouveau',
  conversation: '/messages/$conversationId',
  notifications: '/notifications',
  profile: '/profil',
  profileEstablishments: '/profil/etablissements',
  help: '/aide',
  /** The invitation an existing account receives to join companies (after sign-in). */
  joinCompany: '/rejoindre/$token',

  // Insurer back office
  backOfficeSignIn: '/back-office/connexion',
  backOfficeSignInVerification: '/back-office/connexion/verification',
  backOfficeForgotPassword: '/back-office/mot-de-passe-oublie',
  backOffice: '/back-office',
  backOfficeProfile: '/back-office/profil',
  backOfficeAffiliations: '/back-office/affiliations',
  backOfficeAffiliation: '/back-office/affiliations/$requestId',
  backOfficeRadiations: '/back-office/radiations',
  backOfficeRadiation: '/back-office/radiations/$radiationId',
  backOfficeDispenses: '/back-office/dispenses',
  backOfficeDispense: '/back-office/dispenses/$dispenseId',
  /** The changes of members declared by the employers (issue 20). */
  backOfficeMemberChanges: '/back-office/changements',
  backOfficeMemberChange: '/back-office/changements/$changeId',
  backOfficeMessages: '/back-office/messages',
  backOfficeDocuments: '/back-office/documents',
  backOfficeReferenceData: '/back-office/referentiel',
  backOfficeReferenceImport: '/back-office/referentiel/import',
  backOfficeReferenceDetail: '/back-office/referentiel/$entity/$entityId',
  backOfficeContent: '/back-office/contenus',
  backOfficeStaff: '/back-office/equipe',
  backOfficeAudit: '/back-office/audit',
} as const;

export type AppPath = (typeof paths)[keyof typeof paths];
