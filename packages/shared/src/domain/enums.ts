/**
 * Domain enumerations: the codes stored and exchanged by the API (English), and their French
 * labels as shown in the interface (verbatim from the specification where it quotes them).
 */

/** True when `value` is one of `values` (narrows the type). */
export function isOneOf<const T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

// « Statut professionnel » of an employee.
export const PROFESSIONAL_STATUSES = ['cadre', 'non_cadre'] as const;
export type ProfessionalStatus = (typeof PROFESSIONAL_STATUSES)[number];
export const PROFESSIONAL_STATUS_LABELS: Record<ProfessionalStatus, string> = {
  cadre: 'Cadre',
  non_cadre: 'Non cadre',
};

// Collège of a collective contract.
export const STAFF_CATEGORIES = ['cadre', 'non_cadre', 'all'] as const;
export type StaffCategory = (typeof STAFF_CATEGORIES)[number];
export const STAFF_CATEGORY_LABELS: Record<StaffCategory, string> = {
  cadre: 'Cadre',
  non_cadre: 'Non cadre',
  all: 'Ensemble du personnel',
};

// Role of an employer user on a company.
export const COMPANY_ROLES = ['admin', 'user'] as const;
export type CompanyRole = (typeof COMPANY_ROLES)[number];
export const COMPANY_ROLE_LABELS: Record<CompanyRole, string> = {
  admin: 'Administrateur',
  user: 'Utilisateur',
};

// Status of a user account (« Mes habilitations »).
export const USER_STATUSES = ['invited', 'active', 'suspended', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];
export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  invited: 'invité',
  active: 'actif',
  suspended: 'suspendu',
  deactivated: 'désactivé',
};

// Role of an insurer staff member in the back office.
export const STAFF_ROLES = ['manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  manager: 'Gestionnaire',
  admin: 'Administrateur back-office',
};

// « Statut du contrat » of a member's coverage (see domain/coverage.ts).
export const COVERAGE_STATUSES = ['current', 'upcoming', 'ended'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];
export const COVERAGE_STATUS_LABELS: Record<CoverageStatus, string> = {
  current: 'en cours',
  upcoming: 'à venir',
  ended: 'terminé',
};

/**
 * Status of an affiliation request. The four of the user guide, plus two set by the insurer:
 * `validated` (member and coverage created) and `returned` (sent back to the employee with a
 * reason); and the two of a dispense d'affiliation (issue 19, domain/dispense.ts):
 * `dispense_requested` (the employee, or the employer from a signed paper, asked it) and
 * `dispensed` (the insurer validated it).
 */
export const AFFILIATION_STATUSES = [
  'sent',
  'started',
  'finalised',
  'validated',
  'returned',
  'abandoned',
  'dispense_requested',
  'dispensed',
] as const;
export type AffiliationStatus = (typeof AFFILIATION_STATUSES)[number];
export const AFFILIATION_STATUS_LABELS: Record<AffiliationStatus, string> = {
  sent: 'Envoyé à l’employé',
  started: 'Démarré par le salarié',
  finalised: 'Finalisé par le salarié',
  validated: 'Validé par l’assureur',
  returned: 'Retourné au salarié',
  abandoned: 'Abandonné',
  dispense_requested: 'Dispense demandée',
  dispensed: 'Dispensé',
};
/**
 * The statuses of « Suivi des demandes d'affiliation » as the user guide lists them, and the two
 * of a dispense.
 */
export const EMPLOYER_AFFILIATION_STATUSES = [
  'sent',
  'started',
  'finalised',
  'abandoned',
  'dispense_requested',
  'dispensed',
] as const satisfies readonly AffiliationStatus[];

