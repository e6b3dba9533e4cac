/**
 * The scheduled jobs of the server. Each job runs once per period (`JOBS_INTERVAL_MS`) across all
 * instances: `runDueJobs` claims the period's run of each job (jobs/jobs.repository.ts), runs it
 * while renewing its lease, and records the period done; an instance that comes later in the same
 * period skips it, one killed mid-run leaves it to another once its lease expires. The worker
 * ticks more often than the period (at least every 30 s) so that a run is taken over promptly;
 * tests call `runDueJobs` directly with the manual clock. Each job is idempotent.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../lib/context';
import { newId } from '../lib/ids';
import { purgeAuditLog } from '../modules/audit/audit.service';
import { sendPendingCertificates } from '../modules/members/certificates-email';
import { sendPendingNotices } from '../modules/radiations/notice';
import { expireAffiliationRequests, sendAutomaticReminders } from './affiliation-jobs';
import { runDispenseRenewals } from './dispense-jobs';
import { claimRun, finishRun, renewLease } from './jobs.repository';

export interface Job {
  name: string;
  run(ctx: AppContext, now: Date): Promise<number>;
}

/** In this order: an expired request gets no reminder. */
export const JOBS: readonly Job[] = [
  { name: 'affiliations.expire', run: expireAffiliationRequests },
  { name: 'affiliations.remind', run: sendAutomaticReminders },
  { name: 'audit.purge', run: purgeAuditLog },
  { name: 'radiations.notices', run: sendPendingNotices },
  { name: 'dispenses.renewals', run: runDispenseRenewals },
  { name: 'affiliations.certificates', run: sendPendingCertificates },
];

/** A run's lease, renewed every third of it while the run lasts. */
export const LEASE_MS = 60_000;

/** How often the worker looks for a job whose period's run is not done. */
export const MAX_TICK_MS = 30_000;

/** This process's name in `jobs_locks.locked_by`. */
const PROCESS_OWNER = `instance-${newId()}`;

export type JobResults = Record<string, number | 'skipped' | 'failed'>;

/** The start of the period `now` falls in (periods are counted from the epoch). */
export function periodOf(now: Date, periodMs: number): string {
  return new Date(Math.floor(now.getTime() / periodMs) * periodMs).toISOString();
}

/** Runs one job if this period's run is ours to do; its result, or 'skipped'. */
async function runOnce(
  ctx: AppContext,
  job: Job,
  now: Date,
  opts: { owner: string; period: string; log?: FastifyBaseLogger },
): Promise<number | 'skipped' | 'failed'> {
  const { owner, period } = opts;
  if (!(await claimRun(ctx.db, { name: job.name, owner, now, period, ttlMs: LEASE_MS }))) {
    return 'skipped';
  }
  const renew = setInterval(() => {
    const at = ctx.clock.now();
    renewLease(ctx.db, { name: job.name, owner, now: at, ttlMs: LEASE_MS }).catch((err: unknown) =>
      opts.log?.warn({ err, job: job.name }, 'jobs: lease not renewed'),
    );
  }, LEASE_MS / 3);
  renew.unref();
  try {
    const items = await job.run(ctx, now);
    ctx.metrics?.observeJobRun(job.name, items);
    return items;
  } catch (err) {
    opts.log?.error({ err, job: job.name }, 'jobs: run failed');
    return 'failed';
  } finally {
    clearInterval(renew);
    // A failed run counts as the period's: the job runs again next period, not at every tick.
    await finishRun(ctx.db, { name: job.name, owner, now: ctx.clock.now(), period });
  }
}

export async function runDueJobs(
  ctx: AppContext,
  now: Date,
  opts: {
    owner?: string;
    log?: FastifyBaseLogger;
    jobs?: readonly Job[];
    /** Default: JOBS_INTERVAL_MS. */
    periodMs?: number;
  } = {},
): Promise<JobResults> {
  const owner = opts.owner ?? PROCESS_OWNER;
  const period = periodOf(now, opts.periodMs ?? ctx.config.jobsIntervalMs);
  const results: JobResults = {};
  for (const job of opts.jobs ?? JOBS) {
    results[job.name] = await runOnce(ctx, job, now, { owner, period, log: opts.log });
  }
  return results;
}

export interface JobsWorker {
  stop(): Promise<void>;
}

/** Looks for due jobs every `intervalMs` or 30 s, whichever is shorter (and once shortly after start), until stopped. */
export function startJobsWorker(
  ctx: AppContext,
  log: FastifyBaseLogger,
  intervalMs: number,
): JobsWorker {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        const results = await runDueJobs(ctx, ctx.clock.now(), { log });
        const worked = Object.entries(results).filter(([, n]) => typeof n === 'number' && n > 0);
        if (worked.length > 0) log.info({ jobs: Object.fromEntries(worked) }, 'jobs: done');
      } catch (err) {
        log.error({ err }, 'jobs: run failed');
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(tick, Math.min(intervalMs, 5_000));
  first.unref();
  const timer = setInterval(tick, Math.min(intervalMs, MAX_TICK_MS));
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      if (running) await running;
    },
  };
}
