/**
 * The renewal and expiry of the dispenses d'affiliation (issue 19), once a day ('dispenses.renewals'):
 * - EXPIRE: a validated dispense whose end date passed, or whose yearly renewal is due without a
 *   renewal validated (isDispenseExpired), becomes « Expirée »: the employee's link dies, the
 *   employer's users are told to affiliate the employee. A renewal still waiting for the insurer
 *   does not hold it back (the insurer may validate it later).
 * - REMIND: 30 days before the next deadline of a validated dispense (nextDispenseDeadline,
 *   reminderDay), once per deadline: a new link to the employee's form in renewal mode, valid
 *   through the dispense's last day, emailed with the proof to send; the employer's users are
 *   notified. A dispense whose renewal already waits for the insurer is not reminded.
 * « Today » is the day in Europe/Paris. Each dispense in a transaction of its own; running twice
 * the same day does nothing more.
 */
import {
  dispenseCase,
  isDispenseExpired,
  nextDispenseDeadline,
  reminderDay,
  DISPENSE_REMINDER_DAYS,
  type DispenseCaseCode,
} from '@affilia/shared/domain/dispense';
import { previousDay } from '@affilia/shared/domain/radiation';
import { formatFrenchDate } from '@affilia/shared/validators/dates';
import { recordAudit } from '../lib/audit';
import { nextDay, parisDate, parisDayStart } from '../lib/clock';
import type { AppContext } from '../lib/context';
import type { Branding } from '../lib/mail/templates';
import { enqueueEmail } from '../lib/outbox/outbox';
import { hashToken, newSecretToken } from '../lib/tokens';
import { moveDispense } from '../modules/dispenses/dispenses.repository';
import { employerRecipients } from '../modules/enrolment/enrolment.service';
import { notifyUsers } from '../modules/notifications/notify';
import { getBranding } from '../modules/settings/settings.service';
import {
  findDispensesNearDeadline,
  findExpiredDispenses,
  markReminded,
  setDispensedRequestLink,
  type DueDispense,
  type DueDispensePage,
} from './dispense-jobs.repository';

const BATCH = 200;

interface Run {
  ctx: AppContext;
  now: Date;
  today: string;
  /** Read before the transactions (never ctx.db inside one: SQLite has a single connection). */
  branding: Branding;
}

/** Expires, then reminds, the dispenses due on `now`'s day in Paris. Returns how many. */
export async function runDispenseRenewals(ctx: AppContext, now: Date): Promise<number> {
  const run: Run = { ctx, now, today: parisDate(now), branding: await getBranding(ctx) };
  const expired = await eachPage(
    (page) => findExpiredDispenses(ctx.db, run.today, page),
    (d) => expireDispense(run, d),
  );
  const lastDeadline = addDays(run.today, DISPENSE_REMINDER_DAYS);
  const reminded = await eachPage(
    (page) => findDispensesNearDeadline(ctx.db, lastDeadline, page),
    (d) => remindDispense(run, d),
  );
  if (expired + reminded > 0) ctx.outboxWorker?.wake();
  return expired + reminded;
}

/** Handles the rows page by page (in the order of their id); how many were handled. */
async function eachPage(
  find: (page: DueDispensePage) => Promise<DueDispense[]>,
  handle: (row: DueDispense) => Promise<boolean>,
): Promise<number> {
  let after = '';
  let done = 0;
  for (;;) {
    const rows = await find({ after, limit: BATCH });
    for (const row of rows) if (await handle(row)) done++;
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return done;
    after = last.id;
  }
}

