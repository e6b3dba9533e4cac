/**
 * The home page's figures (SPEC §5.1): « Mes salariés assurés » by establishment and by collège
 * (contract label) for « Toutes » or one company, the pending actions, « Conseils et astuces ».
 * Within the caller's perimeter; a company outside it answers 404.
 */
import { sql } from 'kysely';
import type { Dashboard } from '@affilia/shared/schemas/members';
import type { AppContext } from '../../lib/context';
import { authorize, companyIdsWith, inPerimeter, type EmployerActor } from '../../lib/policies';
import { parisToday } from '../members/members.service';

type Ctx = Pick<AppContext, 'db' | 'clock'>;

export async function getDashboard(
  ctx: Ctx,
  actor: EmployerActor,
  companyId: string | undefined,
): Promise<Dashboard> {
  if (companyId) authorize(actor, 'members.view', companyId);
  const today = parisToday(ctx.clock.now());
  const visible = companyIdsWith(actor, 'members.view');
  const scope = companyId ? [companyId] : visible;
  const empty = scope.length === 0;
  const messageCompanies = companyIdsWith(actor, 'messages.manage').filter((id) =>
    scope.includes(id),
  );
  const inCompanies = (column: string) =>
    empty ? sql<boolean>`1 = 0` : sql<boolean>`${sql.ref(column)} in (${sql.join(scope)})`;

  const [companies, byEstablishment, byContract, requests, unread, tips] = await Promise.all([
    visible.length === 0
      ? []
      : ctx.db
          .selectFrom('companies')
          .select(['id', 'name'])
          .where('id', 'in', visible)
          .orderBy('name')
          .execute(),
    ctx.db
      .selectFrom('members as m')
      .innerJoin('establishments as e', 'e.id', 'm.establishment_id')
      .select(['e.id', 'e.name', (eb) => eb.fn.countAll<number>().as('count')])
      .where(inCompanies('m.company_id'))
      .where(
        inPerimeter(actor, 'members.view', sql.ref('m.establishment_id'), sql.ref('m.company_id')),
      )
      .where('m.latest_effective_date', '<=', today)
      .where((eb) =>
        eb.or([eb('m.latest_end_date', 'is', null), eb('m.latest_end_date', '>=', today)]),
      )
      .groupBy(['e.id', 'e.name'])
      .execute(),
    ctx.db
      .selectFrom('members as m')
      .innerJoin('contracts as k', 'k.id', 'm.latest_contract_id')
      .select(['k.label', (eb) => eb.fn.countAll<number>().as('count')])
      .where(inCompanies('m.company_id'))
      .where(
        inPerimeter(actor, 'members.view', sql.ref('m.establishment_id'), sql.ref('m.company_id')),
      )
      .where('m.latest_effective_date', '<=', today)
      .where((eb) =>
        eb.or([eb('m.latest_end_date', 'is', null), eb('m.latest_end_date', '>=', today)]),
      )
      .groupBy('k.label')
      .execute(),
    ctx.db
      .selectFrom('affiliation_requests as r')
      .select(['r.status', (eb) => eb.fn.countAll<number>().as('count')])
      .where(inCompanies('r.company_id'))
      .where(
        inPerimeter(
          actor,
          'affiliations.manage',
          sql.ref('r.establishment_id'),
          sql.ref('r.company_id'),
        ),
      )
      .where('r.status', 'in', ['sent', 'started', 'finalised'])
      .groupBy('r.status')
      .execute(),
    messageCompanies.length === 0
      ? undefined
      : ctx.db
          .selectFrom('conversations')
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .where('company_id', 'in', messageCompanies)
          .where('employer_unread', '>', 0)
          .executeTakeFirst(),
    ctx.db
      .selectFrom('tips')
      .select(['id', 'title', 'body'])
      .where('published', '=', 1)
      .orderBy('position')
      .execute(),
  ]);
  const requestCount = (status: string) =>
    Number(requests.find((r) => r.status === status)?.count ?? 0);
  const establishments = byEstablishment
    .map((e) => ({ id: e.id, name: e.name, count: Number(e.count) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr'));
  return {
    companies,
    insuredTotal: establishments.reduce((n, e) => n + e.count, 0),
    byEstablishment: establishments,
    byContract: byContract
      .map((k) => ({ label: k.label, count: Number(k.count) }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr')),
    pending: {
      waitingForEmployee: requestCount('sent') + requestCount('started'),
      waitingForInsurer: requestCount('finalised'),
      unreadReplies: Number(unread?.count ?? 0),
    },
    tips,
  };
}
