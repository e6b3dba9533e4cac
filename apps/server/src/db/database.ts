import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';
import type * as Pg from 'pg';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SelectQueryNode,
  SqliteDialect,
  ValueNode,
  sql,
  type KyselyPlugin,
} from 'kysely';
import type { Database } from './schema';
import { migrations } from './migrations/index';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close: () => Promise<void>;
  /**
   * SQLite only: a consistent copy of the live database into a new file, through SQLite's online
   * backup API (the server keeps serving meanwhile). PostgreSQL is saved with pg_dump (README).
   */
  backup?: (toFile: string) => Promise<void>;
  /** PostgreSQL only: the pool's connections (open, idle) and the queries waiting for one. */
  poolStats?: () => { total: number; idle: number; waiting: number };
}

const require = createRequire(import.meta.url);
let pgModule: typeof Pg | undefined;

/** pg, loaded with the first PostgreSQL database: an embedded (SQLite) server never needs it. */
function loadPg(): typeof Pg {
  if (!pgModule) {
    const pg = require('pg') as typeof Pg;
    // bigint (count(*), sums) as a JS number; our counts stay far below 2^53.
    pg.types.setTypeParser(20, (v) => Number(v));
    // numeric as a JS number.
    pg.types.setTypeParser(1700, (v) => Number(v));
    pgModule = pg;
  }
  return pgModule;
}

export function dialectOf(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/**
 * Opens the database named by `url`: a PostgreSQL URL, or else the path of a SQLite file
 * (created with its folder if missing). The only place that knows about dialects. `poolMax`:
 * the PostgreSQL connections this process may open (DATABASE_POOL_MAX; mind the server's
 * max_connections, 100 by default, across every instance).
 */
export function openDatabase(url: string, opts: { poolMax?: number } = {}): DatabaseHandle {
  if (dialectOf(url) === 'postgres') {
    const pool = new (loadPg().Pool)({ connectionString: url, max: opts.poolMax ?? 10 });
    // An idle connection closed by the server (restart, failover, a dropped test database)
    // must not crash the process: the pool discards it and opens a new one when needed.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      close: () => db.destroy(),
      poolStats: () => ({
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
      }),
    };
  }
  if (url !== ':memory:') fs.mkdirSync(path.dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // SQLite's own page cache, per connection: 16 MB holds the hot indexes of « Mes salariés » at
  // 100,000 members. Any full read (an export, the figures) fills it to the limit and it stays:
  // at 64 MB it was most of an export's memory (docs/performance.md), for no gain the members
  // bench could see; pages beyond it are read again from the system's file cache.
  sqlite.pragma('cache_size = -16000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [literalLimits],
  });
  return {
    db,
    dialect: 'sqlite',
    close: () => db.destroy(),
    backup: async (toFile) => {
      await sqlite.backup(toFile);
    },
  };
}

/**
 * `limit 1` written in the SQL rather than bound (`limit ?`): with a bound limit SQLite plans
 * for any number of rows, and the check of the terms on every request (a join, `limit 1`) took
 * 0.013 ms instead of 0.0024 (2026-12-07). A limit is a constant of the code (a page size, 1),
 * so the statement cache keeps one statement per query as before. Offsets stay bound: they
 * change with every page. Only a query's own limit (not a subquery's): the node is replaced
 * without walking the query, which a full transformer did for every query (~3 % of the home
 * page's CPU). The members' page writes its own (members.repository's limitLiteral).
 */
export const literalLimits: KyselyPlugin = {
  transformQuery: ({ node }) => {
    if (!SelectQueryNode.is(node) || !node.limit || !ValueNode.is(node.limit.limit)) return node;
    const { value } = node.limit.limit;
    if (!Number.isSafeInteger(value) || Number(value) < 0) return node;
    return { ...node, limit: { ...node.limit, limit: ValueNode.createImmediate(value) } };
  },
  transformResult: (args) => Promise.resolve(args.result),
};

/** Bound parameters above which a statement is a bulk one (see withStatementCache). */
const BULK_STATEMENT_PARAMETERS = 100;
/** Bulk statements kept: an import's few shapes used again in every batch. */
export const BULK_STATEMENTS_KEPT = 8;

const parameterCount = (source: string) => {
  let count = 0;
  for (let i = source.indexOf('?'); i !== -1; i = source.indexOf('?', i + 1)) count += 1;
  return count;
};

/** A statement of a least-recently-used list, made the most recent. */
function takeFrom(lru: Map<string, SQLite.Statement>, source: string) {
  const statement = lru.get(source);
  if (statement) {
    lru.delete(source);
    lru.set(source, statement);
  }
  return statement;
}

