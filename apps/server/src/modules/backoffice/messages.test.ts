import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '@affilia/shared/schemas/messages';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import { createCompany, createEmployerUser, createStaffUser } from '../../../test/factories';
import type { ApiErrorBody } from '../../lib/errors';
import { sendMessageForm } from '../messages/test-support';
import { smallPdf } from '../enrolment/test-support';
import type { InboxItem } from './messages.service';

describe('the insurer’s inbox (/api/backoffice/conversations)', () => {
  let t: TestApp;
  let employer: Browser;
  let gestionnaire: Browser;
  let companyId: string;
  let employerIds: string[];
  let staffId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.ctx.db;
    const company = await createCompany(db, { name: 'Alpha Immobilier' });
    const other = await createCompany(db, { name: 'Bêta Gestion' });
    companyId = company.id;
    const admin = await createEmployerUser(db, [{ company, role: 'admin' }]);
    const user = await createEmployerUser(db, [{ company, role: 'user' }]);
    await createEmployerUser(db, [{ company: other, role: 'admin' }]);
    employerIds = [admin.id, user.id];
    const staffUser = await createStaffUser(db);
    staffId = staffUser.id;
    employer = browser(t.app, { ip: '203.0.113.31' });
    gestionnaire = browser(t.app, { ip: '203.0.113.32' });
    await signInAs(employer, t.ctx, admin);
    await signInAs(gestionnaire, t.ctx, staffUser, 'backoffice');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('filters, assigns, replies (→ answered, unread, notification), closes', async () => {
    const created = (
      await sendMessageForm(employer, '/api/conversations', {
        category: 'employees',
        subject: 'employee_termination',
        companyId,
        text: '<b>Radiation</b> de M. Durand',
      })
    ).json<ConversationSummary>();

    const inbox = async (query: string) =>
      (await gestionnaire.get(`/api/backoffice/conversations${query}`)).json<{
        items: InboxItem[];
      }>().items;
    expect((await inbox('?category=employees&status=sent')).map((c) => c.id)).toEqual([created.id]);
    expect(await inbox('?category=contract')).toEqual([]);
    expect(await inbox(`?companyId=${companyId}&olderThanDays=3`)).toEqual([]);
    const fourDaysAgo = new Date(t.clock.now().getTime() - 4 * 86_400_000).toISOString();
    await t.ctx.db
      .updateTable('conversations')
      .set({ last_message_at: fourDaysAgo })
      .where('id', '=', created.id)
      .execute();
    expect((await inbox('?olderThanDays=3')).map((c) => c.id)).toEqual([created.id]);

    // Without a body: assigned to the caller.
    const assigned = await gestionnaire.post(`/api/backoffice/conversations/${created.id}/assign`);
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json<InboxItem>()).toMatchObject({
      status: 'in_progress',
      assignedStaff: { id: staffId },
    });

    t.clock.advance(60_000);
    const reply = await sendMessageForm(
      gestionnaire,
      `/api/backoffice/conversations/${created.id}/reply`,
      { text: 'C’est noté <script>x</script>' },
      [{ name: 'attestation.pdf', bytes: await smallPdf() }],
    );
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json<InboxItem>().status).toBe('answered');

    const mine = (await employer.get('/api/conversations'))
      .json<{ items: ConversationSummary[] }>()
      .items.find((c) => c.id === created.id);
    expect(mine).toMatchObject({ status: 'answered', unread: 1 });
    const notifications = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'type', 'link'])
      .where('type', '=', 'insurer_replied')
      .execute();
    expect(notifications.map((n) => n.user_id).sort()).toEqual([...employerIds].sort());
    expect(notifications[0]!.link).toBe(`/messages/${created.id}`);

    const unread = async () =>
      (await employer.get('/api/notifications/unread-count')).json<{ count: number }>().count;
    expect(await unread()).toBe(1);
    const detail = await employer.get(`/api/conversations/${created.id}`);
    // Showing the conversation changes nothing; reading it (POST …/read) reads its notification
    // (the other user's stays unread).
    expect(await unread()).toBe(1);
    expect((await employer.post(`/api/conversations/${created.id}/read`)).statusCode).toBe(204);
    expect(await unread()).toBe(0);
    const stillUnread = await t.ctx.db
      .selectFrom('notifications')
      .select('user_id')
      .where('type', '=', 'insurer_replied')
      .where('read_at', 'is', null)
      .execute();
    expect(stillUnread.map((n) => n.user_id)).toEqual([employerIds[1]]);
    const messages = detail.json<{ messages: { text: string; authorKind: string }[] }>().messages;
    expect(messages.map((m) => [m.authorKind, m.text])).toEqual([
      ['employer', '<b>Radiation</b> de M. Durand'],
      ['staff', 'C’est noté <script>x</script>'],
    ]);

    const closed = await gestionnaire.post(`/api/backoffice/conversations/${created.id}/close`);
    expect(closed.json<InboxItem>().status).toBe('closed');

    // An employer account is refused.
    expect((await employer.get('/api/backoffice/conversations')).statusCode).toBe(403);
  });

  it('shows a conversation without side effect; POST …/read marks it read for the insurer', async () => {
    const created = (
      await sendMessageForm(employer, '/api/conversations', {
        category: 'contract',
        subject: 'contributions_information',
        companyId,
        text: 'Lu ?',
      })
    ).json<ConversationSummary>();
    const staffUnread = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('conversations')
            .select('staff_unread')
            .where('id', '=', created.id)
            .executeTakeFirstOrThrow()
        ).staff_unread,
      );
    const shown = await gestionnaire.get(`/api/backoffice/conversations/${created.id}`);
    expect(shown.json<InboxItem>().unread).toBe(1);
    expect(await staffUnread()).toBe(1);
    const read = await gestionnaire.post(`/api/backoffice/conversations/${created.id}/read`);
    expect(read.statusCode).toBe(204);
    expect(await staffUnread()).toBe(0);
    expect(
      (await employer.post(`/api/backoffice/conversations/${created.id}/read`)).statusCode,
    ).toBe(403);
    expect(
      (await gestionnaire.post('/api/backoffice/conversations/inconnue/read')).statusCode,
    ).toBe(404);
  });

  it('names a reply’s attachment after the type of its bytes, for the employer’s download too', async () => {
    const created = (
      await sendMessageForm(employer, '/api/conversations', {
        category: 'contract',
        subject: 'contributions_information',
        companyId,
        text: 'Le tableau ?',
      })
    ).json<ConversationSummary>();
    const reply = await sendMessageForm(
      gestionnaire,
      `/api/backoffice/conversations/${created.id}/reply`,
      { text: 'Voici' },
      [
        { name: 'poly.html', bytes: await smallPdf(), type: 'text/html' },
        { name: 'a.pdf\u0000.html', bytes: await smallPdf() },
      ],
    );
    expect(reply.statusCode, reply.body).toBe(200);
    const detail = (await employer.get(`/api/conversations/${created.id}`)).json<{
      messages: { authorKind: string; attachments: { id: string; fileName: string }[] }[];
    }>();
    const files = detail.messages.find((m) => m.authorKind === 'staff')!.attachments;
    expect(files.map((f) => f.fileName)).toEqual(['poly.pdf', 'a.pdf']);
    for (const url of [
      `/api/conversations/${created.id}/attachments/${files[0]!.id}`,
      `/api/backoffice/conversations/${created.id}/attachments/${files[0]!.id}`,
    ]) {
      const b = url.startsWith('/api/backoffice') ? gestionnaire : employer;
      const res = await b.get(url);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="poly\.pdf";/);
    }
  });

  it('assigns to another active staff member; refuses anyone else with a French message', async () => {
    const created = (
      await sendMessageForm(employer, '/api/conversations', {
        category: 'contract',
        subject: 'contributions_information',
        companyId,
        text: 'Qui s’en occupe ?',
      })
    ).json<ConversationSummary>();
    const url = `/api/backoffice/conversations/${created.id}/assign`;
    const colleague = await createStaffUser(t.ctx.db, 'admin');
    const ok = await gestionnaire.post(url, { staffId: colleague.id });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<InboxItem>()).toMatchObject({
      status: 'in_progress',
      assignedStaff: { id: colleague.id, name: `${colleague.first_name} ${colleague.last_name}` },
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_kind'])
      .where('action', '=', 'conversation.assigned')
      .where('target_id', '=', created.id)
      .execute();
    expect(audit).toEqual([{ actor_user_id: staffId, actor_kind: 'staff' }]);

    const suspended = await createStaffUser(t.ctx.db, 'manager');
    await t.ctx.db
      .updateTable('users')
      .set({ status: 'suspended' })
      .where('id', '=', suspended.id)
      .execute();
    for (const id of [suspended.id, employerIds[0]!, 'inconnu']) {
      const res = await gestionnaire.post(url, { staffId: id });
      expect(res.statusCode).toBe(400);
      const error = res.json<ApiErrorBody>().error;
      expect(error.code).toBe('staff_not_assignable');
      expect(error.message).toMatch(/membre actif de l’équipe/);
    }
    const row = await t.ctx.db
      .selectFrom('conversations')
      .select('assigned_staff_id')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.assigned_staff_id).toBe(colleague.id);
    expect(
      (await gestionnaire.post('/api/backoffice/conversations/inconnue/assign', {})).statusCode,
    ).toBe(404);
  });

  it('refuses a reply with a 5th file, 3 MB + 1 byte or a disguised type: nothing written, nobody notified', async () => {
    const created = (
      await sendMessageForm(employer, '/api/conversations', {
        category: 'contract',
        subject: 'contributions_information',
        companyId,
        text: 'Échéancier ?',
      })
    ).json<ConversationSummary>();
    const pdf = await smallPdf();
    const count = async (table: 'messages' | 'stored_files' | 'notifications') =>
      Number(
        (
          await t.ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const snapshot = async () => {
      let files = 0;
      for await (const _key of t.ctx.storage.keys()) files += 1;
      return {
        messages: await count('messages'),
        storedFiles: await count('stored_files'),
        notifications: await count('notifications'),
        files,
      };
    };
    const before = await snapshot();
    const reply = (files: { name: string; bytes: Buffer; type?: string }[]) =>
      sendMessageForm(
        gestionnaire,
        `/api/backoffice/conversations/${created.id}/reply`,
        { text: 'Voici' },
        files,
      );
    const big = Buffer.concat([pdf, Buffer.alloc(3 * 1024 * 1024 + 1 - pdf.length, 0x20)]);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(64)]);
    const refused = [
      await reply(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.pdf`, bytes: pdf }))),
      await reply([
        { name: 'ok.pdf', bytes: pdf },
        { name: 'gros.pdf', bytes: big },
      ]),
      await reply([
        { name: 'ok.pdf', bytes: pdf },
        { name: 'setup.pdf', bytes: exe },
      ]),
    ];
    expect(refused.map((r) => [r.statusCode, r.json<ApiErrorBody>().error.code])).toEqual([
      [400, 'attachment_too_many_files'],
      [413, 'attachment_too_large'],
      [415, 'attachment_type_refused'],
    ]);
    expect(await snapshot()).toEqual(before);
    const row = await t.ctx.db
      .selectFrom('conversations')
      .select(['status', 'employer_unread'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'sent' });
    expect(Number(row.employer_unread)).toBe(0);
  });

  it('downloads an attachment only through its own conversation', async () => {
    const send = (files: { name: string; bytes: Buffer }[] = []) =>
      sendMessageForm(
        employer,
        '/api/conversations',
        { category: 'contract', subject: 'contributions_information', companyId, text: 'PJ' },
        files,
      ).then((r) => r.json<ConversationSummary>());
    const pdf = await smallPdf();
    const withFile = await send([{ name: 'piece.pdf', bytes: pdf }]);
    const other = await send();
    const detail = await gestionnaire.get(`/api/backoffice/conversations/${withFile.id}`);
    const fileId = detail.json<{ messages: { attachments: { id: string }[] }[] }>().messages[0]!
      .attachments[0]!.id;
    const ok = await gestionnaire.get(
      `/api/backoffice/conversations/${withFile.id}/attachments/${fileId}`,
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.rawPayload.equals(pdf)).toBe(true);
    expect(
      (await gestionnaire.get(`/api/backoffice/conversations/${other.id}/attachments/${fileId}`))
        .statusCode,
    ).toBe(404);
    expect((await gestionnaire.get('/api/backoffice/conversations/nope')).statusCode).toBe(404);
    expect(
      (await employer.get(`/api/backoffice/conversations/${withFile.id}/attachments/${fileId}`))
        .statusCode,
    ).toBe(403);
  });
});
