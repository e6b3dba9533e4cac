import { UNKNOWN_ID, type BackofficeMatrix } from './types';

const branding = {
  brandName: 'Mutuelle Matrice',
  primaryColor: '#1d4f91',
  supportPhone: '01 23 45 67 89',
  supportHours: 'du lundi au vendredi de 9h à 17h',
  supportEmail: 'contact@matrice.fr',
  postalAddress: '1 rue de la Matrice\n75001 Paris',
};

/** The back-office routes of this area (see ./types.ts). */
export const contentMatrix: BackofficeMatrix = {
  'GET /api/backoffice/content/branding': { kind: 'backoffice' },
  'PUT /api/backoffice/content/branding': {
    kind: 'backoffice-admin',
    call: () => ({ url: '/api/backoffice/content/branding', body: branding }),
  },
  'POST /api/backoffice/content/branding/logo': {
    kind: 'backoffice-admin',
    call: () => ({
      url: '/api/backoffice/content/branding/logo',
      file: { name: 'logo.png', content: '\u0089PNG\r\n\u001a\n' },
    }),
  },
  'DELETE /api/backoffice/content/branding/logo': { kind: 'backoffice-admin' },
  'GET /api/backoffice/content/terms': { kind: 'backoffice' },
  'POST /api/backoffice/content/terms': {
    kind: 'backoffice',
    call: () => ({
      url: '/api/backoffice/content/terms',
      body: { version: 'matrice', title: 'Conditions', contentMarkdown: 'Texte.' },
    }),
  },
  'POST /api/backoffice/content/terms/:id/publish': {
    kind: 'backoffice-admin',
    call: () => ({ url: `/api/backoffice/content/terms/${UNKNOWN_ID}/publish` }),
  },
  'GET /api/backoffice/content/tips': { kind: 'backoffice' },
  'POST /api/backoffice/content/tips': {
    kind: 'backoffice',
    call: () => ({
      url: '/api/backoffice/content/tips',
      body: { title: 'Astuce', body: 'Texte.', published: false },
    }),
  },
  'PATCH /api/backoffice/content/tips/:id': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/content/tips/${UNKNOWN_ID}`, body: { title: 'Astuce' } }),
  },
  'DELETE /api/backoffice/content/tips/:id': {
    kind: 'backoffice',
    call: () => ({ url: `/api/backoffice/content/tips/${UNKNOWN_ID}` }),
  },
};
