/**
 * `/metrics` in the Prometheus text format (prom-client), for the insurer's monitoring: how long
 * each route takes (a histogram per route pattern, method and status — never the URL itself, which
 * holds ids), the outbox's depth and its failures, the scheduled jobs' runs, the PostgreSQL pool,
 * and the process (memory, CPU, event-loop lag). Served only when METRICS_TOKEN is set, in the
 * `operator` route scope (a bearer token), and loaded only then: a deployment without monitoring
 * does not carry prom-client.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppContext } from './context';
import { outboxDepth } from './outbox/outbox';

export interface Metrics {
  registry: Registry;
  /** One answered request: its route pattern (or « unmatched »), method, status and duration. */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  /** One run of a scheduled job, and how many items it handled. */
  observeJobRun(job: string, items: number): void;
}

export function createMetrics(ctx: Pick<AppContext, 'db' | 'dbPoolStats'>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'affilia_' });
  const requests = new Histogram({
    name: 'affilia_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    // From a cached list (a few ms) to a large export.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobRuns = new Counter({
    name: 'affilia_job_runs_total',
    help: 'Runs of the scheduled jobs by this instance.',
    labelNames: ['job'] as const,
    registers: [registry],
  });
  const jobItems = new Counter({
    name: 'affilia_job_items_total',
    help: 'Items handled by the scheduled jobs (links expired, reminders sent, lines purged).',
    labelNames: ['job'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'affilia_outbox_messages',
    help: 'Emails and SMS of the outbox waiting, being sent, or failed for good (shared database).',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const depth = await outboxDepth(ctx.db);
      for (const [status, n] of Object.entries(depth)) this.set({ status }, n);
    },
  });
  if (ctx.dbPoolStats) {
    const stats = ctx.dbPoolStats;
    new Gauge({
      name: 'affilia_db_pool_connections',
      help: 'PostgreSQL connections of this instance: open, idle, and queries waiting for one.',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const s = stats();
        this.set({ state: 'open' }, s.total);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
  }
  return {
    registry,
    observeRequest(route, method, status, seconds) {
      requests.observe({ route, method, status: String(status) }, seconds);
    },
    observeJobRun(job, items) {
      jobRuns.inc({ job });
      if (items > 0) jobItems.inc({ job }, items);
    },
  };
}
