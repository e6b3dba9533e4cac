import { buildApp } from './app';
import { createRuntime, type Runtime } from './bootstrap';
import { ConfigError, loadConfig, type Config } from './config';
import type { DemoInfo } from './db/seed/demo';
import { startJobsWorker } from './jobs/runner';
import { DataKeyError } from './lib/crypto';
import { startOutboxWorker } from './lib/outbox/outbox';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`\n${err.message}\n\nSee README.md, section Configuration.\n`);
      process.exit(1);
    }
    throw err;
  }

  let runtime: Runtime;
  try {
    runtime = await createRuntime(config);
  } catch (err) {
    if (err instanceof DataKeyError) {
      console.error(`\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const { ctx, log } = runtime;
  const app = await buildApp(ctx, { loggerInstance: log });
  ctx.outboxWorker = startOutboxWorker(
    {
      db: ctx.db,
      mail: ctx.mail,
      sms: ctx.sms,
      clock: ctx.clock,
      log,
      scrubSentSms: config.isProduction,
      storage: ctx.storage,
    },
    config.outboxPollMs,
  );
  const jobsWorker = startJobsWorker(ctx, log, config.jobsIntervalMs);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void (async () => {
      await app.close(); // stops accepting, lets requests in flight finish
      await jobsWorker.stop(); // lets a run in progress finish
      await runtime.close(); // outbox worker, SMTP, database
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  if (!config.isProduction) {
    // The demo module (and pdf-lib with it) is loaded only where demo data may exist.
    const { getDemoInfo } = await import('./db/seed/demo');
    printWelcome(config, await getDemoInfo(ctx.db), runtime.seeded !== null);
  }
}

function printWelcome(config: Config, demo: DemoInfo, firstRun: boolean): void {
  const url = config.publicUrl;
  const lines = [
    '',
    `  Affilia is running: ${url}`,
    `  ${firstRun ? 'Demo data created' : 'Existing data kept'} — database: ${config.databaseUrl.replace(/\/\/[^@]*@/, '//***@')}`,
    '',
    '  Demo accounts:',
    ...demo.accounts.map((a) => `    ${a.role.padEnd(34)} ${a.email.padEnd(36)} ${a.password}`),
    '',
    '  « Activer mon espace » — establishments not activated yet:',
    ...demo.activation.flatMap((a) => [
      `    ${a.company.padEnd(34)} SIRET ${a.siret}   Identifiant entreprise ${a.companyIdentifier}`,
      `      ${a.activationAllowed ? '✓' : '✗'} ${a.note}`,
    ]),
    '',
    `  Development mailbox (emails and SMS): ${url}/dev/mailbox`,
    `  API documentation: ${url}/api/docs`,
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
