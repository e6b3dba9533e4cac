import type { MemberChangeView } from '@affilia/shared/schemas/member-changes';
import type { MemberDetail } from '@affilia/shared/schemas/members';
import { beforeAll, describe, expect, it } from 'vitest';
import { employerWorld, type EmployerWorld } from '../../../test/employer-world';
import { createContract, createMember, createStaffUser } from '../../../test/factories';
import { browser, signInAs, useTestApp, type Browser } from '../../../test/helper';
import { postMultipart } from '../../../test/multipart';
import { extractPdfText } from '../../../test/pdf-text';
import { smallPdf } from '../enrolment/test-support';

/*
 * The changes of a member (issue 20). Today is 2026-03-02 on the test clock. The company has a
 * « non cadre » and a « cadre » contract; its members are covered by the first since 2025-01-01
 * (Lyon) unless said otherwise.
 */
const t = useTestApp();
let w: EmployerWorld;
let staff: Browser;
let nonCadre: { id: string };
let cadre: { id: string };
let nir = 0;

beforeAll(async () => {
  w = await employerWorld(t, { name: 'Oméga Services', ip: 80, restrictedTo: 'paris' });
  nonCadre = await createContract(t.ctx.db, w.company, { staffCategory: 'non_cadre' });
  cadre = await createContract(t.ctx.db, w.company, { staffCategory: 'cadre' });
  staff = browser(t.app, { ip: '192.0.2.90' });
  await signInAs(staff, t.ctx, await createStaffUser(t.ctx.db), 'backoffice');
});

async function member(lastName: string, from = '2025-01-01') {
  return createMember(t.ctx.db, t.ctx.cipher, {
    establishment: w.lyon,
    nir13: `1850175${String(++nir).padStart(6, '0')}`,
    lastName,
    professionalStatus: 'non_cadre',
    coverages: [{ contract: nonCadre, effectiveDate: from }],
  });
}
const declare = (b: Browser, memberId: string, body: unknown) =>
  b.post(`/api/members/${memberId}/changes`, body);
const detail = async (memberId: string) =>
  (await w.admin.get(`/api/members/${memberId}`)).json<MemberDetail>();
const coverages = async (memberId: string) =>
  (await detail(memberId)).coverages
    .map((c) => [c.contract.id, c.optionCode, c.effectiveDate, c.endDate])
    .sort((a, b) => String(a[2]).localeCompare(String(b[2])));

describe('a change of statut professionnel', () => {
  it('is sent to the insurer, then validated: the new collège’s contract from the date, the history kept', async () => {
    const m = await member('Statut');
    const res = await declare(w.admin, m.id, {
      kind: 'professional_status',
      effectiveDate: '01/04/2026',
      professionalStatus: 'cadre',
    });
    expect(res.statusCode, res.body).toBe(201);
    const change = res.json<MemberChangeView>();
    expect(change).toMatchObject({
      status: 'sent',
      effectiveDate: '2026-04-01',
      details: {
        kind: 'professional_status',
        from: 'non_cadre',
        to: 'cadre',
        toContractId: cadre.id,
        toContractLabel: expect.any(String) as string,
      },
    });
    // Nothing changes before the insurer validates.
    expect((await detail(m.id)).professionalStatus).toBe('non_cadre');

    const queue = (await staff.get('/api/backoffice/member-changes')).json<{
      items: MemberChangeView[];
    }>();
    expect(queue.items.map((c) => c.id)).toContain(change.id);
    expect(
      (await staff.post(`/api/backoffice/member-changes/${change.id}/validate`)).statusCode,
    ).toBe(204);

    expect((await detail(m.id)).professionalStatus).toBe('cadre');
    expect(await coverages(m.id)).toEqual([
      [nonCadre.id, 'base', '2025-01-01', '2026-03-31'],
      [cadre.id, 'base', '2026-04-01', null],
    ]);
    const notified = await t.ctx.db
      .selectFrom('notifications')
      .select(['title', 'link'])
      .where('user_id', '=', w.adminUser.id)
      .where('type', '=', 'member_change_decided')
      .execute();
    expect(notified).toContainEqual({
      title: 'Changement de statut professionnel de Alex Statut : validé par l’assureur',
      link: `/salaries/${m.id}`,
    });
    // Decided once: a second decision is refused.
    expect(
      (await staff.post(`/api/backoffice/member-changes/${change.id}/validate`)).statusCode,
    ).toBe(409);
  });

  it('refuses the status the member already has, next to the field', async () => {
    const m = await member('Meme');
    const res = await declare(w.admin, m.id, {
      kind: 'professional_status',
      effectiveDate: '2026-04-01',
      professionalStatus: 'non_cadre',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { fields: { professionalStatus: expect.any(String) as string } },
    });
  });
});

