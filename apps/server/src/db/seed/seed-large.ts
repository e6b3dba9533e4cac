/**
 * Fills a database with a large, realistic data set for performance work:
 *
 *   npm run seed:large -- --members 100000 --establishments 1000 [--database path] [--seed 42] [--reset]
 *
 * Target: --database (a SQLite path, relative to where the command is run, or a PostgreSQL
 * URL), else DATABASE_URL if set, else data/affilia-large.db. The data key is the one the
 * server would use for that database (DATA_ENCRYPTION_KEY, or the key file beside it, created
 * if needed), so `DATABASE_URL=data/affilia-large.db npm start` reads what this wrote.
 *
 * Content: the insurer's settings, terms and tips, 3 companies sharing the establishments
 * (60 / 25 / 15 %), their contracts, the members with one or two coverages each, and the demo
 * accounts (the administrator administers all 3 companies). Same generators as the demo seed.
 */
import { insertBatched } from '../insert-batched';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { todayIsoDate } from '@affilia/shared/validators/dates';
import { loadConfig } from '../../config';
import { createFieldCipher, loadOrCreateDataKey, type FieldCipher } from '../../lib/crypto';
import { resolveFromRoot } from '../../lib/paths';
import {
  dialectOf,
  migrateToLatest,
  openDatabase,
  refreshPlannerStatistics,
  type Db,
} from '../database';
import {
  buildCompany,
  generateMembers,
  hashDemoPasswords,
  insertCompanies,
  insertDemoAccounts,
  insertInsurerSettings,
  insertTerms,
  insertTips,
  type SeededCompany,
} from './common';
import { DEMO_COMPANIES } from './content';
import {
  CITIES,
  createNirGenerator,
  createRng,
  instantBefore,
  makeSiren,
  makeStreet,
} from './generators';

export interface LargeSeedOptions {
  db: Db;
  cipher: FieldCipher;
  members: number;
  establishments: number;
  now?: Date;
  seed?: number;
}

export interface LargeSeedSummary {
  companies: number;
  establishments: number;
  members: number;
  coverages: number;
  ms: number;
}

/** Shares of establishments and members of the 3 companies. */
const SHARES = [0.6, 0.25, 0.15] as const;

function split(total: number, min: number): number[] {
  const parts = SHARES.map((s) => Math.max(min, Math.floor(total * s)));
  parts[0] = Math.max(min, total - (parts[1] ?? 0) - (parts[2] ?? 0));
  return parts;
}

/** Seeds an empty, migrated database. Throws if it already has companies. */
export async function seedLarge(opts: LargeSeedOptions): Promise<LargeSeedSummary> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const today = todayIsoDate(now);
  const existing = await opts.db.selectFrom('companies').select('id').limit(1).execute();
  if (existing.length > 0)
    throw new Error(
      'The database already has companies: use an empty database (or --reset for a SQLite file).',
    );

  const rng = createRng(opts.seed ?? 42);
  const nirs = createNirGenerator(rng);
  const establishmentCounts = split(opts.establishments, 1);
  const memberCounts = split(opts.members, 0);
  const companies: SeededCompany[] = DEMO_COMPANIES.map((def, i) =>
    buildCompany({
      ...def,
      siren: makeSiren(rng),
      establishments: Array.from({ length: establishmentCounts[i] ?? 1 }, (_, j) => {
        const city = CITIES[(j + i * 7) % CITIES.length] ?? CITIES[0];
        const round = Math.floor(j / CITIES.length);
        return {
          name: `${def.name} ${city?.city ?? ''}${round > 0 ? ` ${round + 1}` : ''}`,
          street: makeStreet(rng),
          postalCode: city?.postalCode ?? '75001',
          city: city?.city ?? 'Paris',
          weight: rng.int(1, 10),
        };
      }),
    }),
  );
  const passwordHashes = await hashDemoPasswords();
  const at = instantBefore(now, 30, 7);

  let coverages = 0;
  await opts.db.transaction().execute(async (trx) => {
    await insertInsurerSettings(trx, { now: now.toISOString(), logoFileId: null });
    const termsVersionId = await insertTerms(trx, now);
    await insertTips(trx, now);
    await insertCompanies(trx, companies, at);
    const [first, , third] = companies as [SeededCompany, SeededCompany, SeededCompany];
    await insertDemoAccounts(trx, {
      now,
      termsVersionId,
      passwordHashes,
      grants: {
        employerAdmin: companies.map((c) => ({
          companyId: c.id,
          role: 'admin' as const,
          establishmentIds: null,
        })),
        employerUser: [
          {
            companyId: first.id,
            role: 'user',
            establishmentIds: first.establishments
              .slice(0, Math.max(1, Math.ceil(first.establishments.length / 20)))
              .map((e) => e.id),
          },
        ],
        thirdParty: [{ companyId: third.id, role: 'user', establishmentIds: null }],
      },
    });
    // Members in chunks: bounded memory, one transaction.
    const CHUNK = 10_000;
    for (const [i, company] of companies.entries()) {
      let left = memberCounts[i] ?? 0;
      while (left > 0) {
        const count = Math.min(CHUNK, left);
        left -= count;
        const generated = generateMembers(rng, {
          nirs,
          cipher: opts.cipher,
          company,
          count,
          today,
          at,
        });
        await insertBatched(
          trx,
          'members',
          generated.map((m) => m.member),
        );
        const rows = generated.flatMap((m) => m.coverages);
        coverages += rows.length;
        await insertBatched(trx, 'coverages', rows);
      }
    }
  });
  return {
    companies: companies.length,
    establishments: companies.reduce((n, c) => n + c.establishments.length, 0),
    members: opts.members,
    coverages,
    ms: Math.round(performance.now() - started),
  };
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} expects a whole number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      members: { type: 'string' },
      establishments: { type: 'string' },
      database: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'Usage: npm run seed:large -- --members 100000 --establishments 1000 [--database path|postgres-url] [--seed 42] [--reset]',
    );
    return;
  }
  const members = positiveInt('members', values.members, 100_000);
  const establishments = Math.max(3, positiveInt('establishments', values.establishments, 1000));
  const invokedFrom = process.env.INIT_CWD ?? process.cwd();
  let target: string;
  if (values.database) {
    target =
      dialectOf(values.database) === 'postgres'
        ? values.database
        : path.resolve(invokedFrom, values.database);
  } else if (process.env.DATABASE_URL) {
    target = loadConfig().databaseUrl;
  } else {
    target = resolveFromRoot('data/affilia-large.db');
  }
  const dialect = dialectOf(target);
  if (values.reset) {
    if (dialect === 'postgres')
      throw new Error('--reset only deletes SQLite files: drop the PostgreSQL database yourself.');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
  }
  const config = loadConfig({ ...process.env, DATABASE_URL: target });
  const key = loadOrCreateDataKey({
    key: config.encryption.key,
    keyFile: config.encryption.keyFile,
    allowCreate: true,
  });
  const handle = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(handle.db);
    const summary = await seedLarge({
      db: handle.db,
      cipher: createFieldCipher(key),
      members,
      establishments,
      seed: positiveInt('seed', values.seed, 42),
    });
    await refreshPlannerStatistics(handle.db, dialect);
    const where =
      dialect === 'postgres'
        ? target.replace(/\/\/[^@]*@/, '//***@')
        : path.relative(invokedFrom, target);
    console.log(
      `seed:large — ${summary.members} members, ${summary.coverages} coverages, ${summary.establishments} establishments, ${summary.companies} companies into ${where} (${dialect}) in ${(summary.ms / 1000).toFixed(1)} s`,
    );
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