function addDays(isoDate: string, days: number): string {
  const t = new Date(`${isoDate}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

const dates = (d: DueDispense) => ({ endDate: d.end_date, renewalDueDate: d.renewal_due_date });
const fullName = (d: DueDispense) => `${d.first_name} ${d.last_name}`;

/** The last day a deadline leaves the dispense in force: the end date, or the eve of the renewal. */
function lastDayOf(deadline: { date: string; kind: 'end' | 'renewal' }): string {
  return deadline.kind === 'end' ? deadline.date : previousDay(deadline.date);
}

async function expireDispense(run: Run, d: DueDispense): Promise<boolean> {
  const { ctx, now } = run;
  if (!isDispenseExpired(dates(d), run.today)) return false;
  const deadline = nextDispenseDeadline(dates(d));
  const recipients = await employerRecipients(ctx, d.company_id, d.establishment_id);
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const moved = await moveDispense(trx, d.id, {
      from: 'validated',
      to: 'expired',
      at,
      expired_at: at,
    });
    if (!moved) return false;
    await setDispensedRequestLink(trx, d.request_id, null);
    await recordAudit(trx, now, {
      action: 'dispense.expired',
      actorKind: 'system',
      companyId: d.company_id,
      targetType: 'dispense',
      targetId: d.id,
      details: { deadline: deadline?.date ?? null, kind: deadline?.kind ?? null },
    });
    await notifyUsers(trx, {
      userIds: recipients.map((u) => u.id),
      type: 'dispense_deadline',
      title: `La dispense de ${fullName(d)} a expiré : affiliez ce salarié`,
      body: expiryBody(d, deadline, run.today),
      link: '/dispenses?state=expired',
      companyId: d.company_id,
      branding: run.branding,
      publicUrl: ctx.config.publicUrl,
      now,
    });
    return true;
  });
}

async function remindDispense(run: Run, d: DueDispense): Promise<boolean> {
  const { ctx, now } = run;
  const deadline = nextDispenseDeadline(dates(d));
  if (!deadline || run.today < reminderDay(deadline.date)) return false;
  if (d.reminded_deadline === deadline.date || isDispenseExpired(dates(d), run.today)) return false;
  const lastDay = lastDayOf(deadline);
  const token = d.email && d.request_status === 'dispensed' ? newSecretToken() : null;
  const recipients = await employerRecipients(ctx, d.company_id, d.establishment_id);
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await markReminded(trx, d.id, { deadline: deadline.date, at }))) return false;
    if (token && d.email) {
      await setDispensedRequestLink(trx, d.request_id, {
        hash: hashToken(token),
        // Through the dispense's last day in Paris: the expiry kills it the next morning.
        expiresAt: parisDayStart(nextDay(lastDay)).toISOString(),
      });
      await enqueueEmail(trx, {
        to: d.email,
        template: 'dispense_reminder',
        data: {
          firstName: d.first_name,
          companyName: d.company_name,
          kind: deadline.kind,
          deadline: formatFrenchDate(lastDay),
          proof: dispenseCase(d.case_code as DispenseCaseCode).proof,
          url: `${ctx.config.publicUrl}/formulaire/${token}`,
        },
        branding: run.branding,
        now,
      });
    }
    await recordAudit(trx, now, {
      action: 'dispense.reminder_sent',
      actorKind: 'system',
      companyId: d.company_id,
      targetType: 'dispense',
      targetId: d.id,
      details: { deadline: deadline.date, kind: deadline.kind, emailed: !!token },
    });
    await notifyUsers(trx, {
      userIds: recipients.map((u) => u.id),
      type: 'dispense_deadline',
      title:
        deadline.kind === 'renewal'
          ? `Dispense à renouveler : ${fullName(d)}`
          : `Dispense bientôt terminée : ${fullName(d)}`,
      body: reminderBody(d, deadline.kind, lastDay, !!token),
      link: '/dispenses?state=renewal_due',
      companyId: d.company_id,
      branding: run.branding,
      publicUrl: ctx.config.publicUrl,
      now,
    });
    return true;
  });
}

function reminderBody(
  d: DueDispense,
  kind: 'end' | 'renewal',
  lastDay: string,
  emailed: boolean,
): string {
  const when = formatFrenchDate(lastDay);
  const what =
    kind === 'renewal'
      ? `La dispense d’adhésion de ${fullName(d)} (${d.establishment_name}) doit être renouvelée au plus tard le ${when}.`
      : `La dispense d’adhésion de ${fullName(d)} (${d.establishment_name}) prend fin le ${when}.`;
  const next = emailed
    ? 'Un lien lui a été envoyé par e-mail pour transmettre son nouveau justificatif.'
    : 'Aucune adresse e-mail n’est connue pour ce salarié : recueillez son nouveau justificatif signé et enregistrez-le depuis sa demande d’affiliation.';
  return `${what} ${next} Sans renouvellement, il devra être affilié au contrat.`;
}

/** Why the dispense expired, and what the employer does now. */
function expiryBody(
  d: DueDispense,
  deadline: { date: string; kind: 'end' | 'renewal' } | null,
  today: string,
): string {
  const head = `La dispense d’adhésion de ${fullName(d)} (${d.establishment_name}) a expiré`;
  const then = '« Affilier » dans le registre « Dispenses » prépare sa pré-affiliation.';
  if (deadline?.kind === 'renewal')
    return `${head} : elle n’a pas été renouvelée au plus tard le ${formatFrenchDate(lastDayOf(deadline))}. Ce salarié doit désormais être affilié au contrat : ${then}`;
  const end = formatFrenchDate(d.end_date ?? today);
  if (dispenseCase(d.case_code as DispenseCaseCode).endRule === 'employment_end')
    return `${head} avec la fin de son contrat de travail le ${end}. S’il reste dans l’entreprise (contrat prolongé ou renouvelé), il doit désormais être affilié au contrat : ${then}`;
  return `${head} : sa justification a pris fin le ${end}. Ce salarié doit désormais être affilié au contrat : ${then}`;
}