describe('a change of option', () => {
  it('takes effect on the 1st of a month, splitting the coverage', async () => {
    const m = await member('Option');
    const mid = await declare(w.admin, m.id, {
      kind: 'option',
      effectiveDate: '2026-04-15',
      optionCode: 'option1',
    });
    expect(mid.statusCode).toBe(400);
    expect(mid.json()).toMatchObject({
      error: { fields: { effectiveDate: 'Un changement d’option prend effet le 1er d’un mois.' } },
    });
    const res = await declare(w.admin, m.id, {
      kind: 'option',
      effectiveDate: '2026-04-01',
      optionCode: 'option1',
    });
    expect(res.statusCode, res.body).toBe(201);
    // The options' labels kept with the change, for the queue.
    expect(res.json<MemberChangeView>().details).toMatchObject({
      fromLabel: 'Base obligatoire',
      toLabel: 'Option 1 facultative',
    });
    const id = res.json<MemberChangeView>().id;
    expect((await staff.post(`/api/backoffice/member-changes/${id}/validate`)).statusCode).toBe(
      204,
    );
    expect(await coverages(m.id)).toEqual([
      [nonCadre.id, 'base', '2025-01-01', '2026-03-31'],
      [nonCadre.id, 'option1', '2026-04-01', null],
    ]);
  });

  it('says from when a change made too soon is possible (12 months by default)', async () => {
    const m = await member('Tot', '2025-10-01');
    const res = await declare(w.admin, m.id, {
      kind: 'option',
      effectiveDate: '2026-04-01',
      optionCode: 'option1',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        fields: {
          effectiveDate:
            'Le contrat ne permet pas encore de changer d’option. Prochaine date possible : 01/10/2026.',
        },
      },
    });
  });
});

