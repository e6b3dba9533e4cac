import { describe, expect, it } from 'vitest';
import {
  evinLine,
  motifLine,
  newJobLine,
  portabilityLine,
  processConsequences,
} from './radiation-format';

const base = {
  member: { id: 'm', lastName: 'Nguyễn-Wójcik', firstName: 'Łukasz' },
  contractEndDate: '2026-03-31',
  motif: 'rupture_conventionnelle' as const,
  dsnMotifCode: '043',
  newJobDate: null,
  evin: { offered: true, deadline: '2027-05-31', answer: null, answeredAt: null },
  portability: { eligible: true as const, months: 8, start: '2026-04-01', end: '2026-11-30' },
};

describe('radiation-format', () => {
  it('names the motif with its DSN code', () => {
    expect(motifLine(base)).toBe('Rupture conventionnelle (code DSN 043)');
  });

  it('says the portability computed, or why there is none', () => {
    expect(portabilityLine(base)).toBe('8 mois, du 01/04/2026 au 30/11/2026');
    expect(portabilityLine({ portability: { eligible: false, reason: 'gross_misconduct' } })).toBe(
      'Pas de portabilité : licenciement pour faute lourde',
    );
  });

  it('says when a new job ended the portability', () => {
    expect(newJobLine(base)).toBeNull();
    expect(newJobLine({ newJobDate: '2026-06-15' })).toBe(
      'Terminée par une reprise d’emploi le 15/06/2026',
    );
  });

  it('says the loi Évin offer, its deadline and the answer', () => {
    expect(evinLine(base)).toBe('Proposé : à demander au plus tard le 31/05/2027');
    expect(evinLine({ evin: { ...base.evin, answer: 'declined' } })).toBe(
      'Maintien individuel refusé',
    );
    expect(evinLine({ evin: { ...base.evin, offered: false, deadline: null } })).toBe(
      'Non proposé pour ce départ',
    );
  });

  it('says what processing does: end of coverage, portability until…', () => {
    expect(processConsequences(base)).toEqual([
      'La couverture de Łukasz Nguyễn-Wójcik prendra fin le 31/03/2026.',
      'La portabilité sera ouverte du 01/04/2026 au 30/11/2026 (8 mois), sans cotisation ; ses ayants droit restent couverts.',
      'L’employeur sera informé que la radiation est traitée.',
    ]);
    expect(
      processConsequences({
        ...base,
        motif: 'demission',
        portability: { eligible: false, reason: 'no_unemployment_rights' },
      })[1],
    ).toBe('Pas de portabilité : la rupture n’ouvre pas droit à l’assurance chômage.');
  });
});
