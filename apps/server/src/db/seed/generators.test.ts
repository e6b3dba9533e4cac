import { nirBirthDateWarning, parseNir } from '@affilia/shared/validators/nir';
import { parseBic, parseIban } from '@affilia/shared/validators/bank';
import { isValidSiren, isValidSiret } from '@affilia/shared/validators/siret';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  createNirGenerator,
  createRng,
  makeBic,
  makeCoverages,
  makeFrenchIban,
  makePerson,
  makeSiren,
  makeSiret,
  withNirKey,
} from './generators';

describe('seed generators', () => {
  it('are deterministic for a given seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const draws = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(draws);
    expect(new Set(draws).size).toBe(50);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('make valid SIRENs and SIRETs', () => {
    const rng = createRng(1);
    for (let i = 0; i < 200; i += 1) {
      const siren = makeSiren(rng);
      expect(isValidSiren(siren)).toBe(true);
      for (const n of [1, 2, 9, 10, 999, 1000])
        expect(isValidSiret(makeSiret(siren, n))).toBe(true);
    }
  });

  it('make unique NIRs whose key, sex, year and month are right', () => {
    const rng = createRng(2);
    const nirs = createNirGenerator(rng);
    const seen = new Set<string>();
    const departments = new Set<string>();
    for (let i = 0; i < 5000; i += 1) {
      const p = makePerson(rng, nirs, { today: '2026-03-02' });
      expect(seen.has(p.nir)).toBe(false);
      seen.add(p.nir);
      departments.add(p.nir.slice(5, 7));
      expect(p.nir.charAt(0)).toBe(String(p.sex));
      expect(nirBirthDateWarning(p.nir, p.birthDate)).toBeNull();
      const withKey = parseNir(withNirKey(p.nir), { allowTemporary: false });
      expect(withKey).toMatchObject({ ok: true, value: p.nir, temporary: false });
      expect(p.birthDate <= addDays('2026-03-02', -365 * 19)).toBe(true);
    }
    expect(nirs.size).toBe(5000);
    expect([...departments]).toEqual(expect.arrayContaining(['2A', '2B', '75', '99']));
  });

  it('make valid French IBANs and BICs', () => {
    const rng = createRng(3);
    for (let i = 0; i < 200; i += 1) {
      const iban = makeFrenchIban(rng);
      expect(parseIban(iban)).toEqual({ ok: true, value: iban });
      const bic = makeBic(rng);
      expect(parseBic(bic)).toEqual({ ok: true, value: bic });
    }
  });

  it('make coverages that respect the contract start and the order of dates', () => {
    const rng = createRng(4);
    const today = '2026-03-02';
    const kinds = { current: 0, ended: 0, upcoming: 0, two: 0 };
    for (let i = 0; i < 2000; i += 1) {
      const list = makeCoverages(rng, {
        today,
        contractStart: '2020-01-01',
        birthDate: '1990-06-15',
      });
      if (list.length === 2) kinds.two += 1;
      for (const c of list) {
        expect(c.effectiveDate >= '2020-01-01').toBe(true);
        if (c.endDate !== null) expect(c.endDate >= c.effectiveDate).toBe(true);
      }
      const last = list[list.length - 1];
      if (!last) throw new Error('no coverage');
      if (last.effectiveDate > today) kinds.upcoming += 1;
      else if (last.endDate !== null && last.endDate < today) kinds.ended += 1;
      else kinds.current += 1;
    }
    expect(kinds.current).toBeGreaterThan(1500);
    expect(kinds.ended).toBeGreaterThan(150);
    expect(kinds.upcoming).toBeGreaterThan(30);
    expect(kinds.two).toBeGreaterThan(50);
  });
});
