import { describe, expect, it } from 'vitest';
import type { MemberChangeView } from '@affilia/shared/schemas/member-changes';
import type { MemberChangeValues } from './member-change-form';
import { EMPTY_CHANGE, toChange, validateMemberChange, valuesOfChange } from './member-change-form';

const values = (patch: Partial<MemberChangeValues>, change = {}): MemberChangeValues => ({
  ...EMPTY_CHANGE,
  ...patch,
  change: { ...EMPTY_CHANGE.change, ...change },
});

describe('« Déclarer un changement »', () => {
  it('asks for the kind first, then its own fields only', () => {
    expect(validateMemberChange(EMPTY_CHANGE)).toEqual({
      kind: 'Choisissez le changement à déclarer',
    });
    const status = validateMemberChange(values({ kind: 'professional_status' }));
    expect(Object.keys(status).sort()).toEqual(['effectiveDate', 'professionalStatus']);
    expect(status.professionalStatus).toBe('Choisissez le statut');
    expect(
      toChange(
        values({
          kind: 'option',
          effectiveDate: '2026-04-01',
          optionCode: ' opt1 ',
          establishmentId: 'e2',
        }),
      ),
    ).toEqual({ kind: 'option', effectiveDate: '2026-04-01', optionCode: 'opt1' });
  });

  it('a child added: the names, the dates and the proof the event asks for', () => {
    const birth = values({ kind: 'beneficiary' }, { action: 'add', event: 'birth' });
    expect(validateMemberChange(birth)).toMatchObject({
      'change.eventDate': expect.any(String) as string,
      'change.lastName': 'Saisissez le nom',
      'change.firstName': 'Saisissez le prénom',
      proof: 'Joignez : Acte de naissance ou copie du livret de famille',
    });
    const ready = values(
      { kind: 'beneficiary', proof: new File(['%PDF-'], 'acte.pdf') },
      {
        action: 'add',
        event: 'birth',
        eventDate: '2026-02-20',
        lastName: 'Nguyễn',
        firstName: 'Łucja',
        birthDate: '2026-02-20',
      },
    );
    expect(validateMemberChange(ready)).toEqual({});
    expect(toChange(ready)).toEqual({
      kind: 'beneficiary',
      change: {
        action: 'add',
        event: 'birth',
        eventDate: '2026-02-20',
        lastName: 'Nguyễn',
        firstName: 'Łucja',
        birthDate: '2026-02-20',
        nir: null,
      },
    });
  });

  it('a beneficiary removed: who, why and when; no proof', () => {
    const removed = values(
      { kind: 'beneficiary' },
      { action: 'remove', beneficiaryId: 'b1', reason: 'death', eventDate: '2026-02-01' },
    );
    expect(validateMemberChange(removed)).toEqual({});
    expect(toChange(removed)).toEqual({
      kind: 'beneficiary',
      change: { action: 'remove', beneficiaryId: 'b1', reason: 'death', eventDate: '2026-02-01' },
    });
    expect(validateMemberChange(values({ kind: 'beneficiary' }))).toEqual({
      'change.action': 'Choisissez ce que vous déclarez',
    });
  });
});

describe('« Corriger et renvoyer » a returned change', () => {
  const returned = (details: MemberChangeView['details']): MemberChangeView => ({
    id: 'c1',
    kind: details.kind,
    status: 'returned',
    member: { id: 'm1', lastName: 'Durand', firstName: 'Chloé' },
    company: { id: 'co', name: 'Oméga', siren: '123456789' },
    establishment: { id: 'e1', name: 'Lyon', siret: '12345678900011' },
    effectiveDate: '2026-04-01',
    details,
    comment: 'Voir l’avenant',
    returnReason: 'Précisez l’option.',
    proofs: [{ id: 'f1', fileName: 'acte.pdf', size: 1200 }],
    createdAt: '2026-03-02T09:00:00.000Z',
    statusChangedAt: '2026-03-03T09:00:00.000Z',
    declaredBy: 'employer',
  });

  it('fills the form with what the change said, its kind fixed', () => {
    const option = valuesOfChange(returned({ kind: 'option', from: 'base', to: 'option1' }));
    expect(toChange(option)).toEqual({
      kind: 'option',
      effectiveDate: '2026-04-01',
      optionCode: 'option1',
      comment: 'Voir l’avenant',
    });
  });

  it('a child added: the proof already sent is enough, the NIR is left to the server', () => {
    const child = valuesOfChange(
      returned({
        kind: 'beneficiary',
        action: 'add',
        beneficiaryId: null,
        type: 'child',
        event: 'birth',
        reason: null,
        eventDate: '2026-02-20',
        lastName: 'Nguyễn',
        firstName: 'Łucja',
        birthDate: '2026-02-20',
        previous: null,
        hasNir: true,
      }),
    );
    expect(toChange(child)).toEqual({
      kind: 'beneficiary',
      change: {
        action: 'add',
        event: 'birth',
        eventDate: '2026-02-20',
        lastName: 'Nguyễn',
        firstName: 'Łucja',
        birthDate: '2026-02-20',
        nir: null,
      },
      comment: 'Voir l’avenant',
    });
    expect(validateMemberChange(child, true)).toEqual({});
    expect(validateMemberChange(child)).toMatchObject({ proof: expect.any(String) as string });
  });
});
