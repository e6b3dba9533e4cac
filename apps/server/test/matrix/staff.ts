import { UNKNOWN_ID, type BackofficeMatrix } from './types';

const member = {
  lastName: 'Matrice',
  firstName: 'Marc',
  email: 'marc.matrice@assureur.fr',
  mobilePhone: '06 11 22 33 44',
  role: 'manager',
};

/** The back-office routes of this area (see ./types.ts). */
export const staffMatrix: BackofficeMatrix = {
  'GET /api/backoffice/overview': { kind: 'backoffice' },
  'GET /api/backoffice/staff': { kind: 'backoffice' },
  'POST /api/backoffice/staff': {
    kind: 'backoffice-admin',
    call: () => ({ url: '/api/backoffice/staff', body: member }),
  },
  'PATCH /api/backoffice/staff/:id': {
    kind: 'backoffice-admin',
    call: () => ({
      url: `/api/backoffice/staff/${UNKNOWN_ID}`,
      body: { lastName: 'Matrice', firstName: 'Marc', role: 'manager' },
    }),
  },
  'POST /api/backoffice/staff/:id/resend-invitation': {
    kind: 'backoffice-admin',
    call: () => ({ url: `/api/backoffice/staff/${UNKNOWN_ID}/resend-invitation` }),
  },
  'POST /api/backoffice/staff/:id/suspend': {
    kind: 'backoffice-admin',
    call: () => ({ url: `/api/backoffice/staff/${UNKNOWN_ID}/suspend` }),
  },
  'POST /api/backoffice/staff/:id/reactivate': {
    kind: 'backoffice-admin',
    call: () => ({ url: `/api/backoffice/staff/${UNKNOWN_ID}/reactivate` }),
  },
  'POST /api/backoffice/staff/:id/deactivate': {
    kind: 'backoffice-admin',
    call: () => ({ url: `/api/backoffice/staff/${UNKNOWN_ID}/deactivate` }),
  },
};
