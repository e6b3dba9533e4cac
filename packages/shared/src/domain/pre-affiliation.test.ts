import { describe, expect, it } from 'vitest';
import { computeNirKey } from '../validators/nir';
import { checkPreAffiliationNir, contractOnAffiliationDate, pickContract } from './pre-affiliation';

/*
 * The rules the pré-affiliation wizard and POST /api/affiliations share (issue 14 #26): one
 * function on both sides, so that the form says what the server would answer.
 */

const contract = (
  id: string,
  staffCategory: 'cadre' | 'non_cadre' | 'all',
  startDate: string,
  endDate: string | null = null,
) => ({ id, number: id.toUpperCase(), label: `Contrat ${id}`, staffCategory, startDate, endDate });

describe('pickContract', () => {
  const old = contract('old', 'cadre', '2020-01-01', '2026-06-30');
  const next = contract('next', 'all', '2026-07-01');
  const nonCadre = contract('nc', 'non_cadre', '2021-01-01');

  it('picks the contract still running on the affiliation date, not today’s', () => {
    expect(pickContract([old, next, nonCadre], 'cadre', '2026-03-02')?.id).toBe('old');
    expect(pickContract([old, next, nonCadre], 'cadre', '2026-08-01')?.id).toBe('next');
    expect(pickContract([old, next, nonCadre], 'non_cadre', '2026-08-01')?.id).toBe('nc');
  });

  it('prefers the collège’s own contract, then the latest start; none when all ended', () => {
    const own = contract('own', 'cadre', '2026-04-01');
    const everyone = contract('everyone', 'all', '2020-01-01');
    expect(pickContract([everyone, own], 'cadre', '2026-03-02')?.id).toBe('own');
    expect(pickContract([old], 'cadre', '2026-07-01')).toBeUndefined();
  });
});

describe('contractOnAffiliationDate', () => {
  it('says, in the server’s words, when no contract covers the collège on that date', () => {
    const result = contractOnAffiliationDate(
      [contract('old', 'cadre', '2020-01-01', '2026-06-30')],
      'cadre',
      '2026-07-01',
    );
    expect(result).toEqual({
      ok: false,
      code: 'no_contract',
      message:
        "Aucun contrat Frais de Santé de l'entreprise ne couvre le collège « Cadre » à cette date d'affiliation.",
      fields: { professionalStatus: 'Aucun contrat Frais de Santé pour ce statut à cette date' },
    });
  });

  it('refuses an affiliation date before the contract’s start', () => {
    const result = contractOnAffiliationDate(
      [contract('own', 'cadre', '2026-04-01')],
      'cadre',
      '2026-03-02',
    );
    expect(result).toEqual({
      ok: false,
      code: 'validation_error',
      fields: {
        affiliationDate:
          "La date d'affiliation ne peut pas être antérieure au début du contrat Frais de Santé (01/04/2026)",
      },
    });
    const ok = contractOnAffiliationDate(
      [contract('own', 'cadre', '2026-04-01')],
      'cadre',
      '2026-04-01',
    );
    expect(ok.ok && ok.contract.id).toBe('own');
  });
});

describe('checkPreAffiliationNir', () => {
  const nir = '1850675123456';

  it('refuses a temporary number the insurer does not allow, with the server’s message', () => {
    expect(
      checkPreAffiliationNir('7850675123456', '1985-06-15', { allowTemporaryNir: false }),
    ).toEqual({
      ok: false,
      error: 'Les numéros de sécurité sociale provisoires ne sont pas acceptés',
    });
    const allowed = checkPreAffiliationNir('7850675123456', '1985-06-15', {
      allowTemporaryNir: true,
    });
    expect(allowed).toMatchObject({
      ok: true,
      value: '7850675123456',
      temporary: true,
      warning: null,
    });
  });

  it('gives the NIR / birth date warning the user confirms, without asking the server', () => {
    expect(
      checkPreAffiliationNir(nir + computeNirKey(nir), '1985-06-15', { allowTemporaryNir: false }),
    ).toEqual({
      ok: true,
      value: nir,
      temporary: false,
      warning: null,
    });
    const warned = checkPreAffiliationNir(nir, '1990-01-20', { allowTemporaryNir: false });
    expect(warned.ok && warned.warning).toBe(
      "L’année et le mois de naissance du numéro de sécurité sociale ne correspondent pas à la date de naissance. Vérifiez le numéro et la date, ou confirmez qu'ils sont exacts.",
    );
  });
});