function keepIn(
  lru: Map<string, SQLite.Statement>,
  most: number,
  source: string,
  statement: SQLite.Statement,
) {
  if (lru.size >= most) {
    const oldest = lru.keys().next().value;
    if (oldest !== undefined) lru.delete(oldest);
  }
  lru.set(source, statement);
}

/**
 * better-sqlite3 keeping its prepared statements: Kysely prepares every query anew, which costs
 * about as much as running a small query. Statements run synchronously to the end (Kysely's
 * driver calls `all`, `run` or `iterate`), so one statement is never used by two queries at once.
 *
 * Rows are read as arrays (better-sqlite3's raw mode) and made into objects here: better-sqlite3
 * builds each row object property by property in C++, which cost a third of a page of « Mes
 * salariés » (50 rows × 18 columns: 350 µs → 220 µs, docs/performance.md). Same objects: the
 * columns in order, a later column of the same name replacing an earlier one.
 *
 * Bulk statements (more than BULK_STATEMENT_PARAMETERS parameters: a long `in (…)` list, a
 * multi-row insert) have their own short list: each holds 0.7 to 1.5 MB of SQLite's memory, and
 * an import's batches give them a new shape each time (the last chunk of an insert, the batch's
 * NIR hashes). Among the 500, they were what grew with an import's rows: 45 MB at 300,000
 * rows, 1.4 MB more a batch (docs/performance.md). The shapes used again stay in the list.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const bulk = new Map<string, SQLite.Statement>();
  const prepare = (source: string) => {
    const kept = takeFrom(cache, source) ?? takeFrom(bulk, source);
    if (kept) return kept;
    const statement = rowsAsObjects(sqlite.prepare(source));
    if (parameterCount(source) > BULK_STATEMENT_PARAMETERS) {
      keepIn(bulk, BULK_STATEMENTS_KEPT, source, statement);
    } else keepIn(cache, max, source, statement);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/**
 * A statement whose `all`, `get` and `iterate` give the rows as objects, read in raw mode (see
 * withStatementCache). Statements that return no rows are given as they are.
 */
function rowsAsObjects(statement: SQLite.Statement): SQLite.Statement {
  if (!statement.reader) return statement;
  const names = statement.columns().map((c) => c.name);
  const raw = statement.raw(true);
  const toObject = (values: unknown[]) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i += 1) row[names[i]!] = values[i];
    return row;
  };
  // What Kysely's driver uses of a statement: `reader`, then `all` or `iterate`.
  const rows = {
    reader: true,
    all: (...params: unknown[]) => (raw.all(...params) as unknown[][]).map(toObject),
    get: (...params: unknown[]) => {
      const values = raw.get(...params) as unknown[] | undefined;
      return values && toObject(values);
    },
    iterate: function* (...params: unknown[]) {
      for (const values of raw.iterate(...params) as IterableIterator<unknown[]>) {
        yield toObject(values);
      }
    },
  };
  return rows as unknown as SQLite.Statement;
}

/** Applies every pending migration. Throws if one fails (the failed one is rolled back). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    if (error instanceof Error) throw error;
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${inspect(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Gives the query planner statistics about the data (which index to use for « Mes salariés »).
 * After a bulk load, and at each start: on SQLite `PRAGMA optimize` analyses only the tables
 * whose size changed a lot; PostgreSQL's autovacuum keeps them afterwards.
 *
 * On SQLite only the per-index averages are kept (`sqlite_stat1`), not the samples of
 * `sqlite_stat4` that better-sqlite3's build (SQLITE_ENABLE_STAT4) writes: with samples, a
 * statement whose bound values might change its plan is compiled again every time it runs
 * (https://sqlite.org/c3ref/prepare.html, « If the specific value bound to a host parameter in
 * the WHERE clause might influence the choice of query plan … recompiled »), which cost our
 * kept statements (withStatementCache) 0.01–0.07 ms each — the home page's count of dispenses
 * 0.079 → 0.007 ms, a page of « Mes salariés » 0.38 → 0.30 ms — for the same plans: ours go by
 * unique keys and selective indexes, which the averages choose as well (docs/performance.md).
 */
export async function refreshPlannerStatistics(db: Db, dialect: Dialect): Promise<void> {
  if (dialect !== 'sqlite') {
    await sql`analyze`.execute(db);
    return;
  }
  await sql`pragma optimize=0x10002`.execute(db);
  const stat4 = await sql<{ n: number }>`
    select count(*) as n from sqlite_schema where name = 'sqlite_stat4'`.execute(db);
  if (Number(stat4.rows[0]?.n ?? 0) === 0) return;
  const deleted = await sql`delete from sqlite_stat4`.execute(db);
  // Loads the statistics again into this connection's planner, when samples were removed.
  if (Number(deleted.numAffectedRows ?? 0) > 0) await sql`analyze sqlite_schema`.execute(db);
}

/** True when the database answers a trivial query. */
export async function isReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
