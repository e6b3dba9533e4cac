import type { BackofficeMatrix } from './types';

/** The back-office routes of this area (see ./types.ts). */
export const auditMatrix: BackofficeMatrix = {
  'GET /api/backoffice/audit': { kind: 'backoffice' },
  'GET /api/backoffice/audit/export.csv': { kind: 'backoffice' },
  'GET /api/backoffice/audit/retention': { kind: 'backoffice' },
  'PUT /api/backoffice/audit/retention': {
    kind: 'backoffice-admin',
    call: () => ({ url: '/api/backoffice/audit/retention', body: { days: 400 } }),
  },
};