describe('a change of establishment', () => {
  it('moves the member within the company; another company’s establishment is refused', async () => {
    const m = await member('Mutation');
    const other = await declare(w.admin, m.id, {
      kind: 'establishment',
      effectiveDate: '2026-04-01',
      establishmentId: w.otherEstablishment.id,
    });
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({
      error: { fields: { establishmentId: expect.stringContaining('radiez') as string } },
    });
    const res = await declare(w.admin, m.id, {
      kind: 'establishment',
      effectiveDate: '2026-04-01',
      establishmentId: w.paris.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<MemberChangeView>().details).toMatchObject({
      fromEstablishmentName: w.lyon.name,
      toEstablishmentName: w.paris.name,
    });
    const id = res.json<MemberChangeView>().id;
    expect((await staff.post(`/api/backoffice/member-changes/${id}/validate`)).statusCode).toBe(
      204,
    );
    expect((await detail(m.id)).establishment.id).toBe(w.paris.id);
    // Now in Paris: the user restricted to Paris sees them.
    expect((await w.restricted.get(`/api/members/${m.id}`)).statusCode).toBe(200);
  });
});

const child = {
  kind: 'beneficiary',
  change: {
    action: 'add',
    event: 'birth',
    eventDate: '2026-02-20',
    lastName: 'Nguyễn',
    firstName: 'Łucja',
    birthDate: '2026-02-20',
  },
};

describe('a beneficiary added', () => {
  it('needs the proof the event asks for', async () => {
    const m = await member('Preuve');
    const res = await declare(w.admin, m.id, child);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: {
        code: 'proof_required',
        fields: { proof: 'Joignez : Acte de naissance ou copie du livret de famille' },
      },
    });
  });

  it('with the birth certificate: validated, the member’s page and the certificate name the child', async () => {
    const m = await member('Famille');
    const res = await postMultipart(
      w.admin,
      `/api/members/${m.id}/changes`,
      { data: JSON.stringify(child) },
      [{ field: 'proof', name: 'acte-de-naissance.pdf', bytes: await smallPdf() }],
    );
    expect(res.statusCode, res.body).toBe(201);
    const change = res.json<MemberChangeView>();
    // Declared within 90 days: covered from the birth.
    expect(change).toMatchObject({
      effectiveDate: '2026-02-20',
      proofs: [{ fileName: 'acte-de-naissance.pdf' }],
    });
    const proof = await staff.get(
      `/api/backoffice/member-changes/${change.id}/files/${change.proofs[0]!.id}`,
    );
    expect(proof.statusCode).toBe(200);
    expect(proof.headers['content-disposition']).toContain('attachment');

    expect(
      (await staff.post(`/api/backoffice/member-changes/${change.id}/validate`)).statusCode,
    ).toBe(204);
    expect((await detail(m.id)).beneficiaries).toEqual([
      expect.objectContaining({
        type: 'child',
        lastName: 'Nguyễn',
        firstName: 'Łucja',
        startDate: '2026-02-20',
      }),
    ]);
    const pdf = await w.admin.get(`/api/members/${m.id}/certificates/affiliation`);
    expect((await extractPdfText(pdf.rawPayload)).join('\n')).toContain('Nguyễn Łucja');
  });

  it('then removed at the end of the month of the event', async () => {
    const m = await member('Retrait');
    const added = await postMultipart(
      w.admin,
      `/api/members/${m.id}/changes`,
      { data: JSON.stringify(child) },
      [{ field: 'proof', name: 'acte.pdf', bytes: await smallPdf() }],
    );
    await staff.post(
      `/api/backoffice/member-changes/${added.json<MemberChangeView>().id}/validate`,
    );
    const beneficiaryId = (await detail(m.id)).beneficiaries[0]!.id;
    const res = await declare(w.admin, m.id, {
      kind: 'beneficiary',
      change: { action: 'remove', beneficiaryId, reason: 'other_cover', eventDate: '2026-03-01' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<MemberChangeView>().effectiveDate).toBe('2026-03-31');
    await staff.post(`/api/backoffice/member-changes/${res.json<MemberChangeView>().id}/validate`);
    expect((await detail(m.id)).beneficiaries).toEqual([
      expect.objectContaining({ firstName: 'Łucja', endDate: '2026-03-31' }),
    ]);
  });
});

describe('the life of a change', () => {
  it('one of a kind at a time; returned with a reason, then cancelled by the employer', async () => {
    const m = await member('Retour');
    const body = { kind: 'option', effectiveDate: '2026-04-01', optionCode: 'option1' };
    const first = await declare(w.admin, m.id, body);
    expect(first.statusCode).toBe(201);
    const again = await declare(w.admin, m.id, body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'member_change_pending' } });

    const id = first.json<MemberChangeView>().id;
    const pending = async () =>
      (await w.admin.get('/api/dashboard')).json<{ pending: Record<string, number> }>().pending;
    const before = await pending();
    expect(before.changesWaitingForInsurer).toBeGreaterThanOrEqual(1);
    expect(
      (await staff.post(`/api/backoffice/member-changes/${id}/return`, { reason: '' })).statusCode,
    ).toBe(400);
    const returned = await staff.post(`/api/backoffice/member-changes/${id}/return`, {
      reason: 'Le contrat ne prévoit pas cette option pour ce salarié.',
    });
    expect(returned.statusCode).toBe(204);
    // The home page's « À traiter »: one less for the insurer, one more to correct.
    expect(await pending()).toMatchObject({
      changesWaitingForInsurer: before.changesWaitingForInsurer! - 1,
      changesReturned: before.changesReturned! + 1,
    });
    const listed = (await w.admin.get(`/api/members/${m.id}/changes`)).json<{
      items: MemberChangeView[];
    }>();
    expect(listed.items[0]).toMatchObject({
      status: 'returned',
      returnReason: 'Le contrat ne prévoit pas cette option pour ce salarié.',
    });
    expect(await coverages(m.id)).toEqual([[nonCadre.id, 'base', '2025-01-01', null]]);

    expect((await w.admin.post(`/api/member-changes/${id}/cancel`)).statusCode).toBe(204);
    expect((await w.admin.post(`/api/member-changes/${id}/cancel`)).statusCode).toBe(409);
    expect((await declare(w.admin, m.id, body)).statusCode).toBe(201);
  });

  it('« Corriger et renvoyer »: the returned change goes back to the insurer corrected, its history and proof kept', async () => {
    const m = await member('Renvoi');
    const added = await postMultipart(
      w.admin,
      `/api/members/${m.id}/changes`,
      { data: JSON.stringify(child) },
      [{ field: 'proof', name: 'acte.pdf', bytes: await smallPdf() }],
    );
    const id = added.json<MemberChangeView>().id;
    const resend = (b: Browser, body: unknown) => b.post(`/api/member-changes/${id}/resend`, body);
    const corrected = {
      ...child,
      change: {
        ...child.change,
        firstName: 'Lucja',
        birthDate: '2026-02-19',
        eventDate: '2026-02-19',
      },
    };
    // Only once returned.
    const early = await resend(w.admin, corrected);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'invalid_transition' } });
    await staff.post(`/api/backoffice/member-changes/${id}/return`, {
      reason: 'Le prénom ne correspond pas à l’acte de naissance.',
    });
    // Outside the perimeter: 404, nothing changed; another kind: refused.
    expect((await resend(w.other, corrected)).statusCode).toBe(404);
    expect((await resend(w.restricted, corrected)).statusCode).toBe(404);
    const otherKind = await resend(w.admin, {
      kind: 'option',
      effectiveDate: '2026-04-01',
      optionCode: 'option1',
    });
    expect(otherKind.statusCode).toBe(400);

    // The proof already given is kept: no need to send it again.
    const res = await resend(w.admin, corrected);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<MemberChangeView>()).toMatchObject({
      id,
      status: 'sent',
      effectiveDate: '2026-02-19',
      returnReason: null,
      details: { firstName: 'Lucja', birthDate: '2026-02-19' },
      proofs: [{ fileName: 'acte.pdf' }],
    });
    const history = await t.ctx.db
      .selectFrom('member_change_status_history')
      .select(['from_status', 'to_status', 'reason'])
      .where('member_change_id', '=', id)
      .execute();
    // The test clock stands still: the three moves, in any order.
    expect(history.map((h) => `${h.from_status ?? '∅'} → ${h.to_status}`).sort()).toEqual([
      'returned → sent',
      'sent → returned',
      '∅ → sent',
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('member_change.resent');
    // Sent again: once; then the insurer validates the corrected values.
    expect((await resend(w.admin, corrected)).statusCode).toBe(409);
    expect((await staff.post(`/api/backoffice/member-changes/${id}/validate`)).statusCode).toBe(
      204,
    );
    expect((await detail(m.id)).beneficiaries).toEqual([
      expect.objectContaining({ firstName: 'Lucja', birthDate: '2026-02-19' }),
    ]);
  });

  it('answers 404 outside the perimeter, and the queue is the insurer’s only', async () => {
    const m = await member('Perimetre');
    const body = { kind: 'option', effectiveDate: '2026-04-01', optionCode: 'option1' };
    expect((await declare(w.other, m.id, body)).statusCode).toBe(404);
    expect((await declare(w.restricted, m.id, body)).statusCode).toBe(404);
    expect((await w.restricted.get(`/api/members/${m.id}/changes`)).statusCode).toBe(404);
    const id = (await declare(w.admin, m.id, body)).json<MemberChangeView>().id;
    expect((await w.other.get(`/api/member-changes/${id}`)).statusCode).toBe(404);
    expect((await w.other.post(`/api/member-changes/${id}/cancel`)).statusCode).toBe(404);
    expect((await w.admin.get('/api/backoffice/member-changes')).statusCode).toBe(403);
    expect((await w.admin.post(`/api/backoffice/member-changes/${id}/validate`)).statusCode).toBe(
      403,
    );
  });
});
