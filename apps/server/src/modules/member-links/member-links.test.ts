import type { MemberChangeView } from '@affilia/shared/schemas/member-changes';
import type { MemberLinkPage, MemberLinkView } from '@affilia/shared/schemas/member-links';
import type { RequestPage } from '@affilia/shared/schemas/radiations';
import { beforeAll, describe, expect, it } from 'vitest';
import { employerWorld, type EmployerWorld } from '../../../test/employer-world';
import { createMember, createStaffUser } from '../../../test/factories';
import {
  auditActions,
  browser,
  errorOf,
  lastLinkSentTo,
  lastMessageTo,
  signInAs,
  useTestApp,
  type Browser,
} from '../../../test/helper';
import { postMultipart } from '../../../test/multipart';
import { smallPdf } from '../enrolment/test-support';
import { MEMBER_LINK_COOKIE } from './member-link-access';

/*
 * The employee's beneficiaries link (issue 20). Today is 2026-03-02 on the test clock; the
 * members of the factory are born on 1985-06-15, covered since 2025-01-01 (Lyon) unless said
 * otherwise; the insurer's links last 30 days.
 */
const t = useTestApp();
let w: EmployerWorld;
let staff: Browser;
let nir = 0;
let ip = 0;

beforeAll(async () => {
  w = await employerWorld(t, { name: 'Sigma Conseil', ip: 110, restrictedTo: 'paris' });
  staff = browser(t.app, { ip: '192.0.2.120' });
  await signInAs(staff, t.ctx, await createStaffUser(t.ctx.db), 'backoffice');
});

async function member(lastName: string, opts: { covered?: boolean } = {}) {
  return createMember(t.ctx.db, t.ctx.cipher, {
    establishment: w.lyon,
    nir13: `1850175${String(700 + ++nir).padStart(6, '0')}`,
    lastName,
    coverages:
      opts.covered === false ? [] : [{ contract: w.contract, effectiveDate: '2025-01-01' }],
  });
}
const linkUrl = (memberId: string) => `/api/members/${memberId}/employee-link`;
/** A browser of its own (its own address: the per-address limit of link tries). */
const employee = () => browser(t.app, { ip: `198.51.100.${++ip}` });

/** Sends a link to `email` and returns its token, read from the email in the outbox. */
async function sendLink(memberId: string, email: string) {
  // A minute apart: the newest email is the one this call sent.
  t.clock.advance(60_000);
  const res = await w.admin.post(linkUrl(memberId), { email });
  expect(res.statusCode, res.body).toBe(201);
  const url = await lastLinkSentTo(t.ctx, email.toLowerCase());
  return { link: res.json<MemberLinkView>(), token: url.split('/beneficiaires/')[1]! };
}
async function unlocked(token: string) {
  const b = employee();
  const res = await b.post(`/api/member-link/${token}/unlock`, { birthDate: '15/06/1985' });
  expect(res.statusCode, res.body).toBe(200);
  return b;
}
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

describe('« Envoyer un lien au salarié »', () => {
  it('emails a link valid 30 days, audited; the member’s page shows it; a new one kills the previous', async () => {
    const m = await member('Lien');
    const { link, token } = await sendLink(m.id, 'Salarie.Lien@Example.test');
    expect(link).toMatchObject({
      email: 'salarie.lien@example.test',
      state: 'active',
      expiresAt: expect.stringMatching(/^2026-04-01T09:/) as string,
      revokedAt: null,
    });
    const mail = await lastMessageTo(t.ctx, 'salarie.lien@example.test', 'email');
    expect(mail).toMatchObject({ template: 'member_link' });
    expect(mail?.body_text).toContain('Bonjour Alex,');
    expect(mail?.body_text).toContain('jusqu’au 01/04/2026');
    expect(mail?.body_html).toContain('Déclarer un changement');
    // Only the token's hash is stored.
    const rows = await t.ctx.db.selectFrom('member_links').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await auditActions(t.ctx, { target: link.id })).toEqual(['member_link.sent']);

    const shown = await w.admin.get(linkUrl(m.id));
    expect(shown.json()).toEqual({ link });

    const again = await sendLink(m.id, 'salarie.lien@example.test');
    expect((await employee().get(`/api/member-link/${token}/check`)).statusCode).toBe(410);
    expect((await employee().get(`/api/member-link/${again.token}/check`)).json()).toEqual({
      valid: true,
      unlocked: false,
    });
  });

  it('answers 404 for a member outside the perimeter, and refuses a member without a coverage', async () => {
    const m = await member('Perimetre');
    for (const b of [w.other, w.restricted]) {
      expect((await b.post(linkUrl(m.id), { email: 'x@example.test' })).statusCode).toBe(404);
      expect((await b.get(linkUrl(m.id))).statusCode).toBe(404);
      expect((await b.delete(linkUrl(m.id))).statusCode).toBe(404);
    }
    const bad = await w.admin.post(linkUrl(m.id), { email: 'pas-une-adresse' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).fields?.email).toBe('Saisissez une adresse e-mail valide');
    const uncovered = await member('Sans', { covered: false });
    const res = await w.admin.post(linkUrl(uncovered.id), { email: 'sans@example.test' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).code).toBe('member_not_covered');
  });

  it('is revoked by the employer: 410 for the employee, audited', async () => {
    const m = await member('Revoque');
    const { link, token } = await sendLink(m.id, 'revoque@example.test');
    const b = await unlocked(token);
    expect((await w.admin.delete(linkUrl(m.id))).statusCode).toBe(204);
    expect((await w.admin.get(linkUrl(m.id))).json()).toMatchObject({
      link: { state: 'revoked' },
    });
    const res = await b.get(`/api/member-link/${token}`);
    expect(res.statusCode).toBe(410);
    expect(errorOf(res).code).toBe('member_link_expired');
    expect((await w.admin.delete(linkUrl(m.id))).statusCode).toBe(409);
    expect(await auditActions(t.ctx, { target: link.id })).toEqual([
      'member_link.sent',
      'member_link.revoked',
    ]);
  });
});

