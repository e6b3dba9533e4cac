import { type BackofficeMatrix } from './types';

const NOTICE = '/api/backoffice/letter-templates/radiation_notice';
const text = { subject: 'Fin de vos garanties', body: 'Bonjour {{prenom}},' };

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
  'POST /api/backoffice/letter-templates/:kind/preview': {
    kind: 'backoffice-admin',
    call: () => ({ url: `${NOTICE}/preview`, body: text }),
  },
};
