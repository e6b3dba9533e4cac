import { describe, expect, it } from 'vitest';
import { createCompany, createEmployerUser } from '../../../test/factories';
import { useTestApp } from '../../../test/helper';
import { getBranding } from '../settings/settings.service';
import { notifyUsers } from './notify';

describe('notifyUsers', () => {
  const t = useTestApp();

  it('writes one notification per user and queues the email unless turned off', async () => {
    const { ctx } = t;
    const company = await createCompany(ctx.db);
    const a = await createEmployerUser(ctx.db, [{ company, role: 'admin' }]);
    const b = await createEmployerUser(ctx.db, [{ company, role: 'user' }]);
    await ctx.db
      .insertInto('notification_preferences')
      .values({
        user_id: b.id,
        type: 'new_document',
        email: 0,
        updated_at: ctx.clock.now().toISOString(),
      })
      .execute();
    const branding = await getBranding(ctx);
    const ids = await ctx.db.transaction().execute((trx) =>
      notifyUsers(trx, {
        userIds: [a.id, b.id, a.id],
        type: 'new_document',
        title: 'Nouveau document disponible',
        body: 'Le tableau des garanties 2026 est publié.',
        link: '/documents',
        companyId: company.id,
        branding,
        publicUrl: ctx.config.publicUrl,
        now: ctx.clock.now(),
      }),
    );
    expect(ids).toHaveLength(2);
    const rows = await ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', 'in', ids)
      .execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual([a.id, b.id].sort());
    expect(rows[0]).toMatchObject({
      type: 'new_document',
      link: '/documents',
      company_id: company.id,
      read_at: null,
    });
    const mails = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('template', '=', 'notification')
      .execute();
    expect(mails.map((m) => m.recipient)).toEqual([a.email]);
    expect(mails[0]?.subject).toContain('Nouveau document disponible');
    expect(mails[0]?.body_text).toContain(`${ctx.config.publicUrl}/documents`);
    expect(mails[0]?.body_text).toContain('Le tableau des garanties 2026 est publié.');
  });

  it('sends an event’s own email template, still only to the users who want it', async () => {
    const { ctx } = t;
    const company = await createCompany(ctx.db);
    const a = await createEmployerUser(ctx.db, [{ company, role: 'admin' }]);
    const b = await createEmployerUser(ctx.db, [{ company, role: 'admin' }]);
    await ctx.db
      .insertInto('notification_preferences')
      .values({
        user_id: b.id,
        type: 'enrolment_finalised',
        email: 0,
        updated_at: ctx.clock.now().toISOString(),
      })
      .execute();
    const branding = await getBranding(ctx);
    await ctx.db.transaction().execute((trx) =>
      notifyUsers(trx, {
        userIds: [a.id, b.id],
        type: 'enrolment_finalised',
        title: 'Formulaire d’affiliation finalisé',
        link: '/affiliations',
        companyId: company.id,
        branding,
        publicUrl: ctx.config.publicUrl,
        now: ctx.clock.now(),
        email: (user) => ({
          template: 'enrolment_finalised',
          data: {
            firstName: user.firstName,
            employeeName: 'Léa Durand',
            establishmentName: 'Siège',
            url: `${ctx.config.publicUrl}/affiliations`,
          },
        }),
      }),
    );
    const notified = await ctx.db
      .selectFrom('notifications')
      .select('user_id')
      .where('type', '=', 'enrolment_finalised')
      .execute();
    expect(notified.map((n) => n.user_id).sort()).toEqual([a.id, b.id].sort());
    const mails = await ctx.db
      .selectFrom('outbox')
      .select(['recipient', 'subject'])
      .where('template', '=', 'enrolment_finalised')
      .execute();
    expect(mails.map((m) => m.recipient)).toEqual([a.email]);
    expect(mails[0]!.subject).toMatch(/^Léa Durand a finalisé son formulaire d’affiliation/);
  });

  it('does nothing without users', async () => {
    const { ctx } = t;
    const branding = await getBranding(ctx);
    const ids = await ctx.db.transaction().execute((trx) =>
      notifyUsers(trx, {
        userIds: [],
        type: 'request_returned',
        title: 'x',
        branding,
        publicUrl: ctx.config.publicUrl,
        now: ctx.clock.now(),
      }),
    );
    expect(ids).toEqual([]);
  });
});