describe('the employee’s link', () => {
  it('locks after 5 wrong birth dates, then opens with the right one', async () => {
    const m = await member('Essais');
    const { token } = await sendLink(m.id, 'essais@example.test');
    const b = employee();
    const url = `/api/member-link/${token}/unlock`;
    for (let i = 1; i <= 4; i++) {
      const res = await b.post(url, { birthDate: '1985-06-16' });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res)).toMatchObject({
        code: 'birth_date_mismatch',
        fields: { birthDate: 'La date de naissance ne correspond pas' },
      });
    }
    const fifth = await b.post(url, { birthDate: '1985-06-16' });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.headers['retry-after']).toBe('900');
    expect((await b.post(url, { birthDate: '1985-06-15' })).statusCode).toBe(429);
    expect(b.jar.get(MEMBER_LINK_COOKIE)).toBeUndefined();
    expect((await b.get(`/api/member-link/${token}`)).statusCode).toBe(401);

    t.clock.advance(15 * 60_000 + 1000);
    const open = await b.post(url, { birthDate: '15/06/1985' });
    expect(open.statusCode).toBe(200);
    expect(open.json<MemberLinkPage>()).toMatchObject({
      member: { firstName: 'Alex', lastName: 'Essais' },
      companyName: 'Sigma Conseil',
      beneficiaries: [],
      pending: [],
    });
    expect((await b.get(`/api/member-link/${token}/check`)).json()).toEqual({
      valid: true,
      unlocked: true,
    });
    expect((await b.get(`/api/member-link/${token}`)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown token and 410 once expired', async () => {
    expect(
      (await employee().get('/api/member-link/inconnu-inconnu-inconnu-1/check')).json(),
    ).toMatchObject({
      error: { code: 'member_link_invalid' },
    });
    const m = await member('Expire');
    const { token } = await sendLink(m.id, 'expire@example.test');
    const b = await unlocked(token);
    // Past its 30 days (the clock stays: the employer's session would end too).
    await t.ctx.db
      .updateTable('member_links')
      .set({ expires_at: '2026-03-01T00:00:00.000Z' })
      .where('member_id', '=', m.id)
      .execute();
    for (const res of [
      await b.get(`/api/member-link/${token}/check`),
      await b.get(`/api/member-link/${token}`),
      await b.post(`/api/member-link/${token}/unlock`, { birthDate: '1985-06-15' }),
    ]) {
      expect(res.statusCode).toBe(410);
      expect(errorOf(res).code).toBe('member_link_expired');
    }
    expect((await w.admin.get(linkUrl(m.id))).json()).toMatchObject({ link: { state: 'expired' } });
  });

  it('declares a child with its birth certificate: the same change, seen by the employer, in « Suivi » and by the back office', async () => {
    const m = await member('Naissance');
    const { token } = await sendLink(m.id, 'naissance@example.test');
    const b = await unlocked(token);
    // Without the session: asked for the birth date again.
    expect(
      (
        await postMultipart(
          employee(),
          `/api/member-link/${token}/changes`,
          { data: JSON.stringify(child) },
          [{ field: 'proof', name: 'acte.pdf', bytes: await smallPdf() }],
        )
      ).statusCode,
    ).toBe(401);
    // The proof the event asks for, as for the employer.
    const noProof = await b.post(`/api/member-link/${token}/changes`, child);
    expect(noProof.statusCode).toBe(400);
    expect(errorOf(noProof)).toMatchObject({
      code: 'proof_required',
      fields: { proof: 'Joignez : Acte de naissance ou copie du livret de famille' },
    });

    const res = await postMultipart(
      b,
      `/api/member-link/${token}/changes`,
      { data: JSON.stringify(child) },
      [{ field: 'proof', name: 'acte-de-naissance.pdf', bytes: await smallPdf() }],
    );
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: string }>();

    const changes = (await w.admin.get(`/api/members/${m.id}/changes`)).json<{
      items: MemberChangeView[];
    }>().items;
    expect(changes).toEqual([
      expect.objectContaining({
        id,
        kind: 'beneficiary',
        status: 'sent',
        declaredBy: 'employee',
        effectiveDate: '2026-02-20',
        details: expect.objectContaining({ action: 'add', firstName: 'Łucja', type: 'child' }),
        proofs: [expect.objectContaining({ fileName: 'acte-de-naissance.pdf' })],
      }),
    ]);
    const row = await t.ctx.db
      .selectFrom('member_changes')
      .select(['created_by_kind', 'created_by_user_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ created_by_kind: 'employee', created_by_user_id: null });
    const history = await t.ctx.db
      .selectFrom('member_change_status_history')
      .select(['to_status', 'actor_kind'])
      .where('member_change_id', '=', id)
      .execute();
    expect(history).toEqual([{ to_status: 'sent', actor_kind: 'employee' }]);

    // Those who manage the member are told, in the app and by email.
    const told = await t.ctx.db
      .selectFrom('notifications')
      .select(['title', 'link'])
      .where('user_id', '=', w.adminUser.id)
      .where('type', '=', 'member_change_declared')
      .execute();
    expect(told).toContainEqual({
      title: 'Alex Naissance a déclaré un changement de ses bénéficiaires',
      link: `/salaries/${m.id}`,
    });

    const suivi = (await w.admin.get('/api/requests')).json<RequestPage>();
    expect(suivi.items.map((r) => r.id)).toContain(id);
    const queue = (await staff.get('/api/backoffice/member-changes')).json<{
      items: MemberChangeView[];
    }>();
    expect(queue.items.map((c) => c.id)).toContain(id);

    // The page says it waits; a second one waits for the insurer.
    const page = (await b.get(`/api/member-link/${token}`)).json<MemberLinkPage>();
    expect(page.pending).toEqual([
      expect.objectContaining({ id, status: 'sent', action: 'add', firstName: 'Łucja' }),
    ]);
    const second = await postMultipart(
      b,
      `/api/member-link/${token}/changes`,
      { data: JSON.stringify(child) },
      [{ field: 'proof', name: 'acte.pdf', bytes: await smallPdf() }],
    );
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).code).toBe('member_change_pending');
    expect((await w.admin.get(linkUrl(m.id))).json()).toMatchObject({
      link: { lastUsedAt: expect.any(String) as string },
    });

    // Validated: the employee's page lists the child.
    expect((await staff.post(`/api/backoffice/member-changes/${id}/validate`)).statusCode).toBe(
      204,
    );
    const after = (await b.get(`/api/member-link/${token}`)).json<MemberLinkPage>();
    expect(after.beneficiaries).toEqual([
      expect.objectContaining({ firstName: 'Łucja', type: 'child', startDate: '2026-02-20' }),
    ]);
    expect(after.pending).toEqual([]);
  });

  it('cannot touch another member: another member’s beneficiary, another kind of change', async () => {
    const other = await member('Voisin');
    const added = await postMultipart(
      w.admin,
      `/api/members/${other.id}/changes`,
      { data: JSON.stringify(child) },
      [{ field: 'proof', name: 'acte.pdf', bytes: await smallPdf() }],
    );
    await staff.post(
      `/api/backoffice/member-changes/${added.json<MemberChangeView>().id}/validate`,
    );
    const theirs = (await w.admin.get(`/api/members/${other.id}`)).json<{
      beneficiaries: { id: string }[];
    }>().beneficiaries[0]!.id;

    const m = await member('Curieux');
    const { token } = await sendLink(m.id, 'curieux@example.test');
    const b = await unlocked(token);
    const remove = await b.post(`/api/member-link/${token}/changes`, {
      kind: 'beneficiary',
      change: {
        action: 'remove',
        beneficiaryId: theirs,
        reason: 'other_cover',
        eventDate: '2026-03-01',
      },
    });
    expect(remove.statusCode).toBe(400);
    expect(errorOf(remove).fields?.['change.beneficiaryId']).toBe(
      'Ce bénéficiaire n’est pas couvert avec ce salarié.',
    );
    const option = await b.post(`/api/member-link/${token}/changes`, {
      kind: 'option',
      effectiveDate: '2026-04-01',
      optionCode: 'option1',
    });
    expect(option.statusCode).toBe(400);
    // The session of one link opens no other.
    expect(
      (await b.get(`/api/member-link/${(await sendLink(other.id, 'voisin@example.test')).token}`))
        .statusCode,
    ).toBe(401);
    const untouched = await t.ctx.db
      .selectFrom('member_changes')
      .select('id')
      .where('member_id', 'in', [m.id])
      .execute();
    expect(untouched).toEqual([]);
  });
});
