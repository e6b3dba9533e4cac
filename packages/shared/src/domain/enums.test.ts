import { describe, expect, it } from 'vitest';
import {
  AFFILIATION_MODE_LABELS,
  AFFILIATION_STATUSES,
  AFFILIATION_STATUS_LABELS,
  BENEFICIARY_TYPES,
  BENEFICIARY_TYPE_LABELS,
  COMPANY_ROLES,
  COMPANY_ROLE_LABELS,
  CONVERSATION_STATUSES,
  CONVERSATION_STATUS_LABELS,
  COVERAGE_STATUSES,
  COVERAGE_STATUS_LABELS,
  DOCUMENT_CATEGORIES,
  DOCUMENT_CATEGORY_LABELS,
  EMPLOYER_AFFILIATION_STATUSES,
  EMPLOYMENT_CONTRACT_TYPES,
  EMPLOYMENT_CONTRACT_TYPE_LABELS,
  MESSAGE_CATEGORIES,
  MESSAGE_CATEGORY_LABELS,
  MESSAGE_SUBJECTS,
  MESSAGE_SUBJECTS_BY_CATEGORY,
  MESSAGE_SUBJECT_LABELS,
  NOTIFICATION_TYPES,
  NOTIFICATION_TYPE_LABELS,
  PROFESSIONAL_STATUSES,
  PROFESSIONAL_STATUS_LABELS,
  STAFF_CATEGORIES,
  STAFF_CATEGORY_LABELS,
  STAFF_ROLES,
  STAFF_ROLE_LABELS,
  USER_STATUSES,
  USER_STATUS_LABELS,
  isFixedTermContractType,
  isMessageSubjectOfCategory,
  isOneOf,
} from './enums';

describe('enums', () => {
  it('label every code, and only those', () => {
    const pairs: [readonly string[], Record<string, string>][] = [
      [PROFESSIONAL_STATUSES, PROFESSIONAL_STATUS_LABELS],
      [STAFF_CATEGORIES, STAFF_CATEGORY_LABELS],
      [COMPANY_ROLES, COMPANY_ROLE_LABELS],
      [USER_STATUSES, USER_STATUS_LABELS],
      [STAFF_ROLES, STAFF_ROLE_LABELS],
      [COVERAGE_STATUSES, COVERAGE_STATUS_LABELS],
      [AFFILIATION_STATUSES, AFFILIATION_STATUS_LABELS],
      [EMPLOYMENT_CONTRACT_TYPES, EMPLOYMENT_CONTRACT_TYPE_LABELS],
      [CONVERSATION_STATUSES, CONVERSATION_STATUS_LABELS],
      [MESSAGE_CATEGORIES, MESSAGE_CATEGORY_LABELS],
      [MESSAGE_SUBJECTS, MESSAGE_SUBJECT_LABELS],
      [DOCUMENT_CATEGORIES, DOCUMENT_CATEGORY_LABELS],
      [NOTIFICATION_TYPES, NOTIFICATION_TYPE_LABELS],
      [BENEFICIARY_TYPES, BENEFICIARY_TYPE_LABELS],
    ];
    for (const [codes, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it('use the labels of the specification', () => {
    expect(EMPLOYER_AFFILIATION_STATUSES.map((s) => AFFILIATION_STATUS_LABELS[s])).toEqual([
      'Envoyé à l’employé',
      'Démarré par le salarié',
      'Finalisé par le salarié',
      'Abandonné',
      'Dispense demandée',
      'Dispensé',
    ]);
    expect(Object.values(AFFILIATION_MODE_LABELS)).toEqual(['E-mail', 'Courrier']);
    expect(Object.values(STAFF_CATEGORY_LABELS)).toEqual([
      'Cadre',
      'Non cadre',
      'Ensemble du personnel',
    ]);
    expect(Object.values(USER_STATUS_LABELS)).toEqual(['invité', 'actif', 'suspendu', 'désactivé']);
    expect(Object.values(COVERAGE_STATUS_LABELS)).toEqual(['en cours', 'à venir', 'terminé']);
  });

  it('offer the message subjects of each category', () => {
    const subjects = (category: (typeof MESSAGE_CATEGORIES)[number]) =>
      MESSAGE_SUBJECTS_BY_CATEGORY[category].map((s) => MESSAGE_SUBJECT_LABELS[s]);
    expect(MESSAGE_CATEGORY_LABELS.contract).toBe('Gérer mon contrat');
    expect(subjects('contract')).toEqual(['Information sur les cotisations', 'Autre demande']);
    expect(MESSAGE_CATEGORY_LABELS.employees).toBe('Gérer mes salariés');
    expect(subjects('employees')).toEqual([
      'Affiliation d’un salarié',
      'Radiation d’un salarié',
      'Transmettre des documents pour mon salarié',
    ]);
    expect(Object.values(MESSAGE_SUBJECTS_BY_CATEGORY).flat().sort()).toEqual(
      [...MESSAGE_SUBJECTS].sort(),
    );
    expect(isMessageSubjectOfCategory('contract', 'other_request')).toBe(true);
    expect(isMessageSubjectOfCategory('employees', 'other_request')).toBe(false);
  });

  it('tell fixed-term contracts and narrow unknown values', () => {
    expect(isFixedTermContractType('cdd')).toBe(true);
    expect(isFixedTermContractType('interim')).toBe(true);
    expect(isFixedTermContractType('cdi')).toBe(false);
    expect(isFixedTermContractType('cdi_intermittent')).toBe(false);
    expect(isOneOf(AFFILIATION_STATUSES, 'validated')).toBe(true);
    expect(isOneOf(AFFILIATION_STATUSES, 'unknown')).toBe(false);
    expect(isOneOf(AFFILIATION_STATUSES, 3)).toBe(false);
  });
});
