import { describe, expect, it } from 'vitest';
import { processConsequences, processedMessage } from './radiation-format';

const base = {
  member: { id: 'm', lastName: 'Nguyễn-Wójcik', firstName: 'Łukasz' },
  contractEndDate: '2026-03-31',
  portability: { eligible: true as const, months: 8, start: '2026-04-01', end: '2026-11-30' },
};

describe('« Traiter la radiation », said before and after', () => {
  it('says what processing does: end of coverage, portability until…', () => {
    expect(processConsequences(base)).toEqual([
      'La couverture de Łukasz Nguyễn-Wójcik prendra fin le 31/03/2026.',
      'La portabilité sera ouverte du 01/04/2026 au 30/11/2026 (8 mois), sans cotisation ; ses ayants droit restent couverts.',
      'L’employeur sera informé que la radiation est traitée.',
    ]);
    expect(
      processConsequences({
        ...base,
        portability: { eligible: false, reason: 'no_unemployment_rights' },
      })[1],
    ).toBe('Pas de portabilité : la rupture n’ouvre pas droit à l’assurance chômage.');
  });

  it('says once done until when the portability runs', () => {
    expect(processedMessage(base)).toBe(
      'La radiation est traitée : couverture terminée le 31/03/2026, portabilité jusqu’au 30/11/2026.',
    );
    expect(processedMessage({ ...base, portability: { eligible: false, reason: 'death' } })).toBe(
      'La radiation est traitée : couverture terminée le 31/03/2026.',
    );
  });
});
