import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
} from '../../../test/factories';
import { extractPdfText } from '../../../test/pdf-text';
import { createRadiation } from '../../../test/radiation-factory';
import {
  DEFAULT_NOTICE_TEMPLATE,
  composeNotice,
  sendPendingNotices,
  sendRadiationNotice,
  radiationNoticePdf,
  unknownPlaceholders,
  type NoticeFacts,
} from './notice';

const t = useTestApp();
let member: Awaited<ReturnType<typeof createMember>>;
let admin: { id: string };
let seq = 0;

beforeAll(async () => {
  const company = await createCompany(t.ctx.db, { name: 'Alpha Immobilier' });
  const establishment = await createEstablishment(t.ctx.db, company);
  const contract = await createContract(t.ctx.db, company);
  admin = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
  member = await createMember(t.ctx.db, t.ctx.cipher, {
    establishment,
    nir13: '1850675123456',
    lastName: 'Nguyễn-Wójcik',
    firstName: 'Łukasz Ștefan',
    coverages: [{ contract, effectiveDate: '2025-01-01' }],
  });
});

/** A radiation of the member (one open at a time: each test's is cancelled before the next). */
async function radiation(over: Partial<Parameters<typeof createRadiation>[1]>) {
  const r = await createRadiation(t.ctx.db, {
    member,
    createdBy: admin,
    motif: 'rupture_conventionnelle',
    contractEndDate: '2026-08-03',
    contactEmail: `salarie${++seq}@exemple.fr`,
    status: 'cancelled',
    ...over,
  });
  return r;
}

const textOf = async (radiationId: string) =>
  (await extractPdfText((await radiationNoticePdf(t.ctx, t.ctx.db, radiationId)).bytes)).join(' ');

