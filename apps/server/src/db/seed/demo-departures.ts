/**
 * The demo's departures (issue 18), made through the application's own services as the demo
 * administrator and the demo « gestionnaire » would, once the rest of the demo is written:
 * - a « rupture conventionnelle » processed almost a year ago: the member is in portability for
 *   three more weeks (the home page's « portabilités qui se terminent », the filter « En
 *   portabilité », the notice in the development mailbox);
 * - a « démission » processed last month: coverage ended, no portability;
 * - the end of a fixed-term contract at a third-party declarant's company, sent and waiting in
 *   the back office's « Radiations » queue (the demo administrator does not follow that company:
 *   the journeys that radiate one of their members never meet it).
 * Members are taken from the middle of each company's list, away from the first and last rows
 * the journeys open.
 */
import { addMonths, type RadiationMotif } from '@affilia/shared/domain/radiation';
import { parisDate } from '../../lib/clock';
import type { AppContext } from '../../lib/context';
import { staffActor, type EmployerActor } from '../../lib/policies';
import { listMembers } from '../../modules/members/members.service';
import type { RequestMeta } from '../../lib/request-meta';
import { processRadiation } from '../../modules/radiations/backoffice-radiations.service';
import { createRadiation, getRadiationPrefill } from '../../modules/radiations/radiations.service';
import { findAccountByEmail, loadEmployerActor } from '../../modules/users/users.repository';
import { demoAccount, type DemoAccountKey } from './demo-accounts';
import { addDays } from './generators';

const META: RequestMeta = { ip: '127.0.0.1', userAgent: 'Données de démonstration' };

async function account(ctx: AppContext, key: DemoAccountKey) {
  const user = await findAccountByEmail(ctx.db, demoAccount(key).email);
  if (!user) throw new Error(`demo departures: no ${key}`);
  return user;
}

/**
 * A member of the actor's perimeter (« Mes salariés », covered today) whose coverage runs since
 * `effectiveBy` at the latest and who has no radiation yet, the `rank`-th in name order
 * (skipping `except`), with the form's prefill.
 */
async function memberCoveredSince(
  ctx: AppContext,
  actor: EmployerActor,
  effectiveBy: string,
  rank: number,
  except: readonly string[],
) {
  const page = await listMembers(ctx, actor, {
    filters: { contractStatus: 'current' },
    sort: 'name',
    order: 'asc',
    page: 1,
    pageSize: 100,
  });
  const candidates = page.items.filter(
    (m) => m.contract && m.contract.effectiveDate <= effectiveBy && !except.includes(m.id),
  );
  const member = candidates[Math.min(rank, candidates.length - 1)];
  if (!member) throw new Error(`demo departures: no member covered since ${effectiveBy}`);
  const prefill = await getRadiationPrefill(ctx, actor, member.id);
  if (!prefill.coverageEffectiveDate || prefill.openRadiationId) {
    throw new Error(`demo departures: ${member.id} may not be radiated`);
  }
  const { email, firstName, lastName } = prefill.member;
  return { id: member.id, email, firstName, lastName, since: prefill.coverageEffectiveDate };
}

/** « prenom.nom@exemple.fr », without accents. */
function demoEmail(person: { firstName: string; lastName: string }): string {
  const part = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return `${part(person.firstName)}.${part(person.lastName)}@exemple.fr`;
}

interface Departure {
  by: DemoAccountKey;
  motif: RadiationMotif;
  unemploymentRights: boolean;
  contractEndDate: string;
  /** The coverage must have started this long before the contract's end. */
  monthsBefore: number;
  process: boolean;
}

export async function seedDemoDepartures(ctx: AppContext): Promise<void> {
  const today = parisDate(ctx.clock.now());
  const departures: Departure[] = [
    {
      by: 'employerAdmin',
      motif: 'rupture_conventionnelle',
      unemploymentRights: true,
      // Twelve months of portability from the day after: they end in three weeks.
      contractEndDate: addDays(addMonths(today, -12), 21),
      monthsBefore: 14,
      process: true,
    },
    {
      by: 'employerAdmin',
      motif: 'demission',
      unemploymentRights: false,
      contractEndDate: addMonths(today, -1),
      monthsBefore: 3,
      process: true,
    },
    {
      by: 'thirdParty',
      motif: 'fin_cdd',
      unemploymentRights: true,
      contractEndDate: addDays(today, 20),
      monthsBefore: 6,
      process: false,
    },
  ];
  const manager = staffActor(await account(ctx, 'staffManager'), META);
  const taken: string[] = [];
  for (const [i, d] of departures.entries()) {
    const actor = await loadEmployerActor(ctx.db, await account(ctx, d.by));
    const member = await memberCoveredSince(
      ctx,
      actor,
      addMonths(d.contractEndDate, -d.monthsBefore),
      5 + i,
      taken,
    );
    taken.push(member.id);
    const { id } = await createRadiation(
      ctx,
      actor,
      {
        memberId: member.id,
        contractEndDate: d.contractEndDate,
        motif: d.motif,
        unemploymentRights: d.unemploymentRights,
        disabilityPension: false,
        employmentPeriods: [{ start: member.since, end: d.contractEndDate }],
        // The first notice by email (the development mailbox shows it), the others to print.
        contactEmail: member.email ?? (i === 0 ? demoEmail(member) : undefined),
        contactAddress: member.email || i === 0 ? undefined : '12 rue des Tilleuls\n69003 Lyon',
        comment: undefined,
      },
      META,
    );
    if (d.process) await processRadiation(ctx, manager, id);
  }
}
