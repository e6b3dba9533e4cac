import { UNKNOWN_ID, type BackofficeMatrix } from './types';

const API = '/api/backoffice/reference-data';
const company = { name: 'Société', insurerCompanyIdentifier: 'MATRIX1' };
const establishment = { name: 'Établissement', insurerIdentifier: 'MATRIX1' };
const contract = {
  label: 'Contrat',
  staffCategory: 'all',
  options: [{ code: 'base', label: 'Base', mandatory: true }],
  startDate: '2026-01-01',
};
const member = {
  lastName: 'Martin',
  firstName: 'Paul',
  birthDate: '1980-01-01',
  professionalStatus: 'cadre',
  establishmentId: UNKNOWN_ID,
};

/** The back-office routes of this area (see ./types.ts). */
export const referenceDataMatrix: BackofficeMatrix = {
  // Lists, detail and edit (reference-data.routes.ts)
  [`GET ${API}/companies`]: { kind: 'backoffice' },
  [`POST ${API}/companies`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/companies`, body: { ...company, siren: '732829320' } }),
  },
  [`GET ${API}/companies/:id`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/companies/${UNKNOWN_ID}` }),
  },
  [`PATCH ${API}/companies/:id`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/companies/${UNKNOWN_ID}`, body: company }),
  },
  [`GET ${API}/establishments`]: { kind: 'backoffice' },
  [`POST ${API}/establishments`]: {
    kind: 'backoffice',
    call: () => ({
      url: `${API}/establishments`,
      body: { ...establishment, siret: '73282932000074' },
    }),
  },
  [`GET ${API}/establishments/:id`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/establishments/${UNKNOWN_ID}` }),
  },
  [`PATCH ${API}/establishments/:id`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/establishments/${UNKNOWN_ID}`, body: establishment }),
  },
  [`GET ${API}/contracts`]: { kind: 'backoffice' },
  [`POST ${API}/contracts`]: {
    kind: 'backoffice',
    call: () => ({
      url: `${API}/contracts`,
      body: { ...contract, number: 'MATRIX1', companyId: UNKNOWN_ID },
    }),
  },
  [`GET ${API}/contracts/:id`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/contracts/${UNKNOWN_ID}` }),
  },
  [`PATCH ${API}/contracts/:id`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/contracts/${UNKNOWN_ID}`, body: contract }),
  },
  [`GET ${API}/members`]: { kind: 'backoffice' },
  [`GET ${API}/members/:id`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/members/${UNKNOWN_ID}` }),
  },
  [`PATCH ${API}/members/:id`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/members/${UNKNOWN_ID}`, body: member }),
  },
  [`PATCH ${API}/members/:memberId/coverages/:coverageId`]: {
    kind: 'backoffice',
    call: () => ({
      url: `${API}/members/${UNKNOWN_ID}/coverages/${UNKNOWN_ID}`,
      body: { optionCode: 'base', endDate: null },
    }),
  },
  // Import (import.routes.ts)
  [`POST ${API}/imports`]: {
    kind: 'backoffice',
    call: () => ({
      url: `${API}/imports`,
      fields: { kind: 'companies' },
      file: { name: 'entreprises.csv', content: 'SIREN;Raison sociale;Identifiant entreprise\n' },
    }),
  },
  [`POST ${API}/import-jobs`]: {
    kind: 'backoffice',
    call: () => ({
      url: `${API}/import-jobs`,
      fields: { kind: 'companies' },
      file: { name: 'entreprises.csv', content: 'SIREN;Raison sociale;Identifiant entreprise\n' },
    }),
  },
  [`GET ${API}/import-jobs/:id`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/import-jobs/${UNKNOWN_ID}` }),
  },
  [`GET ${API}/imports`]: { kind: 'backoffice' },
  [`GET ${API}/imports/:id/report.csv`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/imports/${UNKNOWN_ID}/report.csv` }),
  },
  [`GET ${API}/templates/:file`]: {
    kind: 'backoffice',
    call: () => ({ url: `${API}/templates/members.xlsx` }),
  },
};
