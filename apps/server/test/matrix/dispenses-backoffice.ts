import { UNKNOWN_ID, type BackofficeMatrix } from './types';

const DISPENSE = `/api/backoffice/dispenses/${UNKNOWN_ID}`;

/** The back-office routes of dispenses d'affiliation (issue 19, see ./types.ts). */
export const dispensesBackofficeMatrix: BackofficeMatrix = {
  'GET /api/backoffice/dispenses': { kind: 'backoffice' },
  'GET /api/backoffice/dispenses/:id': { kind: 'backoffice', call: () => ({ url: DISPENSE }) },
  'GET /api/backoffice/dispenses/:id/files/:fileId': {
    kind: 'backoffice',
    call: () => ({ url: `${DISPENSE}/files/${UNKNOWN_ID}` }),
  },
  'POST /api/backoffice/dispenses/:id/validate': {
    kind: 'backoffice',
    call: () => ({ url: `${DISPENSE}/validate` }),
  },
  'POST /api/backoffice/dispenses/:id/refuse': {
    kind: 'backoffice',
    call: () => ({ url: `${DISPENSE}/refuse`, body: { reason: 'Justificatif illisible.' } }),
  },
};
