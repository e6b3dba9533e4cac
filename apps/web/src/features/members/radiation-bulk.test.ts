import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { refusedMembers } from './components/radiation-bulk-form';

describe('« Radier la sélection »: all or nothing', () => {
  it('lists each refused member with the reason, as the API names them (members.<id>)', () => {
    const error = new ApiError({
      status: 400,
      code: 'radiation_bulk_refused',
      message: '2 salariés ne peuvent pas être radiés : aucune radiation n’a été envoyée.',
      fields: {
        'members.m1': 'MARTIN Jeanne : une radiation est déjà en cours',
        'members.m2': 'DURAND Paul : la fin du contrat précède la date d’effet de la couverture',
        contractEndDate: 'Saisissez une date',
      },
    });
    expect(refusedMembers(error)).toEqual([
      'MARTIN Jeanne : une radiation est déjà en cours',
      'DURAND Paul : la fin du contrat précède la date d’effet de la couverture',
    ]);
    expect(refusedMembers(null)).toEqual([]);
    expect(refusedMembers(new Error('réseau'))).toEqual([]);
  });
});
