import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Kysely, SqliteDialect } from 'kysely';
import { BULK_STATEMENTS_KEPT, literalLimits, withStatementCache } from './database';

const inList = (n: number) => `select id from t where id in (${Array(n).fill('?').join(', ')})`;

describe('the SQLite statement cache (issue 15: an import of a million rows)', () => {
  let sqlite: SQLite.Database | undefined;
  afterEach(() => sqlite?.close());

  function cached() {
    sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (id integer primary key)');
    const prepare = vi.spyOn(sqlite, 'prepare');
    return { db: withStatementCache(sqlite), prepare };
  }

  it('keeps a small statement: prepared once', () => {
    const { db, prepare } = cached();
    db.prepare('select id from t where id = ?').all(1);
    db.prepare('select id from t where id = ?').all(2);
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('keeps only the last bulk statements (each holds about a MB of SQLite memory), the repeated ones', () => {
    const { db, prepare } = cached();
    // An import's batches: the full chunk's shape again and again, a new remainder each time.
    for (let batch = 0; batch < 40; batch += 1) {
      db.prepare(inList(5000));
      db.prepare(inList(1000 + batch));
    }
    expect(prepare).toHaveBeenCalledTimes(1 + 40);
    prepare.mockClear();
    db.prepare(inList(1000)); // the first remainder: gone, prepared again
    db.prepare(inList(1039)); // the last: kept
    db.prepare('select id from t where id in (?, ?)'); // small ones are not pushed out
    expect(prepare).toHaveBeenCalledTimes(2);
    expect(BULK_STATEMENTS_KEPT).toBeLessThanOrEqual(10);
  });

  it('writes a limit in the SQL (SQLite plans for it), keeps offsets bound', async () => {
    sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (id integer primary key)');
    sqlite.exec('insert into t values (1), (2), (3)');
    const db = new Kysely<{ t: { id: number } }>({
      dialect: new SqliteDialect({ database: sqlite }),
      plugins: [literalLimits],
    });
    const query = db.selectFrom('t').select('id').orderBy('id').limit(2).offset(1);
    const compiled = query.compile();
    expect(compiled.sql).toBe('select "id" from "t" order by "id" limit 2 offset ?');
    expect(compiled.parameters).toEqual([1]);
    expect(await query.execute()).toEqual([{ id: 2 }, { id: 3 }]);
  });
});
