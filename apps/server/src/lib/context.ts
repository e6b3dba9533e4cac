import type { Config } from '../config';
import type { Db, Dialect } from '../db/database';
import type { Clock } from './clock';
import type { FieldCipher } from './crypto';
import type { MailTransport } from './mail/transport';
import type { Metrics } from './metrics';
import type { OutboxWorker } from './outbox/outbox';
import type { SmsProvider } from './sms/provider';
import type { FileStorage } from './storage';

/** What every service needs, built once at start and handed to the app (`app.ctx`). */
export interface AppContext {
  config: Config;
  db: Db;
  dialect: Dialect;
  cipher: FieldCipher;
  storage: FileStorage;
  clock: Clock;
  mail: MailTransport;
  sms: SmsProvider;
  /** PostgreSQL: the pool's connections, for the metrics (lib/metrics.ts). */
  dbPoolStats?: () => { total: number; idle: number; waiting: number };
  /** Set when METRICS_TOKEN is: what /metrics reports (requests, jobs, outbox, pool). */
  metrics?: Metrics;
  /** Set when the outbox worker runs in this process: lets a service ask for delivery now. */
  outboxWorker?: OutboxWorker;
}