describe('the notice of the end of the group cover', () => {
  it('prints every name and the portability dates in French format', async () => {
    // 2025-12-29 → 2026-08-03: 7 months and 6 days, rounded up to 8; from 04/08 to 03/04.
    const r = await radiation({ periods: [{ start: '2025-12-29', end: '2026-08-03' }] });
    const text = await textOf(r.id);
    expect(text).toContain('Łukasz Ștefan Nguyễn-Wójcik');
    expect(text).not.toMatch(/\?ukasz|\?tefan|Nguy\?n/);
    expect(text).toContain('du 04/08/2026 au 03/04/2027 (8 mois)');
    expect(text).toContain('France Travail');
    expect(text).toContain('Alpha Immobilier');
  });

  it('offers the loi Évin continuation for a retirement, not for a resignation', async () => {
    const retired = await radiation({ motif: 'depart_retraite' });
    const retiredText = await textOf(retired.id);
    expect(retiredText).toContain('à titre individuel');
    expect(retiredText).toContain('loi Évin');
    expect(retiredText).toContain('dans les six mois, avant le 03/02/2027');
    expect(retiredText).toContain('ne s’applique pas : la rupture n’ouvre pas droit');

    const resigned = await radiation({ motif: 'demission' });
    const resignedText = await textOf(resigned.id);
    expect(resignedText).not.toContain('à titre individuel');
    expect(resignedText).not.toContain('loi Évin');
  });

  it('emails the notice with its PDF through the outbox when there is an email', async () => {
    const r = await radiation({ contactEmail: 'lukasz@exemple.fr' });
    expect(await sendRadiationNotice(t.ctx, r.id)).toBe('email');
    // Once: a second call (the catch-up job, a retry) sends nothing more.
    expect(await sendRadiationNotice(t.ctx, r.id)).toBe('already');
    expect(
      await t.ctx.db
        .selectFrom('outbox')
        .select('id')
        .where('recipient', '=', 'lukasz@exemple.fr')
        .execute(),
    ).toHaveLength(1);
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', 'lukasz@exemple.fr')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain('Fin de vos garanties santé collectives');
    expect(mail.body_text).toContain('Bonjour Łukasz Ștefan Nguyễn-Wójcik,');
    // One contract since 2025-01-01: 20 months, at most 12.
    expect(mail.body_text).toContain('du 04/08/2026 au 03/08/2027 (12 mois)');
    const attachments = await t.ctx.db
      .selectFrom('outbox_attachments')
      .selectAll()
      .where('outbox_id', '=', mail.id)
      .execute();
    expect(attachments.map((a) => a.file_name)).toEqual([
      'Notice-fin-des-garanties-Nguyễn-Wójcik-Łukasz Ștefan.pdf',
    ]);
    const pdf = await t.ctx.storage.read(attachments[0]!.storage_key);
    expect((await extractPdfText(pdf)).join(' ')).toContain('Łukasz Ștefan Nguyễn-Wójcik');
    const row = await t.ctx.db
      .selectFrom('radiations')
      .select('notice_sent_at')
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.notice_sent_at).toBe(t.clock.now().toISOString());
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', r.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['radiation.notice_sent']);
  });

  it('the catch-up job sends a notice left unsent a minute after its radiation, once', async () => {
    // As a process stopped between the radiation's commit and its notice leaves it.
    const r = await radiation({
      contactEmail: 'reprise@exemple.fr',
      createdAt: t.clock.now().toISOString(),
      status: 'sent',
    });
    const now = t.clock.now();
    expect(await sendPendingNotices(t.ctx, now)).toBe(0); // too recent: its request may send it
    expect(await sendPendingNotices(t.ctx, new Date(now.getTime() + 61_000))).toBe(1);
    expect(await sendPendingNotices(t.ctx, new Date(now.getTime() + 122_000))).toBe(0);
    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('recipient', '=', 'reprise@exemple.fr')
      .execute();
    expect(mails).toHaveLength(1);
    await t.ctx.db
      .updateTable('radiations')
      .set({ status: 'cancelled' })
      .where('id', '=', r.id)
      .execute();
  });

  it('leaves the notice to print when there is no email', async () => {
    const r = await radiation({ contactEmail: null, contactAddress: '3 rue Haute\n75011 Paris' });
    expect(await sendRadiationNotice(t.ctx, r.id)).toBe('print');
    const row = await t.ctx.db
      .selectFrom('radiations')
      .select('notice_sent_at')
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.notice_sent_at).toBeNull();
    expect(await textOf(r.id)).toContain('3 rue Haute 75011 Paris');
  });

  it('uses the insurer’s template when there is one', async () => {
    await t.ctx.db
      .insertInto('letter_templates')
      .values({
        kind: 'radiation_notice',
        subject: 'Votre départ de {{entreprise}}',
        body: 'Cher {{prenom}},\n\n{{portabilite}}\n\n{{evin}}\n\nSignature : {{assureur}}',
        updated_by: null,
        updated_at: '2026-03-01T00:00:00.000Z',
      })
      .execute();
    try {
      const r = await radiation({ motif: 'demission' });
      const text = await textOf(r.id);
      expect(text).toContain('Votre départ de Alpha Immobilier');
      expect(text).toContain('Cher Łukasz Ștefan,');
      expect(text).not.toContain('Bonjour');
    } finally {
      await t.ctx.db.deleteFrom('letter_templates').execute();
    }
  });
});

describe('composeNotice', () => {
  const branding = {
    brandName: 'Mutuelle Horizon',
    primaryColor: '#1d4f91',
    supportPhone: '01 23 45 67 89',
    supportHours: 'du lundi au vendredi',
  };
  const facts: NoticeFacts = {
    firstName: 'Inès',
    lastName: 'Durand',
    companyName: 'Beta',
    establishmentName: 'Siège',
    motif: 'licenciement_faute_lourde',
    contractEndDate: '2026-05-31',
    portability: { refusal: 'gross_misconduct' },
    evinDeadline: null,
    contactAddress: null,
  };

  it('says why there is no portability and drops the empty Évin paragraph', () => {
    const letter = composeNotice(DEFAULT_NOTICE_TEMPLATE, facts, branding, '2026-03-02');
    const texts = letter.parts.map((p) => (p.kind === 'paragraph' ? p.text : p.items.join('|')));
    expect(texts).toContain(
      'Le maintien de vos garanties au titre de la portabilité (article L911-8 du Code de la sécurité sociale) ne s’applique pas : licenciement pour faute lourde.',
    );
    expect(texts.some((t) => t === '' || t.includes('{{'))).toBe(false);
    expect(texts.join(' ')).toContain('au 01 23 45 67 89');
  });

  it('lists the unknown placeholders of a text', () => {
    expect(unknownPlaceholders('{{prenom}} {{ nom }} {{adresse}} {{adresse}} {{Nom}}')).toEqual([
      'adresse',
      'Nom',
    ]);
  });
});
