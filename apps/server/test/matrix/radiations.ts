import { UNKNOWN_ID, type BackofficeMatrix } from './types';

const NOTICE = '/api/backoffice/letter-templates/radiation_notice';
const text = { subject: 'Fin de vos garanties', body: 'Bonjour {{prenom}},' };
const RADIATION = `/api/backoffice/radiations/${UNKNOWN_ID}`;

/** The back-office routes of departures (issue 18, see ./types.ts). */
export const radiationsMatrix: BackofficeMatrix = {
  'GET /api/backoffice/letter-templates/:kind': {
    kind: 'backoffice-admin',
    call: () => ({ url: NOTICE }),
  },
  'PUT /api/backoffice/letter-templates/:kind': {
    kind: 'backoffice-admin',
    call: () => ({ url: NOTICE, body: text }),
  },
  'DELETE /api/backoffice/letter-templates/:kind': {
    kind: 'backoffice-admin',
    call: () => ({ url: NOTICE }),
  },
  'POST /api/backoffice/letter-templates/:kind/preview': {
    kind: 'backoffice-admin',
    call: () => ({ url: `${NOTICE}/preview`, body: text }),
  },
  'GET /api/backoffice/radiations': { kind: 'backoffice' },
  'GET /api/backoffice/radiations/:id': { kind: 'backoffice', call: () => ({ url: RADIATION }) },
  'GET /api/backoffice/radiations/:id/notice.pdf': {
    kind: 'backoffice',
    call: () => ({ url: `${RADIATION}/notice.pdf` }),
  },
  'POST /api/backoffice/radiations/:id/process': {
    kind: 'backoffice',
    call: () => ({ url: `${RADIATION}/process` }),
  },
  'POST /api/backoffice/radiations/:id/return': {
    kind: 'backoffice',
    call: () => ({ url: `${RADIATION}/return`, body: { reason: 'Date de fin erronée.' } }),
  },
  'POST /api/backoffice/radiations/:id/evin': {
    kind: 'backoffice',
    call: () => ({ url: `${RADIATION}/evin`, body: { answer: 'accepted' } }),
  },
  'POST /api/backoffice/radiations/:id/new-job': {
    kind: 'backoffice',
    call: () => ({ url: `${RADIATION}/new-job`, body: { date: '2026-06-01' } }),
  },
};
