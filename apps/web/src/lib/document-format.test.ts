import { describe, expect, it } from 'vitest';
import {
  checkDocumentFile,
  documentFileUrl,
  documentsQueryString,
  formatDay,
  formatLabel,
  metadataFields,
  parseCategory,
  scopeLabel,
} from './document-format';

describe('formatLabel', () => {
  it('names the accepted formats', () => {
    expect(formatLabel('application/pdf', 'a.pdf')).toBe('PDF');
    expect(
      formatLabel(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'a.docx',
      ),
    ).toBe('Word (DOCX)');
    expect(
      formatLabel('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'a.xlsx'),
    ).toBe('Excel (XLSX)');
  });

  it('falls back on the extension, then on « Fichier »', () => {
    expect(formatLabel('text/csv', 'export.csv')).toBe('CSV');
    expect(formatLabel('application/octet-stream', 'sans extension')).toBe('Fichier');
    expect(formatLabel('application/octet-stream')).toBe('Fichier');
  });
});

describe('formatDay', () => {
  it('writes a French date', () => {
    expect(formatDay('2026-03-05T12:00:00Z')).toBe('5 mars 2026');
  });
  it('gives an empty string for a missing or unreadable date', () => {
    expect(formatDay(null)).toBe('');
    expect(formatDay('hier')).toBe('');
  });
});

describe('parseCategory', () => {
  it('keeps a known category only', () => {
    expect(parseCategory('benefits_summary')).toBe('benefits_summary');
    expect(parseCategory('nope')).toBeUndefined();
    expect(parseCategory(null)).toBeUndefined();
    expect(parseCategory('all')).toBeUndefined();
  });
});

describe('documentsQueryString', () => {
  it('leaves out empty parts and trims the search', () => {
    expect(documentsQueryString({})).toBe('');
    expect(documentsQueryString({ q: '   ' })).toBe('');
    expect(documentsQueryString({ q: ' notice générale ', category: 'other' })).toBe(
      'q=notice+g%C3%A9n%C3%A9rale&category=other',
    );
  });
  it('never sends more than the API accepts', () => {
    const params = new URLSearchParams(documentsQueryString({ q: 'a'.repeat(300) }));
    expect(params.get('q')).toHaveLength(200);
  });
});

describe('documentFileUrl', () => {
  it('encodes the id', () => {
    expect(documentFileUrl('abc')).toBe('/api/documents/abc/file');
    expect(documentFileUrl('a/b')).toBe('/api/documents/a%2Fb/file');
  });
});

describe('scopeLabel', () => {
  it('names who a document is meant for', () => {
    expect(scopeLabel({ scope: 'all', idcc: null, companyName: null })).toBe('Tous les adhérents');
    expect(scopeLabel({ scope: 'ccn', idcc: '1527', companyName: null })).toBe('CCN (IDCC 1527)');
    expect(
      scopeLabel({ scope: 'ccn', idcc: '1527', companyName: null, ccnName: 'Immobilier' }),
    ).toBe('CCN Immobilier (IDCC 1527)');
    expect(scopeLabel({ scope: 'company', idcc: null, companyName: 'Valmont Immobilier' })).toBe(
      'Valmont Immobilier',
    );
    expect(scopeLabel({ scope: 'company', idcc: null, companyName: null })).toBe(
      'Entreprise inconnue',
    );
  });
});

describe('checkDocumentFile', () => {
  const MAX = 20 * 1024 * 1024;
  it('accepts a PDF, a DOCX or an XLSX within the limit', () => {
    expect(checkDocumentFile({ name: 'Notice.pdf', size: 1000 }, MAX)).toBeNull();
    expect(checkDocumentFile({ name: 'Formulaire.DOCX', size: 1000 }, MAX)).toBeNull();
    expect(checkDocumentFile({ name: 'tableau.xlsx', size: MAX }, MAX)).toBeNull();
  });
  it('refuses another type, an empty file or one over the limit', () => {
    expect(checkDocumentFile({ name: 'photo.jpg', size: 1000 }, MAX)).toBe(
      'Choisissez un fichier PDF, DOCX ou XLSX',
    );
    expect(checkDocumentFile({ name: 'vide.pdf', size: 0 }, MAX)).toBe('Ce fichier est vide');
    expect(checkDocumentFile({ name: 'gros.pdf', size: MAX + 1 }, MAX)).toBe(
      'Fichier trop volumineux (20 Mo au plus)',
    );
  });
});

describe('metadataFields', () => {
  it('sends every field as text, the IDCC or company only with their scope', () => {
    expect(
      metadataFields({
        title: 'Notice',
        description: null,
        category: 'information_notice',
        scope: 'all',
        idcc: '1527',
        companyId: 'c1',
      }),
    ).toEqual({
      title: 'Notice',
      description: '',
      category: 'information_notice',
      scope: 'all',
      idcc: '',
      companyId: '',
    });
    expect(
      metadataFields({
        title: 'T',
        category: 'other',
        scope: 'ccn',
        idcc: '1527',
        companyId: 'c1',
      }),
    ).toMatchObject({ scope: 'ccn', idcc: '1527', companyId: '', description: '' });
    expect(
      metadataFields({ title: 'T', category: 'other', scope: 'company', companyId: 'c1' }),
    ).toMatchObject({ scope: 'company', idcc: '', companyId: 'c1' });
  });
});
