import { randomBytes } from 'node:crypto';
import { Writable, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberExportQuerySchema } from '@affilia/shared/schemas/members';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
} from '../../../test/factories';
import { toSearchName } from '../../db/search-name';
import { newId } from '../../lib/ids';
import type { EmployerActor } from '../../lib/policies';
import { loadEmployerActor } from '../users/users.repository';
import { refreshLatestCoverage } from './members.repository';
import { exportMembers } from './members.service';

const MEMBERS = 6000;
const NOW = '2026-01-01T00:00:00.000Z';

/** A client that takes one chunk and stops reading (`taken`: what it took). */
function stuckClient(): Writable & { taken: Buffer[] } {
  const taken: Buffer[] = [];
  const client = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer) {
      taken.push(Buffer.from(chunk));
    },
  });
  return Object.assign(client, { taken });
}

/** Lets the event loop turn (the export works between turns) for `ms`. */
const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Members export of a few thousand rows (streamed with back-pressure)', () => {
  let t: TestApp;
  let admin: Browser;
  let actor: EmployerActor;
  let membersRead = 0;
  /** The test database, counting the members it reads (the export reads them by batches). */
  const counting: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      membersRead += args.result.rows.filter((r) => 'nir_encrypted' in r).length;
      return args.result;
    },
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    const company = await createCompany(db, { name: 'Gamma Habitat' });
    const establishment = await createEstablishment(db, company, { name: 'Gamma Lille' });
    const contract = await createContract(db, company, { label: 'BASE GAMMA' });
    const ids: string[] = [];
    for (let start = 0; start < MEMBERS; start += 200) {
      const members = Array.from({ length: Math.min(200, MEMBERS - start) }, (_, k) => {
        const i = start + k;
        const nir13 = `1850675${String(i).padStart(6, '0')}`;
        // Random letters, which do not compress: the workbook outgrows the streams' buffers.
        const lastName = `Membre${String(i).padStart(5, '0')}${randomBytes(30).toString('hex')}`;
        return {
          id: newId(),
          company_id: company.id,
          establishment_id: establishment.id,
          nir_encrypted: t.ctx.cipher.encrypt(nir13),
          nir_hash: t.ctx.cipher.hash(nir13),
          last_name: lastName,
          first_name: 'Camille',
          search_name: toSearchName(lastName, 'Camille'),
          birth_date: '1985-06-15',
          professional_status: 'non_cadre' as const,
          email: null,
          created_at: NOW,
          updated_at: NOW,
        };
      });
      await db.insertInto('members').values(members).execute();
      await db
        .insertInto('coverages')
        .values(
          members.map((m) => ({
            id: newId(),
            member_id: m.id,
            contract_id: contract.id,
            option_code: 'base',
            effective_date: '2024-01-01',
            end_date: null,
            affiliation_request_id: null,
            created_at: NOW,
            updated_at: NOW,
          })),
        )
        .execute();
      ids.push(...members.map((m) => m.id));
    }
    for (let start = 0; start < ids.length; start += 500) {
      await refreshLatestCoverage(db, ids.slice(start, start + 500));
    }
    const user = await createEmployerUser(db, [{ company, role: 'admin' }]);
    admin = browser(t.app);
    await signInAs(admin, t.ctx, user);
    actor = await loadEmployerActor(
      db,
      await db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow(),
    );
  }, 60_000);
  afterAll(() => t.close());

  /** The export's stream, on a database that counts the queries run from now on. */
  async function startExport(format: 'csv' | 'xlsx'): Promise<Readable> {
    const { format: f, sort, order, ...filters } = MemberExportQuerySchema.parse({ format });
    membersRead = 0;
    const { stream } = await exportMembers(
      { ...t.ctx, db: t.ctx.db.withPlugin(counting) },
      actor,
      { filters, sort, order, format: f },
      { ip: '203.0.113.10', userAgent: 'test' },
    );
    return stream;
  }

  it('produces a valid workbook with every row as XLSX', async () => {
    const res = await admin.get('/api/members/export?format=xlsx');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Salariés');
    expect(sheet?.rowCount).toBe(MEMBERS + 1);
    expect(sheet?.getRow(1).getCell(5).value).toBe('Nom');
    expect(sheet?.getRow(2).getCell(5).value).toMatch(/^Membre00000/);
    expect(sheet?.getRow(MEMBERS + 1).getCell(5).value).toMatch(
      new RegExp(`^Membre${String(MEMBERS - 1).padStart(5, '0')}`),
    );
  });

  it('XLSX: reads no further batch while the client does not read', async () => {
    const stream = await startExport('xlsx');
    const client = stuckClient();
    stream.pipe(client);
    await idle(500);
    // A batch or two fill the zip's and the client's buffers (the zip compresses meanwhile): the
    // export waits, far from the whole list.
    expect(membersRead).toBeLessThanOrEqual(3000);
    stream.unpipe();
    const chunks = [...client.taken];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Salariés')?.rowCount).toBe(MEMBERS + 1);
    expect(membersRead).toBe(MEMBERS);
  });

  it('CSV: reads no further batch while the client does not read', async () => {
    const stream = await startExport('csv');
    const client = stuckClient();
    stream.pipe(client);
    await idle(200);
    expect(membersRead).toBeLessThanOrEqual(2000);
    stream.unpipe();
    let text = client.taken.join('');
    for await (const chunk of stream) text += String(chunk);
    expect(text.trim().split('\r\n')).toHaveLength(MEMBERS + 1);
    expect(membersRead).toBe(MEMBERS);
  });
});
