import { computeNirKey } from '@affilia/shared/validators/nir';
import { beforeAll, describe, expect, it } from 'vitest';
import { SpillingKeyMap } from '../lib/compact-keys';
import type { FileState, Ok } from '../modules/reference-data/import-batch';
import { COLUMNS, createRowParser, type MemberData } from '../modules/reference-data/import-parse';
import { useTestApp } from '../../test/helper';
import {
  createCompany,
  createContract,
  createEstablishment,
  createMember,
} from '../../test/factories';
import { refuseInsertsInto } from '../../test/refuse-writes';
import { applyMembersBatch } from './apply-members-batch';

const t = useTestApp();
let siret: string;
let contract: { id: string; number: string };
let known: { nir13: string };
beforeAll(async () => {
  const company = await createCompany(t.ctx.db);
  const establishment = await createEstablishment(t.ctx.db, company);
  siret = establishment.siret;
  contract = await createContract(t.ctx.db, company);
  known = { nir13: '2901175104002' };
  await createMember(t.ctx.db, t.ctx.cipher, {
    establishment,
    nir13: known.nir13,
    lastName: 'Zéphyr',
    firstName: 'Jules',
    coverages: [{ contract, effectiveDate: '2024-03-01' }],
  });
});

const withKey = (nir13: string) => nir13 + computeNirKey(nir13);
const text = (values: string[]) => values.map((v) => ({ kind: 'text' as const, text: v }));

/** A row of a members' file: the person (the rest as the test's establishment and contract). */
function member(nir13: string, lastName: string, firstName: string, birthDate: string) {
  const values: Record<string, string> = {
    nir: withKey(nir13),
    lastName,
    firstName,
    birthDate,
    siret,
    professionalStatus: 'Non cadre',
    contractNumber: contract.number,
    effectiveDate: '01/03/2024',
  };
  return COLUMNS.members.map((c) => values[c.field] ?? '');
}

/** The rows of a members' file, parsed as the import parses them. */
function rows(lines: string[][]): Ok<MemberData>[] {
  const parser = createRowParser('members', text(COLUMNS.members.map((c) => c.header)));
  return lines.map((cells, i) => {
    const parsed = parser.parse({ line: i + 2, cells: text(cells) });
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed;
  });
}

const newFile = (): FileState => ({
  companyIdentifiers: new Map(),
  establishmentIdentifiers: new Map(),
  members: new SpillingKeyMap(100),
});

const memberByNir = (nir13: string) =>
  t.ctx.db
    .selectFrom('members')
    .select(['id', 'last_name'])
    .where('nir_hash', '=', t.ctx.cipher.hash(nir13))
    .executeTakeFirst();

describe('applyMembersBatch (command)', () => {
  it('creates a new member and their coverage, updates a known one, one outcome per row', async () => {
    const input = {
      rows: rows([
        member('1850675101001', 'Durand', 'Léa', '12/06/1985'),
        member(known.nir13, 'Zéphyrin', 'Jules', '15/06/1985'),
      ]),
      at: t.clock.now().toISOString(),
      allowTemporaryNir: true,
      file: newFile(),
    };
    // A dry run decides the same rows and writes nothing.
    const checked = await applyMembersBatch(t.ctx, { ...input, write: false });
    expect(await memberByNir('1850675101001')).toBeUndefined();

    const outcomes = await applyMembersBatch(t.ctx, { ...input, file: newFile(), write: true });
    expect(outcomes).toEqual(checked);
    expect(outcomes.map((o) => o.status)).toEqual(['created', 'updated']);
    expect(outcomes[1]?.message).toMatch(/^Assuré mis à jour : nom\b/);
    const created = await memberByNir('1850675101001');
    expect(created?.last_name).toBe('Durand');
    const coverages = await t.ctx.db
      .selectFrom('coverages')
      .select('effective_date')
      .where('member_id', '=', created!.id)
      .execute();
    expect(coverages).toEqual([{ effective_date: '2024-03-01' }]);
    expect((await memberByNir(known.nir13))?.last_name).toBe('Zéphyrin');
  });

  it('writes nothing of the batch when a step fails midway (the coverages refused by the database)', async () => {
    const input = {
      rows: rows([
        member('1860675102001', 'Petit', 'Anne', '12/06/1986'),
        member(known.nir13, 'Zéphyr', 'Jules', '15/06/1985'),
      ]),
      at: t.clock.now().toISOString(),
      write: true,
      allowTemporaryNir: true,
    };
    const allow = await refuseInsertsInto(t.ctx, 'coverages');
    try {
      await expect(applyMembersBatch(t.ctx, { ...input, file: newFile() })).rejects.toThrow();
    } finally {
      await allow();
    }
    // Neither the new member (inserted before the coverages) nor the known one's new name.
    expect(await memberByNir('1860675102001')).toBeUndefined();
    expect((await memberByNir(known.nir13))?.last_name).toBe('Zéphyrin');

    await applyMembersBatch(t.ctx, { ...input, file: newFile() });
    expect(await memberByNir('1860675102001')).toBeDefined();
    expect((await memberByNir(known.nir13))?.last_name).toBe('Zéphyr');
  });
});
