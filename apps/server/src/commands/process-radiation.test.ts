import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/helper';
import {
  createCompany,
  createContract,
  createEmployerUser,
  createEstablishment,
  createMember,
  createStaffUser,
} from '../../test/factories';
import { createRadiation } from '../../test/radiation-factory';
import { refuseInsertsInto } from '../../test/refuse-writes';
import { getBranding } from '../modules/settings/settings.service';
import { processRadiation } from './process-radiation';

const t = useTestApp();
let actor: { userId: string; meta: { ip: string; userAgent: string } };
let admin: { id: string };
let member: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  const company = await createCompany(t.ctx.db);
  const establishment = await createEstablishment(t.ctx.db, company);
  const contract = await createContract(t.ctx.db, company);
  admin = await createEmployerUser(t.ctx.db, [{ company, role: 'admin' }]);
  const staff = await createStaffUser(t.ctx.db);
  actor = { userId: staff.id, meta: { ip: '127.0.0.1', userAgent: 'test' } };
  member = await createMember(t.ctx.db, t.ctx.cipher, {
    establishment,
    nir13: '1850675123999',
    lastName: 'Moitié',
    coverages: [{ contract, effectiveDate: '2024-01-01' }],
  });
});

const snapshot = async (radiationId: string) => ({
  radiation: await t.ctx.db
    .selectFrom('radiations')
    .select(['status', 'processed_at', 'processed_by'])
    .where('id', '=', radiationId)
    .executeTakeFirstOrThrow(),
  history: await t.ctx.db
    .selectFrom('radiation_status_history')
    .select('to_status')
    .where('radiation_id', '=', radiationId)
    .execute(),
  coverages: await t.ctx.db
    .selectFrom('coverages')
    .select(['kind', 'effective_date', 'end_date'])
    .where('member_id', '=', member.id)
    .orderBy('effective_date')
    .execute(),
  member: await t.ctx.db
    .selectFrom('members')
    .select(['latest_end_date', 'portability_end_date'])
    .where('id', '=', member.id)
    .executeTakeFirstOrThrow(),
  notifications: await t.ctx.db
    .selectFrom('notifications')
    .select('id')
    .where('user_id', '=', admin.id)
    .execute(),
});

describe('processRadiation (command)', () => {
  it('writes nothing when it fails midway', async () => {
    const r = await createRadiation(t.ctx.db, {
      member,
      createdBy: admin,
      motif: 'licenciement_economique',
      contractEndDate: '2026-02-27',
    });
    const before = await snapshot(r.id);
    expect(before.radiation.status).toBe('sent');
    // The audit line comes after the status, the coverages and the member's copy.
    const allow = await refuseInsertsInto(t.ctx, 'audit_log');
    try {
      await expect(
        processRadiation(t.ctx, actor, {
          radiationId: r.id,
          recipients: [admin],
          branding: await getBranding(t.ctx),
        }),
      ).rejects.toThrow();
    } finally {
      await allow();
    }
    expect(await snapshot(r.id)).toEqual(before);

    // Once the database accepts it again, the same processing goes through.
    await processRadiation(t.ctx, actor, {
      radiationId: r.id,
      recipients: [admin],
      branding: await getBranding(t.ctx),
    });
    const after = await snapshot(r.id);
    expect(after.radiation).toMatchObject({ status: 'processed', processed_by: actor.userId });
    expect(after.coverages).toEqual([
      { kind: 'employee', effective_date: '2024-01-01', end_date: '2026-02-27' },
      { kind: 'portability', effective_date: '2026-02-28', end_date: '2027-02-27' },
    ]);
    expect(after.member).toEqual({
      latest_end_date: '2026-02-27',
      portability_end_date: '2027-02-27',
    });
    expect(after.notifications).toHaveLength(1);
  });
});
