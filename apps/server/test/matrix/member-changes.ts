import { UNKNOWN_ID, type BackofficeMatrix } from './types';

const CHANGE = `/api/backoffice/member-changes/${UNKNOWN_ID}`;

/** The back-office routes of the members' changes (issue 20, see ./types.ts). */
export const memberChangesMatrix: BackofficeMatrix = {
  'GET /api/backoffice/member-changes': { kind: 'backoffice' },
  'GET /api/backoffice/member-changes/:id': { kind: 'backoffice', call: () => ({ url: CHANGE }) },
  'GET /api/backoffice/member-changes/:id/files/:fileId': {
    kind: 'backoffice',
    call: () => ({ url: `${CHANGE}/files/${UNKNOWN_ID}` }),
  },
  'POST /api/backoffice/member-changes/:id/validate': {
    kind: 'backoffice',
    call: () => ({ url: `${CHANGE}/validate` }),
  },
  'POST /api/backoffice/member-changes/:id/return': {
    kind: 'backoffice',
    call: () => ({ url: `${CHANGE}/return`, body: { reason: 'Justificatif illisible.' } }),
  },
};
