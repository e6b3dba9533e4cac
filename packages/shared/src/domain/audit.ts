/**
 * The « Journal d’audit » in French (SPEC §8): every action code the server writes has its label
 * here (`recordAudit` only accepts these codes), and the details' keys and usual values have
 * theirs. The export keeps the technical codes; the viewer shows these labels.
 */

export const AUDIT_ACTION_LABELS = {
  'affiliation.certificates_sent': 'Attestation et carte de tiers payant envoyées au salarié',
  'affiliation.paper_received': 'Bulletin papier reçu',
  'affiliation.returned': 'Bulletin retourné au salarié',
  'affiliation.validated': 'Affiliation validée',
  'affiliations.cancelled': 'Demande d’affiliation annulée',
  'affiliations.created': 'Pré-affiliation créée',
  'affiliations.imported': 'Pré-affiliations importées par fichier',
  'affiliations.expired': 'Lien du bulletin expiré',
  'affiliations.reminder_sent': 'Relance envoyée au salarié',
  'audit.exported': 'Journal d’audit exporté',
  'audit.retention_changed': 'Durée de conservation du journal modifiée',
  'audit.viewed': 'Journal d’audit consulté',
  'auth.activation_mismatch': 'Activation refusée : informations inexactes',
  'auth.code_failed': 'Code de sécurité erroné',
  'auth.code_sent': 'Code de sécurité envoyé',
  'auth.email_confirmed': 'Adresse e-mail confirmée',
  'auth.password_reset': 'Mot de passe réinitialisé',
  'auth.password_reset_requested': 'Réinitialisation du mot de passe demandée',
  'auth.sign_in': 'Connexion',
  'auth.sign_in_failed': 'Échec de connexion',
  'auth.sign_in_refused': 'Connexion refusée',
  'auth.space_activated': 'Espace activé',
  'auth.terms_accepted': 'Conditions d’utilisation acceptées',
  'auth.totp_disabled': 'Retour aux codes par SMS',
  'auth.totp_enabled': 'Application d’authentification activée',
  'content.branding_updated': 'Personnalisation modifiée',
  'content.logo_deleted': 'Logo supprimé',
  'content.logo_updated': 'Logo modifié',
  'content.terms_created': 'Conditions d’utilisation rédigées',
  'content.terms_published': 'Conditions d’utilisation publiées',
  'content.tip_created': 'Conseil créé',
  'content.tip_deleted': 'Conseil supprimé',
  'content.tip_updated': 'Conseil modifié',
  'conversation.assigned': 'Conversation attribuée',
  'conversation.closed': 'Conversation clôturée',
  'conversation.created': 'Conversation ouverte',
  'conversation.message_added': 'Message ajouté à une conversation',
  'conversation.replied': 'Réponse de l’assureur',
  'demo.seeded': 'Données de démonstration créées',
  'dispense.expired': 'Dispense expirée : le salarié doit être affilié',
  'dispense.recorded': 'Dispense papier enregistrée par l’employeur',
  'dispense.refused': 'Dispense refusée par l’assureur',
  'dispense.reminder_sent': 'Rappel de renouvellement de dispense envoyé',
  'dispense.renewal_requested': 'Renouvellement de dispense envoyé par le salarié',
  'dispense.requested': 'Dispense demandée par le salarié',
  'dispense.validated': 'Dispense validée par l’assureur',
  'dispenses.archive_downloaded': 'Dossier d’audit des dispenses téléchargé',
  'dispenses.exported': 'Registre des dispenses exporté',
  'document.created': 'Document créé',
  'document.published': 'Document publié',
  'document.unpublished': 'Document dépublié',
  'document.updated': 'Document modifié',
  'document.version_added': 'Nouvelle version d’un document',
  'enrolment.submitted': 'Bulletin validé par le salarié',
  'members.certificate_downloaded': 'Attestation ou carte de tiers payant téléchargée',
  'member_change.cancelled': 'Changement d’un salarié annulé par l’employeur',
  'member_change.declared': 'Changement d’un salarié déclaré',
  'member_change.resent': 'Changement corrigé et renvoyé à l’assureur',
  'member_change.returned': 'Changement d’un salarié retourné à l’employeur',
  'member_change.validated': 'Changement d’un salarié validé par l’assureur',
  'member_link.revoked': 'Lien des bénéficiaires du salarié révoqué',
  'member_link.sent': 'Lien des bénéficiaires envoyé au salarié',
  'members.exported': 'Liste des salariés exportée',
  'perimeter.company_role_granted': 'Rôle accordé sur une société',
  'perimeter.establishment_added': 'Établissement ajouté au périmètre',
  'perimeter.establishment_not_found': 'Établissement introuvable',
  'perimeter.establishment_refused': 'Établissement refusé',
  'perimeter.establishments_imported': 'Établissements importés',
  'radiation.cancelled': 'Radiation annulée',
  'radiation.created': 'Radiation demandée',
  'radiation.evin_answered': 'Réponse au maintien individuel (loi Évin) enregistrée',
  'radiation.new_job_reported': 'Reprise d’emploi déclarée : fin de la portabilité',
  'radiation.notice_sent': 'Notice de fin des garanties envoyée',
  'radiation.processed': 'Radiation traitée',
  'radiation.returned': 'Radiation retournée à l’employeur',
  'radiation.updated': 'Radiation corrigée et renvoyée',
  'radiations.imported': 'Radiations importées par fichier',
  'content.letter_template_updated': 'Modèle de courrier modifié',
  'profile.email_change_requested': 'Changement d’e-mail demandé',
  'profile.email_changed': 'E-mail modifié',
  'profile.password_changed': 'Mot de passe modifié',
  'profile.phone_changed': 'Téléphone mobile modifié',
  'profile.phone_code_failed': 'Code de confirmation du mobile erroné',
  'profile.phone_code_sent': 'Code de confirmation du mobile envoyé',
  'profile.reauthentication_failed': 'Mot de passe de confirmation erroné',
  'profile.updated': 'Profil modifié',
  'reference.company_created': 'Entreprise créée',
  'reference.company_updated': 'Entreprise modifiée',
  'reference.contract_created': 'Contrat créé',
  'reference.contract_updated': 'Contrat modifié',
  'reference.coverage_updated': 'Couverture modifiée',
  'reference.establishment_created': 'Établissement créé',
  'reference.establishment_updated': 'Établissement modifié',
  'reference.member_updated': 'Salarié modifié',
  'reference_data.import_checked': 'Fichier du référentiel vérifié',
  'reference_data.imported': 'Référentiel importé',
  'staff.deactivated': 'Compte assureur désactivé définitivement',
  'staff.invitation_resent': 'Invitation assureur renvoyée',
  'staff.invited': 'Compte assureur créé',
  'staff.profile_changed': 'Compte assureur modifié',
  'staff.reactivated': 'Compte assureur réactivé',
  'staff.role_changed': 'Rôle assureur modifié',
  'staff.suspended': 'Compte assureur désactivé provisoirement',
  'users.company_invitation_accepted': 'Invitation à une société acceptée',
  'users.company_invitation_declined': 'Invitation à une société refusée',
  'users.company_invitation_sent': 'Invitation à une société envoyée',
  'users.deactivated': 'Utilisateur désactivé définitivement',
  'users.invitation_accepted': 'Invitation acceptée',
  'users.invitation_resent': 'Invitation renvoyée',
  'users.invited': 'Utilisateur invité',
  'users.profile_changed': 'Profil d’un utilisateur modifié',
  'users.reactivated': 'Utilisateur réactivé',
  'users.rights_changed': 'Droits d’un utilisateur modifiés',
  'users.suspended': 'Utilisateur désactivé provisoirement',
} as const satisfies Record<string, string>;

