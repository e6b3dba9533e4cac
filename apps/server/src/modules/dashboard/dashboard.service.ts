/**
 * The home page's figures (SPEC §5.1): « Mes salariés assurés » by establishment and by collège
 * (contract label) for « Toutes » or one company, the pending actions, « Conseils et astuces ».
 * Within the caller's perimeter; a company outside it answers 404.
 *
 * The charts count members whose latest coverage is « en cours » today (« Salariés couverts
 * aujourd’hui »: the same members as « Mes salariés » with « Statut du contrat : En cours »,
 * memberConditions' `current`), grouped from the members' index alone; they are cached until
 * the members' data changes (lib/figures-cache.ts).
 */
import type { Kysely } from 'kysely';
import type { Dashboard } from '@affilia/shared/schemas/members';
import type { Database } from '../../db/schema';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { cachedFigure } from '../../lib/figures-cache';
import { authorize, companyIdsWith, inPerimeter, type EmployerActor } from '../../lib/policies';
import { coverageStatusCondition } from '../members/members.repository';
import { figuresKey } from '../members/members.service';

type Ctx = Pick<AppContext, 'db' | 'cipher' | 'clock'>;

/** Insured members (coverage « en cours ») by establishment and by contract label. */
async function insuredFigures(
  db: Kysely<Database>,
  actor: EmployerActor,
  scope: string[],
  today: string,
): Promise<Pick<Dashboard, 'byEstablishment' | 'byContract' | 'insuredTotal'>> {
  if (scope.length === 0) return { byEstablishment: [], byContract: [], insuredTotal: 0 };
  const insured = db
    .selectFrom('members as m')
    .where('m.company_id', 'in', scope)
    .where((eb) =>
      inPerimeter(eb, actor, 'members.view', {
        establishment: 'm.establishment_id',
        company: 'm.company_id',
      }),
    )
    .where(coverageStatusCondition('current', today));
  const [perEstablishment, perContract] = await Promise.all([
    insured
      .select(['m.establishment_id as id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('m.establishment_id')
      .execute(),
    insured
      .select(['m.latest_contract_id as id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('m.latest_contract_id')
      .execute(),
  ]);
  const establishmentIds = perEstablishment.map((e) => e.id);
  const contractIds = perContract.flatMap((c) => (c.id ? [c.id] : []));
  const [establishments, contracts] = await Promise.all([
    establishmentIds.length === 0
      ? []
      : db
          .selectFrom('establishments')
          .select(['id', 'name'])
          .where('id', 'in', establishmentIds)
          .execute(),
    contractIds.length === 0
      ? []
      : db.selectFrom('contracts').select(['id', 'label']).where('id', 'in', contractIds).execute(),
  ]);
  const establishmentName = new Map(establishments.map((e) => [e.id, e.name]));
  const contractLabel = new Map(contracts.map((c) => [c.id, c.label]));
  const byLabel = new Map<string, number>();
  for (const c of perContract) {
    const label = (c.id && contractLabel.get(c.id)) || 'Contrat inconnu';
    byLabel.set(label, (byLabel.get(label) ?? 0) + Number(c.count));
  }
  const byEstablishment = perEstablishment
    .map((e) => ({ id: e.id, name: establishmentName.get(e.id) ?? '', count: Number(e.count) }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'fr'));
  return {
    insuredTotal: byEstablishment.reduce((n, e) => n + e.count, 0),
    byEstablishment,
    byContract: [...byLabel]
      .map(([label, count]) => ({ label, count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr')),
  };
}

export async function getDashboard(
  ctx: Ctx,
  actor: EmployerActor,
  companyId: string | undefined,
): Promise<Dashboard> {
  if (companyId) authorize(actor, 'members.view', companyId);
  const today = parisDate(ctx.clock.now());
  const visible = companyIdsWith(actor, 'members.view');
  const scope = companyId ? [companyId] : visible;
  const requestCompanies = companyIdsWith(actor, 'affiliations.manage').filter((id) =>
    scope.includes(id),
  );
  const messageCompanies = companyIdsWith(actor, 'messages.manage').filter((id) =>
    scope.includes(id),
  );
  const key = await figuresKey(ctx, actor, today, { dashboard: scope });

  const [companies, figures, requests, unread, tips] = await Promise.all([
    visible.length === 0
      ? []
      : ctx.db
          .selectFrom('companies')
          .select(['id', 'name', 'siren'])
          .where('id', 'in', visible)
          .orderBy('name')
          .execute(),
    cachedFigure(ctx.db, key, () => insuredFigures(ctx.db, actor, scope, today)),
    requestCompanies.length === 0
      ? []
      : ctx.db
          .selectFrom('affiliation_requests as r')
          .select(['r.status', (eb) => eb.fn.countAll<number>().as('count')])
          .where('r.company_id', 'in', requestCompanies)
          .where((eb) =>
            inPerimeter(eb, actor, 'affiliations.manage', {
              establishment: 'r.establishment_id',
              company: 'r.company_id',
            }),
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
  return {
    companies,
    ...figures,
    pending: {
      waitingForEmployee: requestCount('sent') + requestCount('started'),
      waitingForInsurer: requestCount('finalised'),
      unreadReplies: Number(unread?.count ?? 0),
    },
    tips,
  };
}
