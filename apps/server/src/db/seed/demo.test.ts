import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verify } from '@node-rs/argon2';
import { AFFILIATION_STATUSES } from '@affilia/shared/domain/enums';
import { nirBirthDateWarning, parseNir } from '@affilia/shared/validators/nir';
import { parseIban } from '@affilia/shared/validators/bank';
import { isValidSiren, isValidSiret } from '@affilia/shared/validators/siret';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db';
import { extractPdfText } from '../../../test/pdf-text';
import type { AppContext } from '../../lib/context';
import { getBiaPdf } from '../../modules/enrolment/bia.service';
import { createFieldCipher } from '../../lib/crypto';
import { createFileStorage } from '../../lib/storage';
import { toSearchName } from '../search-name';
import { seedDemoIfEmpty, getDemoInfo, type DemoSeedResult } from './demo';
import { DEMO_ACCOUNTS } from './demo-accounts';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const TODAY = '2026-03-02';

let t: TestDatabase;
let filesDir: string;
const cipher = createFieldCipher(crypto.randomBytes(32));
let seeded: DemoSeedResult | null;

beforeAll(async () => {
  t = await createTestDatabase();
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-seed-files-'));
  seeded = await seedDemoIfEmpty({
    db: t.handle.db,
    cipher,
    storage: createFileStorage(filesDir),
    now: NOW,
  });
}, 60_000);
afterAll(async () => {
  await t?.drop();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

const db = () => t.handle.db;

describe(`demo seed (${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('seeds once: a second call finds the settings and does nothing', async () => {
    expect(seeded).not.toBeNull();
    const filesBefore = fs.readdirSync(filesDir, { recursive: true }).length;
    const again = await seedDemoIfEmpty({
      db: db(),
      cipher,
      storage: createFileStorage(filesDir),
      now: new Date(NOW.getTime() + 3_600_000),
    });
    expect(again).toBeNull();
    const companies = await db().selectFrom('companies').select('id').execute();
    expect(companies).toHaveLength(3);
    expect(fs.readdirSync(filesDir, { recursive: true }).length).toBe(filesBefore);
  });

  it('has the expected counts', async () => {
    expect(seeded?.counts).toEqual({
      companies: 3,
      establishments: 17,
      contracts: 5,
      members: 300,
      coverages: seeded?.counts.coverages,
      affiliationRequests: 18,
      documents: 6,
      conversations: 4,
      users: 8,
    });
    const perCompany = await db()
      .selectFrom('companies as c')
      .leftJoin('establishments as e', 'e.company_id', 'c.id')
      .select(['c.name', (eb) => eb.fn.count<number>('e.id').as('n')])
      .groupBy('c.name')
      .orderBy('c.name')
      .execute();
    expect(perCompany.map((r) => [r.name, Number(r.n)])).toEqual([
      ['Agence des Deux Rives', 2],
      ['Syndic Marceau & Fils', 3],
      ['Valmont Immobilier', 12],
    ]);
    const count = async (table: 'members' | 'coverages' | 'tips' | 'document_versions') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('members')).toBe(300);
    expect(await count('coverages')).toBe(seeded?.counts.coverages);
    expect(await count('coverages')).toBeGreaterThan(300);
    expect(await count('tips')).toBe(4);
    expect(await count('document_versions')).toBe(7);
    const terms = await db().selectFrom('terms_versions').selectAll().execute();
    expect(terms.map((x) => [x.version, x.title])).toEqual([
      ['2026-01', 'Conditions générales d’utilisation'],
    ]);
  });

  it('is deterministic: the same names on every run', async () => {
    const first = await db()
      .selectFrom('members')
      .select(['search_name'])
      .orderBy('search_name')
      .limit(5)
      .execute();
    const other = await createTestDatabase();
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-seed-files-'));
    try {
      await seedDemoIfEmpty({
        db: other.handle.db,
        cipher: createFieldCipher(crypto.randomBytes(32)),
        storage: createFileStorage(otherDir),
        now: NOW,
      });
      const second = await other.handle.db
        .selectFrom('members')
        .select(['search_name'])
        .orderBy('search_name')
        .limit(5)
        .execute();
      expect(second).toEqual(first);
      const sirens = await other.handle.db
        .selectFrom('companies')
        .select('siren')
        .orderBy('siren')
        .execute();
      const mine = await db().selectFrom('companies').select('siren').orderBy('siren').execute();
      expect(sirens).toEqual(mine);
    } finally {
      await other.drop();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('gives valid SIRENs and SIRETs (Luhn), the SIRET starting with the SIREN', async () => {
    const rows = await db()
      .selectFrom('establishments as e')
      .innerJoin('companies as c', 'c.id', 'e.company_id')
      .select(['c.siren', 'e.siret'])
      .execute();
    expect(rows).toHaveLength(17);
    for (const r of rows) {
      expect(isValidSiren(r.siren)).toBe(true);
      expect(isValidSiret(r.siret)).toBe(true);
      expect(r.siret.startsWith(r.siren)).toBe(true);
    }
  });

  it('encrypts NIRs that decrypt to valid numbers consistent with the birth date', async () => {
    const members = await db()
      .selectFrom('members')
      .select(['nir_encrypted', 'nir_hash', 'birth_date', 'last_name', 'first_name', 'search_name'])
      .execute();
    const departments = new Set<string>();
    const nirs = new Set<string>();
    for (const m of members) {
      const nir = cipher.decrypt(m.nir_encrypted);
      expect(nir).toMatch(/^[12]\d{4}(\d{2}|2A|2B)\d{6}$/);
      const parsed = parseNir(nir, { allowTemporary: false });
      expect(parsed.ok).toBe(true);
      expect(nirBirthDateWarning(nir, m.birth_date)).toBeNull();
      expect(m.nir_hash).toBe(cipher.hash(nir));
      expect(m.search_name).toBe(toSearchName(m.last_name, m.first_name));
      departments.add(nir.slice(5, 7));
      nirs.add(nir);
    }
    expect(nirs.size).toBe(300);
    expect(departments.has('2A')).toBe(true);
    expect(departments.has('2B')).toBe(true);
    // Accents in names, for realism and for the search normalisation.
    expect(members.some((m) => /[éèëïôç]/i.test(m.first_name + m.last_name))).toBe(true);
  });

  it('spreads coverages over current, ended and upcoming, with valid options', async () => {
    const coverages = await db()
      .selectFrom('coverages as v')
      .innerJoin('contracts as k', 'k.id', 'v.contract_id')
      .innerJoin('members as m', 'm.id', 'v.member_id')
      .select([
        'v.option_code',
        'v.effective_date',
        'v.end_date',
        'k.staff_category',
        'k.start_date',
        'm.professional_status',
        'k.company_id',
        'm.company_id as member_company',
      ])
      .execute();
    let current = 0;
    let ended = 0;
    let upcoming = 0;
    for (const c of coverages) {
      expect(['base', 'opt1', 'opt2', 'opt3', 'opt4']).toContain(c.option_code);
      expect(c.effective_date >= c.start_date).toBe(true);
      expect(c.company_id).toBe(c.member_company);
      expect([c.professional_status, 'all']).toContain(c.staff_category);
      if (c.effective_date > TODAY) upcoming += 1;
      else if (c.end_date !== null && c.end_date < TODAY) ended += 1;
      else current += 1;
    }
    expect(current).toBeGreaterThan(200);
    expect(ended).toBeGreaterThan(20);
    expect(upcoming).toBeGreaterThan(3);
  });

  it('has affiliation requests in every status, each with its history', async () => {
    const requests = await db().selectFrom('affiliation_requests').selectAll().execute();
    // The two statuses of a dispense come from the demo's dispenses, made through the services
    // after the first seed (demo-dispenses.ts and its test).
    expect(new Set(requests.map((r) => r.status))).toEqual(
      new Set(AFFILIATION_STATUSES.filter((s) => s !== 'dispense_requested' && s !== 'dispensed')),
    );
    expect(new Set(requests.map((r) => r.mode))).toEqual(new Set(['email', 'mail']));
    const history = await db()
      .selectFrom('affiliation_status_history')
      .selectAll()
      .orderBy('at')
      .execute();
    for (const r of requests) {
      const steps = history.filter((h) => h.request_id === r.id);
      expect(steps[0]).toMatchObject({ from_status: null, to_status: 'sent' });
      expect(steps[steps.length - 1]?.to_status).toBe(r.status);
      steps.slice(1).forEach((s, i) => expect(s.from_status).toBe(steps[i]?.to_status));
      const nir = cipher.decrypt(r.nir_encrypted);
      expect(parseNir(nir).ok).toBe(true);
      expect(r.nir_hash).toBe(cipher.hash(nir));
      if (r.mode === 'mail') expect(r.email).toBeNull();
      if (r.status === 'validated') {
        expect(r.member_id).not.toBeNull();
        const coverage = await db()
          .selectFrom('coverages')
          .select(['effective_date', 'member_id'])
          .where('affiliation_request_id', '=', r.id)
          .executeTakeFirstOrThrow();
        expect(coverage).toEqual({ effective_date: r.affiliation_date, member_id: r.member_id });
      }
      expect(r.affiliation_date >= r.hire_date).toBe(true);
    }
    expect(requests.filter((r) => r.already_affiliated === 1)).toHaveLength(1);
    const forms = await db().selectFrom('enrolment_forms').selectAll().execute();
    for (const f of forms.filter((x) => x.iban_encrypted !== null)) {
      const iban = cipher.decrypt(f.iban_encrypted as string);
      expect(parseIban(iban)).toEqual({ ok: true, value: iban });
    }
    const attachments = await db().selectFrom('enrolment_attachments').select('kind').execute();
    expect(attachments.length).toBeGreaterThanOrEqual(10);
  });

  it('stores the completed BIA of every form submitted online, like a real submission (issue 14 #13)', async () => {
    const storage = createFileStorage(filesDir);
    const forms = await db()
      .selectFrom('enrolment_forms as f')
      .innerJoin('affiliation_requests as r', 'r.id', 'f.request_id')
      .leftJoin('stored_files as s', 's.id', 'f.pdf_file_id')
      .select([
        'r.id',
        'r.status',
        'r.last_name',
        'r.first_name',
        'f.submitted_at',
        's.storage_key',
        's.original_name',
        's.mime_type',
        's.owner_kind',
      ])
      .where('f.submitted_at', 'is not', null)
      .execute();
    expect(forms.map((f) => f.status)).toContain('finalised');
    for (const f of forms) {
      expect(f).toMatchObject({
        mime_type: 'application/pdf',
        owner_kind: 'bia',
        original_name: `BIA-${f.last_name}-${f.first_name}.pdf`,
      });
      const bia = await getBiaPdf(
        { db: db(), cipher, storage, clock: { now: () => NOW } } as unknown as AppContext,
        f.id,
      );
      expect(bia.bytes.equals(await storage.read(f.storage_key!))).toBe(true);
      const text = await extractPdfText(bia.bytes);
      expect(text).toContain(`Complété en ligne par ${f.first_name} ${f.last_name}`);
      // The address, the masked IBAN and the attachments the employee gave, as « Valider » writes them.
      const joined = text.join('\n');
      expect(joined).toMatch(/Adresse\n\d+ /);
      expect(joined).toMatch(/FR\d\d \*{4}/);
      expect(joined).toContain('RIB : RIB.pdf');
      expect(joined).toMatch(/certifié l’exactitude|certifié l'exactitude/);
    }
  });

  it('stores the documents as real PDFs with versions and scopes', async () => {
    const storage = createFileStorage(filesDir);
    const docs = await db()
      .selectFrom('documents as d')
      .innerJoin('document_versions as v', 'v.id', 'd.current_version_id')
      .innerJoin('stored_files as f', 'f.id', 'v.file_id')
      .select([
        'd.title',
        'd.scope',
        'd.status',
        'f.storage_key',
        'f.sha256',
        'f.mime_type',
        'f.original_name',
        'v.version',
      ])
      .execute();
    expect(docs).toHaveLength(6);
    // Downloaded under a French name made from the title (issue 14 #22).
    expect(docs.map((d) => d.original_name)).toContain('resume-garanties-cadres.pdf');
    for (const d of docs) expect(d.original_name).toMatch(/^[a-z0-9-]+\.pdf$/);
    expect(new Set(docs.map((d) => d.scope))).toEqual(new Set(['all', 'ccn', 'company']));
    for (const d of docs) {
      const bytes = await storage.read(d.storage_key);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(d.sha256);
      const pdf = await PDFDocument.load(bytes);
      expect(pdf.getPageCount()).toBeGreaterThan(0);
      expect(pdf.getTitle()).toBeTruthy();
    }
    expect(docs.find((d) => d.scope === 'company')?.version).toBe(2);
  });

  it('creates the demo accounts, active, verified, with Argon2id hashes of their passwords', async () => {
    const users = await db()
      .selectFrom('users')
      .selectAll()
      .where(
        'email',
        'in',
        DEMO_ACCOUNTS.map((a) => a.email),
      )
      .execute();
    expect(users).toHaveLength(5);
    for (const a of DEMO_ACCOUNTS) {
      const u = users.find((x) => x.email === a.email);
      expect(u).toMatchObject({ status: 'active', kind: a.kind, staff_role: a.staffRole });
      expect(u?.email_verified_at).not.toBeNull();
      expect(u?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(a.password.length).toBeGreaterThanOrEqual(12);
      expect(await verify(u?.password_hash as string, a.password)).toBe(true);
    }
    expect(users.find((u) => u.email === 'cabinet@demo.affilia.test')).toMatchObject({
      is_third_party: 1,
      third_party_firm: 'Cabinet Comptable Durand & Associés',
    });
  });

  it('lists one non-activated establishment per company, and only the third can be activated', async () => {
    const info = await getDemoInfo(db());
    expect(info.accounts.map((a) => a.email)).toEqual(DEMO_ACCOUNTS.map((a) => a.email));
    expect(info.accounts[0]?.role).toBe('Administrateur (2 sociétés)');
    expect(info.activation.map((a) => [a.company, a.activationAllowed])).toEqual([
      ['Agence des Deux Rives', true],
      ['Syndic Marceau & Fils', false],
      ['Valmont Immobilier', false],
    ]);
    for (const a of info.activation) {
      expect(isValidSiret(a.siret)).toBe(true);
      const followers = await db()
        .selectFrom('user_establishments as ue')
        .innerJoin('establishments as e', 'e.id', 'ue.establishment_id')
        .select('ue.user_id')
        .where('e.siret', '=', a.siret)
        .execute();
      expect(followers).toEqual([]);
    }
    expect({ accounts: seeded?.accounts, activation: seeded?.activation }).toEqual(info);
  });
});