/** Every action code of the log: `recordAudit` takes nothing else. */
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** The families of actions, by the beginning of their codes (the log filters on a beginning). */
export const AUDIT_ACTION_FAMILIES: Record<string, string> = {
  affiliation: 'Demandes d’affiliation',
  'audit.': 'Journal d’audit',
  'auth.': 'Connexion et sécurité',
  'content.': 'Contenus du portail',
  'conversation.': 'Messagerie',
  'demo.': 'Démonstration',
  dispense: 'Dispenses d’affiliation',
  'document.': 'Documents pratiques',
  'enrolment.': 'Bulletins des salariés',
  'member_change.': 'Changements des salariés',
  'member_link.': 'Liens des bénéficiaires',
  'members.': 'Salariés',
  'perimeter.': 'Périmètre des établissements',
  'profile.': 'Profils',
  radiation: 'Radiations',
  reference: 'Référentiel',
  'staff.': 'Équipe de l’assureur',
  'users.': 'Utilisateurs',
};

/** « Connexion » for `auth.sign_in`; an unknown (older) code as it is. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

/** What a line is about (`targetType`), in French. */
export const AUDIT_TARGET_LABELS: Record<string, string> = {
  affiliation_request: 'Demande d’affiliation',
  company: 'Entreprise',
  contract: 'Contrat',
  conversation: 'Conversation',
  coverage: 'Couverture',
  dispense: 'Dispense d’affiliation',
  document: 'Document',
  establishment: 'Établissement',
  file: 'Fichier',
  member: 'Salarié',
  member_change: 'Changement d’un salarié',
  member_link: 'Lien des bénéficiaires',
  radiation: 'Radiation',
  reference_import: 'Import du référentiel',
  letter_template: 'Modèle de courrier',
  session: 'Session',
  settings: 'Paramètres',
  terms: 'Conditions d’utilisation',
  tip: 'Conseil',
  user: 'Utilisateur',
};

