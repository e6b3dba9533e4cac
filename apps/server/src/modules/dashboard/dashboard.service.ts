/**
 * The home page's figures (SPEC §5.1): « Mes salariés assurés » by establishment and by collège
 * (contract label) for « Toutes » or one company, the pending actions, « Conseils et astuces ».
 * Within the caller's perimeter; a company outside it answers 404.
 *
 * The charts count members whose latest coverage is « en cours » today (« Salariés couverts
 * aujourd’hui »: the same members as « Mes salariés » with « Statut du contrat : En cours »,
 * memberConditions' `current`), grouped from the members' index alone; they are cached until
 * the members' data changes (lib/figures-cache.ts). The home page carries the figures with a
 * slice of their own and what the last slice groups (domain/chart-figures.ts); « Afficher le
 * détail » asks for every figure.
 */
import type { Kysely } from 'kysely';
import { byCountThenLabel, splitTop } from '@affilia/shared/domain/chart-figures';
import type {
  ContractFigures,
  Dashboard,
  EstablishmentFigures,
} from '@affilia/shared/schemas/members';
import type { Database } from '../../db/schema';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { cachedFigure } from '../../lib/figures-cache';
import { authorize, companyIdsWith, type EmployerActor } from '../../lib/policies';
import { countDashboardDispenses } from '../dispenses/dispenses-register.repository';
import { figuresKey } from '../members/members.service';
import {
  countInsured,
  countOpenRequests,
  countPortabilitiesEnding,
  countOpenRadiationsAndChanges,
  countUnreadConversations,
  findCompanies,
  findNames,
  findPublishedTips,
} from './dashboard.repository';

type Ctx = Pick<AppContext, 'db' | 'cipher' | 'clock'>;

/** « Portabilités qui se terminent »: within this many days (today included). */
export const PORTABILITY_ENDING_DAYS = 30;

