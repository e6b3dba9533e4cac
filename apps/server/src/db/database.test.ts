import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from './database';

describe('openDatabase (SQLite): rows read in raw mode and made into objects', () => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('gives the same rows as better-sqlite3 itself: columns in order, nulls, a repeated name, streams and returning', async () => {
    handle = openDatabase(':memory:');
    const { db } = handle;
    await sql`create table t (id integer primary key, name text, note text)`.execute(db);
    await sql`insert into t (name, note) values ('a', null), ('b', 'x')`.execute(db);
    const query = sql`select id, name, note, name as dup, note as dup from t order by id`;
    const { rows } = await query.execute(db);

    const native = new SQLite(':memory:');
    native.exec(`create table t (id integer primary key, name text, note text);
      insert into t (name, note) values ('a', null), ('b', 'x');`);
    const expected = native
      .prepare('select id, name, note, name as dup, note as dup from t order by id')
      .all();
    native.close();
    expect(rows).toEqual(expected);
    expect(rows).toEqual([
      { id: 1, name: 'a', note: null, dup: null },
      { id: 2, name: 'b', note: 'x', dup: 'x' },
    ]);
    expect(Object.keys(rows[0] as object)).toEqual(['id', 'name', 'note', 'dup']);

    // The same statement again (from the cache), a stream (`iterate`), an insert … returning.
    expect((await query.execute(db)).rows).toEqual(rows);
    const streamed: unknown[] = [];
    for await (const row of db
      .selectFrom('t' as never)
      .selectAll()
      .stream())
      streamed.push(row);
    expect(streamed).toEqual([
      { id: 1, name: 'a', note: null },
      { id: 2, name: 'b', note: 'x' },
    ]);
    const inserted = await sql`insert into t (name) values ('c') returning id, name`.execute(db);
    expect(inserted.rows).toEqual([{ id: 3, name: 'c' }]);
    const updated = await sql`update t set note = 'y' where id = 3`.execute(db);
    expect(updated.numAffectedRows).toBe(1n);
  });
});