/** Who moved a request (the history of an affiliation request or a radiation). */
export const ACTOR_KINDS = ['employer', 'staff', 'employee', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];
export const ACTOR_KIND_LABELS: Record<ActorKind, string> = {
  employer: 'Employeur',
  staff: 'Assureur',
  employee: 'Salarié',
  system: 'Automatique',
};
/** « Employeur » for 'employer'; an unknown kind as it is. */
export function actorKindLabel(kind: string): string {
  return (ACTOR_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

// « Mode d'affiliation ».
/**
 * The sorts of « Suivi » (issue 14 #24): « Dernière mise à jour » (the last change of status, the
 * default), « Demandée le » (the request's creation, what « Date de la demande » filters on), the
 * name.
 */
export const AFFILIATION_SORTS = ['status_changed_at', 'created_at', 'name'] as const;
export type AffiliationSort = (typeof AFFILIATION_SORTS)[number];
export const AFFILIATION_PAGE_SIZES = [25, 50, 100] as const;

export const AFFILIATION_MODES = ['email', 'mail'] as const;
export type AffiliationMode = (typeof AFFILIATION_MODES)[number];
export const AFFILIATION_MODE_LABELS: Record<AffiliationMode, string> = {
  email: 'E-mail',
  mail: 'Courrier',
};

// « Type de contrat de travail ».
export const EMPLOYMENT_CONTRACT_TYPES = [
  'cdi',
  'cdd',
  'cdd_usage',
  'apprenticeship',
  'professionalisation',
  'cdi_intermittent',
  'interim',
  'other',
] as const;
export type EmploymentContractType = (typeof EMPLOYMENT_CONTRACT_TYPES)[number];
export const EMPLOYMENT_CONTRACT_TYPE_LABELS: Record<EmploymentContractType, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  cdd_usage: 'CDD d’usage',
  apprenticeship: 'Contrat d’apprentissage',
  professionalisation: 'Contrat de professionnalisation',
  cdi_intermittent: 'CDI intermittent',
  interim: 'Intérim',
  other: 'Autre',
};
/** Contract types whose « Date de fin du contrat de travail » is required. */
export const FIXED_TERM_CONTRACT_TYPES = [
  'cdd',
  'cdd_usage',
  'apprenticeship',
  'professionalisation',
  'interim',
] as const satisfies readonly EmploymentContractType[];
export type FixedTermContractType = (typeof FIXED_TERM_CONTRACT_TYPES)[number];
export function isFixedTermContractType(type: string): type is FixedTermContractType {
  return isOneOf(FIXED_TERM_CONTRACT_TYPES, type);
}

// Status of a conversation in the « messagerie ».
export const CONVERSATION_STATUSES = ['sent', 'in_progress', 'answered', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export const CONVERSATION_STATUS_LABELS: Record<ConversationStatus, string> = {
  sent: 'envoyé',
  in_progress: 'en cours',
  answered: 'répondu',
  closed: 'clos',
};

// « Nouveau message »: « Catégorie * » and « Objet * ».
export const MESSAGE_CATEGORIES = ['contract', 'employees'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];
export const MESSAGE_CATEGORY_LABELS: Record<MessageCategory, string> = {
  contract: 'Gérer mon contrat',
  employees: 'Gérer mes salariés',
};
export const MESSAGE_SUBJECTS = [
  'contributions_information',
  'other_request',
  'employee_affiliation',
  'employee_termination',
  'employee_documents',
] as const;
export type MessageSubject = (typeof MESSAGE_SUBJECTS)[number];
export const MESSAGE_SUBJECT_LABELS: Record<MessageSubject, string> = {
  contributions_information: 'Information sur les cotisations',
  other_request: 'Autre demande',
  employee_affiliation: 'Affiliation d’un salarié',
  employee_termination: 'Radiation d’un salarié',
  employee_documents: 'Transmettre des documents pour mon salarié',
};
/** The subjects offered for each category, in display order. */
export const MESSAGE_SUBJECTS_BY_CATEGORY: Record<MessageCategory, readonly MessageSubject[]> = {
  contract: ['contributions_information', 'other_request'],
  employees: ['employee_affiliation', 'employee_termination', 'employee_documents'],
};
export function isMessageSubjectOfCategory(
  category: MessageCategory,
  subject: MessageSubject,
): boolean {
  return MESSAGE_SUBJECTS_BY_CATEGORY[category].includes(subject);
}

// « Mes documents pratiques ».
export const DOCUMENT_CATEGORIES = [
  'benefits_summary',
  'information_notice',
  'portability_form',
  'paper_enrolment_form',
  'other',
] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];
export const DOCUMENT_CATEGORY_LABELS: Record<DocumentCategory, string> = {
  benefits_summary: 'Résumés de garanties',
  information_notice: 'Notice d’information',
  portability_form: 'Formulaire de portabilité',
  paper_enrolment_form: 'BIA papier',
  other: 'Autres documents',
};

// In-app notifications (the bell).
export const NOTIFICATION_TYPES = [
  'enrolment_finalised',
  'request_returned',
  'insurer_replied',
  'new_document',
  'radiation_processed',
  'radiation_returned',
  'dispense_requested',
  'dispense_decided',
  'dispense_deadline',
  'member_change_decided',
  'member_change_declared',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const NOTIFICATION_TYPE_LABELS: Record<NotificationType, string> = {
  enrolment_finalised: 'Formulaire d’affiliation finalisé par le salarié',
  request_returned: 'Demande d’affiliation retournée au salarié',
  insurer_replied: 'Réponse de l’assureur à votre message',
  new_document: 'Nouveau document disponible',
  radiation_processed: 'Radiation traitée par l’assureur',
  radiation_returned: 'Radiation retournée par l’assureur',
  dispense_requested: 'Dispense d’affiliation demandée par un salarié',
  dispense_decided: 'Dispense d’affiliation validée ou refusée par l’assureur',
  dispense_deadline: 'Justificatif de dispense à renouveler ou dispense expirée',
  member_change_decided: 'Changement d’un salarié validé ou retourné par l’assureur',
  member_change_declared: 'Bénéficiaires déclarés par un salarié avec le lien reçu',
};

// « Ayants droit » on the enrolment form.
export const BENEFICIARY_TYPES = ['spouse', 'partner', 'child'] as const;
export type BeneficiaryType = (typeof BENEFICIARY_TYPES)[number];
export const BENEFICIARY_TYPE_LABELS: Record<BeneficiaryType, string> = {
  spouse: 'Conjoint',
  partner: 'Concubin ou partenaire de PACS',
  child: 'Enfant',
};

/** The sorts of « Mes salariés » (SPEC §5.2) and the list's page sizes. */
export const MEMBER_SORTS = ['name', 'establishment', 'effective_date', 'end_date'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const MEMBER_SORT_LABELS: Record<MemberSort, string> = {
  name: 'Nom',
  establishment: 'Établissement',
  effective_date: 'Date d’effet',
  end_date: 'Date de fin',
};
export const PAGE_SIZES = [25, 50, 100] as const;