/** « Utilisateur 0190… » for a line's target; « — » when it has none. */
export function auditTargetLabel(type: string | null, id: string | null): string {
  if (!type) return '—';
  const label = AUDIT_TARGET_LABELS[type] ?? type;
  return id ? `${label} ${id}` : label;
}

/**
 * The details' keys (and the fields they name), in French. `recordAudit` only takes these keys
 * (`AuditDetailKey`), so a new detail cannot reach the viewer untranslated.
 */
export const AUDIT_DETAIL_LABELS = {
  added: 'Ajoutés',
  address: 'Adresse',
  addressTaken: 'Adresse déjà utilisée',
  affiliationDate: 'Date d’affiliation',
  alreadyAffiliated: 'Déjà affilié',
  attachments: 'Pièces jointes',
  automatic: 'Automatique',
  batchId: 'Fichier importé',
  beneficiaries: 'Ayants droit',
  birthDate: 'Date de naissance',
  brandName: 'Nom de l’assureur',
  byEmail: 'Par e-mail',
  byMail: 'Par courrier',
  category: 'Catégorie',
  changed: 'Champs modifiés',
  changes: 'Modifications',
  channel: 'Canal',
  city: 'Ville',
  companyId: 'Entreprise',
  companyIdentifier: 'Identifiant entreprise',
  contractEndDate: 'Date de fin du contrat de travail',
  contractId: 'Contrat',
  count: 'Nombre',
  coverageId: 'Couverture',
  days: 'Jours',
  deadline: 'Échéance',
  deleted: 'Supprimées',
  dispenseCase: 'Cas de dispense',
  delivered: 'E-mail envoyé',
  documentId: 'Document',
  effectiveDate: 'Date d’effet',
  email: 'E-mail',
  evinAnswer: 'Réponse loi Évin',
  emailed: 'Prévenu par e-mail',
  endDate: 'Date de fin',
  endedSessions: 'Sessions fermées',
  errors: 'Erreurs',
  establishmentId: 'Établissement',
  establishmentIds: 'Établissements',
  establishments: 'Établissements',
  existingMember: 'Salarié déjà connu',
  fields: 'Champs',
  fileKind: 'Type de fichier',
  fileName: 'Nom du fichier',
  filters: 'Filtres',
  firstName: 'Prénom',
  format: 'Format',
  from: 'Avant',
  grantedBy: 'Accordé par',
  hadPhone: 'Avait un mobile',
  hireDate: 'Date d’embauche',
  imported: 'Importés',
  invalid: 'Invalides',
  invitationId: 'Invitation',
  kind: 'Type',
  knownAccount: 'Compte existant',
  label: 'Libellé',
  lastName: 'Nom',
  level: 'Niveau',
  memberId: 'Salarié',
  motif: 'Motif de la rupture',
  newJobDate: 'Date de reprise d’emploi',
  members: 'Salariés',
  method: 'Méthode',
  mimeType: 'Format',
  mobilePhone: 'Téléphone mobile',
  mode: 'Mode',
  name: 'Nom',
  newPhone: 'Nouveau mobile',
  number: 'Numéro',
  optionCode: 'Option',
  options: 'Options',
  page: 'Page',
  portabilityEndDate: 'Fin de la portabilité',
  portabilityMonths: 'Durée de la portabilité (mois)',
  postalCode: 'Code postal',
  primaryColor: 'Couleur principale',
  professionalStatus: 'Statut professionnel',
  published: 'Publié',
  reason: 'Motif',
  reasons: 'Motifs',
  refused: 'Refusés',
  rejected: 'Rejetées',
  reminder: 'Relance n°',
  reportId: 'Rapport',
  requestId: 'Demande',
  rights: 'Droits',
  role: 'Rôle',
  roleGranted: 'Rôle accordé',
  rows: 'Lignes',
  scope: 'Portée',
  secondFactor: 'Second facteur',
  seed: 'Graine',
  siren: 'SIREN',
  siret: 'SIRET',
  size: 'Taille',
  source: 'Origine',
  space: 'Espace',
  staffCategory: 'Collège',
  staffId: 'Gestionnaire',
  startDate: 'Date de début',
  status: 'Statut',
  subject: 'Objet',
  summary: 'Résumé',
  termsVersion: 'Version des conditions d’utilisation',
  thirdParty: 'Tiers déclarant',
  title: 'Titre',
  to: 'Après',
  total: 'Total',
  unemploymentRights: 'Droits au chômage',
  unknown: 'Inconnus',
  updated: 'Mis à jour',
  user: 'Utilisateur',
  userId: 'Utilisateur',
  version: 'Version',
  via: 'Par',
} as const satisfies Record<string, string>;

