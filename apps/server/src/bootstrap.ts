import pino, { type Logger } from 'pino';
import type { Config } from './config';
import {
  migrateToLatest,
  openDatabase,
  refreshPlannerStatistics,
  type DatabaseHandle,
} from './db/database';
import type { DemoInfo } from './db/seed/demo';
import { systemClock, type Clock } from './lib/clock';
import type { AppContext } from './lib/context';
import { createFieldCipher, loadOrCreateDataKey } from './lib/crypto';
import { checkDataKey } from './lib/data-key-check';
import { loggerOptions } from './lib/logger';
import { createSmtpTransport, devMailboxTransport, type MailTransport } from './lib/mail/transport';
import { createSmsProvider } from './lib/sms/provider';
import { createStorage } from './lib/storage';
import { getBranding } from './modules/settings/settings.service';

export interface Runtime {
  ctx: AppContext;
  log: Logger;
  database: DatabaseHandle;
  /** What the first-run seed created, or null when the database already had data. */
  seeded: DemoInfo | null;
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  const pretty = !config.isProduction && process.stdout.isTTY;
  return pino(loggerOptions({ ...config, pretty }) as pino.LoggerOptions);
}

/**
 * Everything the server needs before it listens: the database (created and migrated), the
 * data key, the file storage, the mail and SMS transports, and the demo data on first run.
 */
export async function createRuntime(
  config: Config,
  opts: { clock?: Clock; log?: Logger; mail?: MailTransport; seed?: boolean } = {},
): Promise<Runtime> {
  const log = opts.log ?? createLogger(config);
  const database = openDatabase(config.databaseUrl, { poolMax: config.databasePoolMax });
  try {
    await migrateToLatest(database.db);
    const key = loadOrCreateDataKey({
      key: config.encryption.key,
      keyFile: config.encryption.keyFile,
      allowCreate: !config.isProduction,
    });
    const cipher = createFieldCipher(key);
    await checkDataKey(database.db, cipher);
    const smtp = config.mail.smtpUrl
      ? createSmtpTransport(config.mail.smtpUrl, config.mail.from)
      : null;
    const ctx: AppContext = {
      config,
      db: database.db,
      dialect: database.dialect,
      dbPoolStats: database.poolStats,
      cipher,
      storage: await createStorage(config),
      clock: opts.clock ?? systemClock,
      mail: opts.mail ?? smtp ?? devMailboxTransport,
      sms: createSmsProvider(config, log),
    };
    if (config.metricsToken) {
      // prom-client is loaded only where the metrics are served.
      const { createMetrics } = await import('./lib/metrics');
      ctx.metrics = createMetrics(ctx);
    }
    let seeded: DemoInfo | null = null;
    if (opts.seed ?? config.seedDemo) {
      // The demo module (and pdf-lib with it) is loaded only when demo data may be created.
      const { seedDemoIfEmpty } = await import('./db/seed/demo');
      seeded = await seedDemoIfEmpty({
        db: ctx.db,
        cipher: ctx.cipher,
        storage: ctx.storage,
        now: ctx.clock.now(),
        branding: await getBranding(ctx),
      });
      if (seeded) {
        // The demo's departures, through the services (issue 18): once, with the demo itself.
        const { seedDemoDepartures } = await import('./db/seed/demo-departures');
        await seedDemoDepartures(ctx);
        // The demo's dispenses (issue 19), through the services, requestDispense and the
        // renewal job: once, with the demo itself.
        const { seedDemoDispenses } = await import('./db/seed/demo-dispenses');
        await seedDemoDispenses(ctx);
      }
    }
    if (database.dialect === 'sqlite' || seeded) {
      await refreshPlannerStatistics(ctx.db, database.dialect);
    }
    return {
      ctx,
      log,
      database,
      seeded,
      async close() {
        await ctx.outboxWorker?.stop();
        smtp?.close();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