/** The calendar day `days` after `isoDate`. */
function daysAfter(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T12:00:00.000Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** Every figure of the charts: insured members by establishment and by collège, in order. */
interface InsuredFigures {
  insuredTotal: number;
  byEstablishment: { id: string; name: string; count: number }[];
  byContract: { label: string; count: number }[];
}

/** Insured members (coverage « en cours ») by establishment and by contract label. */
async function insuredFigures(
  db: Kysely<Database>,
  actor: EmployerActor,
  scope: string[],
  today: string,
): Promise<InsuredFigures> {
  if (scope.length === 0) return { byEstablishment: [], byContract: [], insuredTotal: 0 };
  const { perEstablishment, perContract } = await countInsured(db, actor, scope, today);
  const establishmentIds = perEstablishment.map((e) => e.id);
  const contractIds = perContract.flatMap((c) => (c.id ? [c.id] : []));
  const { establishments, contracts } = await findNames(db, establishmentIds, contractIds);
  const establishmentName = new Map(establishments.map((e) => [e.id, e.name]));
  const contractLabel = new Map(contracts.map((c) => [c.id, c.label]));
  const byLabel = new Map<string, number>();
  for (const c of perContract) {
    const label = (c.id && contractLabel.get(c.id)) || 'Contrat inconnu';
    byLabel.set(label, (byLabel.get(label) ?? 0) + Number(c.count));
  }
  const byEstablishment = perEstablishment
    .map((e) => ({ id: e.id, name: establishmentName.get(e.id) ?? '', count: Number(e.count) }))
    .sort(byCountThenLabel((e) => e.name));
  return {
    insuredTotal: byEstablishment.reduce((n, e) => n + e.count, 0),
    byEstablishment,
    byContract: [...byLabel]
      .map(([label, count]) => ({ label, count }))
      .sort(byCountThenLabel((c) => c.label)),
  };
}

/** What a chart's last slice groups: how many figures, how many members. */
function grouped(rest: { count: number }[]) {
  return { items: rest.length, count: rest.reduce((n, item) => n + item.count, 0) };
}

/** The charts' fields of the home page: the figures with a slice of their own, the rest grouped. */
function chartFields(
  figures: InsuredFigures,
): Pick<
  Dashboard,
  'insuredTotal' | 'byEstablishment' | 'otherEstablishments' | 'byContract' | 'otherContracts'
> {
  const establishments = splitTop(figures.byEstablishment);
  const contracts = splitTop(figures.byContract);
  return {
    insuredTotal: figures.insuredTotal,
    byEstablishment: establishments.shown,
    otherEstablishments: grouped(establishments.rest),
    byContract: contracts.shown,
    otherContracts: grouped(contracts.rest),
  };
}

/**
 * The figures' scope: « Toutes » the companies whose members the actor may see, or the one asked
 * for (404 outside the perimeter); and the key of what is cached from them.
 */
async function figuresScope(ctx: Ctx, actor: EmployerActor, companyId: string | undefined) {
  if (companyId) authorize(actor, 'members.view', companyId);
  const today = parisDate(ctx.clock.now());
  const visible = companyIdsWith(actor, 'members.view');
  const scope = companyId ? [companyId] : visible;
  const key = await figuresKey(ctx, actor, today, { dashboard: scope });
  return { today, visible, scope, key };
}

/** Every figure of the charts, cached until the members' data changes. */
function cachedInsuredFigures(
  ctx: Ctx,
  actor: EmployerActor,
  { today, scope, key }: { today: string; scope: string[]; key: string },
): Promise<InsuredFigures> {
  return cachedFigure(ctx.db, `${key}:insured`, () => insuredFigures(ctx.db, actor, scope, today));
}

/** « Afficher le détail » of « Par établissement »: every establishment, in the chart's order. */
export async function getEstablishmentFigures(
  ctx: Ctx,
  actor: EmployerActor,
  companyId: string | undefined,
): Promise<EstablishmentFigures> {
  const scope = await figuresScope(ctx, actor, companyId);
  return { items: (await cachedInsuredFigures(ctx, actor, scope)).byEstablishment };
}

/** « Afficher le détail » of « Par collège »: every collège, in the chart's order. */
export async function getContractFigures(
  ctx: Ctx,
  actor: EmployerActor,
  companyId: string | undefined,
): Promise<ContractFigures> {
  const scope = await figuresScope(ctx, actor, companyId);
  return { items: (await cachedInsuredFigures(ctx, actor, scope)).byContract };
}

/** The home page's figures for « Toutes » or one company, its pending actions and its tips. */
export async function getDashboard(
  ctx: Ctx,
  actor: EmployerActor,
  companyId: string | undefined,
): Promise<Dashboard> {
  const figuresScopeOf = await figuresScope(ctx, actor, companyId);
  const { today, visible, scope, key } = figuresScopeOf;
  const requestCompanies = companyIdsWith(actor, 'affiliations.manage').filter((id) =>
    scope.includes(id),
  );
  const messageCompanies = companyIdsWith(actor, 'messages.manage').filter((id) =>
    scope.includes(id),
  );

  const [companies, figures, requests, unread, tips, portabilityEndingSoon, open, dispenses] =
    await Promise.all([
      // Names change with a bump of the members' version (reference-data.service), rights with
      // the perimeter: both are in the key.
      cachedFigure(ctx.db, `${key}:companies`, () => findCompanies(ctx.db, visible)),
      cachedFigure(ctx.db, key, async () =>
        chartFields(await cachedInsuredFigures(ctx, actor, figuresScopeOf)),
      ),
      countOpenRequests(ctx.db, actor, requestCompanies),
      countUnreadConversations(ctx.db, messageCompanies),
      findPublishedTips(ctx.db),
      // The members' copy of their portability's end: cached with the members' version.
      cachedFigure(ctx.db, `${key}:portability`, () =>
        countPortabilitiesEnding(ctx.db, actor, scope, {
          from: today,
          to: daysAfter(today, PORTABILITY_ENDING_DAYS),
        }),
      ),
      countOpenRadiationsAndChanges(ctx.db, actor, requestCompanies),
      countDashboardDispenses(ctx.db, actor, requestCompanies, today),
    ]);
  const requestCount = (status: string) =>
    Number(requests.find((r) => r.status === status)?.count ?? 0);
  return {
    companies,
    ...figures,
    dispensedTotal: dispenses.inForce,
    pendingRequestsTotal: requests.reduce((n, r) => n + Number(r.count), 0),
    pending: {
      waitingForEmployee: requestCount('sent') + requestCount('started'),
      waitingForInsurer: requestCount('finalised') + requestCount('dispense_requested'),
      unreadReplies: unread,
      portabilityEndingSoon,
      radiationsReturned: open.radiations.returned,
      radiationsWaitingForInsurer: open.radiations.sent,
      changesWaitingForInsurer: open.changes.sent,
      changesReturned: open.changes.returned,
      dispensesExpired: dispenses.expired,
      dispensesToRenew: dispenses.toRenew,
    },
    tips,
  };
}