export type AuditDetailKey = keyof typeof AUDIT_DETAIL_LABELS;

/** « Motif » for `reason`; an unknown key as it is. */
export function auditDetailLabel(key: string): string {
  return (AUDIT_DETAIL_LABELS as Record<string, string>)[key] ?? key;
}

/** The usual code values of the details, in French (others are shown as they are). */
export const AUDIT_VALUE_LABELS: Record<string, string> = {
  active: 'Actif',
  admin: 'Administrateur',
  backoffice: 'Back office',
  cli: 'Ligne de commande',
  deactivated: 'Désactivé',
  email: 'E-mail',
  employer: 'Espace entreprise',
  file: 'Fichier',
  form: 'Formulaire',
  mail: 'Courrier',
  manager: 'Gestionnaire',
  new_browser: 'nouveau navigateur',
  new_device: 'nouveau navigateur',
  new_ip: 'nouvelle adresse IP',
  stale: 'pas de connexion depuis 3 mois',
  no_active_administrator: 'aucun administrateur actif',
  paper_received: 'bulletin papier reçu',
  pending: 'En attente',
  sms: 'SMS',
  staff: 'Assureur',
  suspended: 'Désactivé provisoirement',
  totp: 'Application d’authentification',
  unknown_account: 'compte inconnu',
  user: 'Utilisateur',
  wrong_password: 'mot de passe erroné',
};

/**
 * A detail value as one line of French text: booleans as « oui »/« non », lists joined, objects
 * as « Clé : valeur » pairs, code values by their label.
 */
export function formatAuditValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return value.toLocaleString('fr-FR');
  if (typeof value === 'string') return AUDIT_VALUE_LABELS[value] ?? value;
  if (Array.isArray(value)) {
    return value.length === 0 ? '—' : value.map((v) => auditListItem(v)).join(', ');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '—';
    return entries.map(([k, v]) => `${auditDetailLabel(k)} : ${formatAuditValue(v)}`).join(' ; ');
  }
  return JSON.stringify(value);
}

/** A list's item: a field name (e.g. `lastName`) by its label, anything else as a value. */
function auditListItem(value: unknown): string {
  const labels: Record<string, string> = AUDIT_DETAIL_LABELS;
  if (typeof value === 'string' && labels[value]) return labels[value];
  return formatAuditValue(value);
}
