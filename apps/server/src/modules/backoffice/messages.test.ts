import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from '@affilia/shared/schemas/messages';
import { browser, buildTestApp, signInAs, type Browser, type TestApp } from '../../../test/helper';
import { createCompany, createEmployerUser, createStaffUser } from '../../../test/factories';
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

    const assigned = await gestionnaire.post(`/api/backoffice/conversations/${created.id}/assign`, {
      staffUserId: staffId,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json<InboxItem>()).toMatchObject({ status: 'in_progress' });

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

    const detail = await employer.get(`/api/conversations/${created.id}`);
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
});
