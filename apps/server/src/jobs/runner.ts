/**
 * The scheduled jobs of the server. `runDueJobs` runs each job under its lease (jobs/jobs.repository.ts):
 * with several instances, one runs a job at a time, the others skip it. The worker calls it every
 * `JOBS_INTERVAL_MS`; tests call it directly with the manual clock. Each job is idempotent.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../lib/context';
import { newId } from '../lib/ids';
import { purgeAuditLog } from '../modules/audit/audit.service';
import { expireAffiliationRequests, sendAutomaticReminders } from './affiliation-jobs';
import { acquireLease, releaseLease } from './jobs.repository';

export interface Job {
  name: string;
  run(ctx: AppContext, now: Date): Promise<number>;
}

/** In this order: an expired request gets no reminder. */
export const JOBS: readonly Job[] = [
  { name: 'affiliations.expire', run: expireAffiliationRequests },
  { name: 'affiliations.remind', run: sendAutomaticReminders },
  { name: 'audit.purge', run: purgeAuditLog },
];

/** How long a run may hold its lease before another instance may take the job. */
export const LEASE_MS = 15 * 60_000;

/** This process's name in `jobs_locks.locked_by`. */
const PROCESS_OWNER = `instance-${newId()}`;

export type JobResults = Record<string, number | 'skipped' | 'failed'>;

export async function runDueJobs(
  ctx: AppContext,
  now: Date,
  opts: { owner?: string; log?: FastifyBaseLogger; jobs?: readonly Job[] } = {},
): Promise<JobResults> {
  const owner = opts.owner ?? PROCESS_OWNER;
  const results: JobResults = {};
  for (const job of opts.jobs ?? JOBS) {
    if (!(await acquireLease(ctx.db, { name: job.name, owner, now, ttlMs: LEASE_MS }))) {
      results[job.name] = 'skipped';
      continue;
    }
    try {
      results[job.name] = await job.run(ctx, now);
    } catch (err) {
      results[job.name] = 'failed';
      opts.log?.error({ err, job: job.name }, 'jobs: run failed');
    } finally {
      await releaseLease(ctx.db, { name: job.name, owner, now: ctx.clock.now() });
    }
  }
  return results;
}

export interface JobsWorker {
  stop(): Promise<void>;
}

/** Runs the due jobs every `intervalMs` (and once shortly after start) until stopped. */
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
  const timer = setInterval(tick, intervalMs);
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
