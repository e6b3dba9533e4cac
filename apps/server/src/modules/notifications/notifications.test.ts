import { beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createEmployerUser } from '../../../test/factories';
import { browser, useTestApp, signInAs, type Browser } from '../../../test/helper';
import { newId } from '../../lib/ids';
import { findOwn } from './notifications.repository';

describe('notifications API', () => {
  const t = useTestApp();
  let me: Browser;
  let myId: string;
  let otherId: string;

  async function notify(userId: string, title: string, minutesAgo: number, read = false) {
    const at = new Date(t.clock.now().getTime() - minutesAgo * 60_000).toISOString();
    const id = newId();
    await t.ctx.db
      .insertInto('notifications')
      .values({
        id,
        user_id: userId,
        type: 'new_document',
        title,
        body: `Corps ${title}`,
        link: '/documents',
        company_id: null,
        read_at: read ? at : null,
        created_at: at,
      })
      .execute();
    return id;
  }

  beforeAll(async () => {
    const company = await createCompany(t.ctx.db);
    const user = await createEmployerUser(t.ctx.db, [{ company, role: 'user' }]);
    const other = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
    myId = user.id;
    otherId = other.id;
    me = browser(t.app);
    await signInAs(me, t.ctx, user);
  });

  it('lists my own notifications, newest first, paged, and counts the unread', async () => {
    await notify(myId, 'Ancienne', 30, true);
    await notify(myId, 'Récente', 5);
    await notify(myId, 'Moyenne', 10);
    await notify(otherId, 'Pas à moi', 1);

    const all = await me.get('/api/notifications');
    expect(all.statusCode).toBe(200);
    const body = all.json<{ items: { title: string }[]; total: number }>();
    expect(body.items.map((n) => n.title)).toEqual(['Récente', 'Moyenne', 'Ancienne']);
    expect(body.total).toBe(3);

    const unread = await me.get('/api/notifications?unread=true');
    expect(unread.json<{ items: unknown[] }>().items).toHaveLength(2);

    const page2 = await me.get('/api/notifications?page=2&pageSize=2');
    expect(page2.json<{ items: { title: string }[] }>().items.map((n) => n.title)).toEqual([
      'Ancienne',
    ]);

    const count = await me.get('/api/notifications/unread-count');
    expect(count.json()).toEqual({ count: 2 });
  });

  it('marks one read; another user’s notification answers 404', async () => {
    const mine = await notify(myId, 'À lire', 1);
    const theirs = await notify(otherId, 'La sienne', 1);
    const read = await me.post(`/api/notifications/${mine}/read`, {});
    expect(read.statusCode).toBe(200);
    expect(read.json<{ readAt: string | null }>().readAt).not.toBeNull();
    const denied = await me.post(`/api/notifications/${theirs}/read`, {});
    expect(denied.statusCode).toBe(404);
    expect((await findOwn(t.ctx.db, otherId, theirs))?.read_at).toBeNull();
  });

  it('marks all mine read, not the others’', async () => {
    const theirs = await notify(otherId, 'Encore la sienne', 1);
    const res = await me.post('/api/notifications/read-all', {});
    expect(res.statusCode).toBe(200);
    expect((await me.get('/api/notifications/unread-count')).json()).toEqual({ count: 0 });
    expect((await findOwn(t.ctx.db, otherId, theirs))?.read_at).toBeNull();
  });

  it('reads and saves which types also come by email (default: all)', async () => {
    const initial = await me.get('/api/notifications/preferences');
    expect(initial.json()).toEqual({
      email: {
        enrolment_finalised: true,
        request_returned: true,
        insurer_replied: true,
        new_document: true,
        radiation_processed: true,
        radiation_returned: true,
        dispense_requested: true,
        dispense_decided: true,
        dispense_deadline: true,
        member_change_decided: true,
        member_change_declared: true,
      },
    });
    const email = {
      enrolment_finalised: true,
      request_returned: false,
      insurer_replied: true,
      new_document: false,
      radiation_processed: true,
      radiation_returned: false,
      dispense_requested: false,
      dispense_decided: true,
      dispense_deadline: true,
      member_change_decided: false,
      member_change_declared: true,
    };
    const saved = await me.put('/api/notifications/preferences', { email });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ email });
    expect((await me.get('/api/notifications/preferences')).json()).toEqual({ email });
    const bad = await me.put('/api/notifications/preferences', { email: { new_document: 'oui' } });
    expect(bad.statusCode).toBe(400);
  });

  it('answers 401 anonymous', async () => {
    const res = await browser(t.app, { ip: '192.0.2.99' }).get('/api/notifications');
    expect(res.statusCode).toBe(401);
  });
});
