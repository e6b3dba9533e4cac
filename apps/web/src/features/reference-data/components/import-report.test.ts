import { describe, expect, it } from 'vitest';
import { REFERENCE_IMPORT_MAX_BYTES } from '@affilia/shared/schemas/reference-import';
import { checkChosenFile } from '../../../components/import-file-check';
import { importSummaryText } from './import-report';

describe('reference-data import (web)', () => {
  it('sums a report up in French', () => {
    expect(
      importSummaryText({ total: 1204, created: 1200, updated: 1, unchanged: 0, errors: 3 }),
    ).toBe('1\u202f200 créés, 1 mis à jour, 0 inchangé, 3 lignes en erreur');
  });

  it('checks a chosen file against the import’s own limit', () => {
    const big = { name: 'assures.csv', size: 5 * 1024 * 1024 };
    expect(checkChosenFile(big)).toMatch(/^Fichier trop volumineux \(2 Mo au plus\)/);
    expect(checkChosenFile(big, REFERENCE_IMPORT_MAX_BYTES)).toBeNull();
    expect(checkChosenFile({ name: 'assures.xls', size: 10 }, REFERENCE_IMPORT_MAX_BYTES)).toMatch(
      /^Ce format n’est pas accepté/,
    );
  });
});
