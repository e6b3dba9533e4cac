/**
 * Queries Kysely builds and compiles once per database handle, then runs with new values: for
 * the few that run on every signed-in request (the session, the user, the roles, the terms, the
 * data version). Building and compiling a query cost about as much as SQLite running it (~20 µs
 * each: a fifth of the home page's CPU, profiles of 2026-12-07, decision 0015).
 *
 * `build` gets placeholders in place of the values: each must be used as a value of its own
 * (compared by identity in the compiled parameters), never inside an expression; constants of
 * the query stay as compiled. Kept per handle: a transaction's handle compiles again, as Kysely
 * would.
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema';

type Db = Kysely<Database>;

interface Compiled {
  sql: string;
  /** For each parameter of the SQL: the index of the caller's value, or the constant. */
  slots: ({ arg: number } | { value: unknown })[];
}

const placeholder = (i: number) => `\u0000compiled-once-${i}\u0000`;

export function compiledOnce<A extends string[], O>(
  arity: A['length'],
  build: (db: Db, ...args: A) => Compilable<O>,
): (db: Db, ...args: A) => Promise<O[]> {
  const compiled = new WeakMap<Db, Compiled>();
  const compile = (db: Db): Compiled => {
    const names = Array.from({ length: arity }, (_, i) => placeholder(i)) as A;
    const query = build(db, ...names).compile();
    const slots = query.parameters.map((value) => {
      const arg = typeof value === 'string' ? names.indexOf(value) : -1;
      return arg >= 0 ? { arg } : { value };
    });
    if (slots.filter((s) => 'arg' in s).length !== arity) {
      throw new Error(`compiledOnce: each of the ${arity} values must be a parameter`);
    }
    return { sql: query.sql, slots };
  };
  return async (db, ...args) => {
    let query = compiled.get(db);
    if (!query) {
      query = compile(db);
      compiled.set(db, query);
    }
    const parameters = query.slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
    const result = await db.executeQuery<O>(CompiledQuery.raw(query.sql, parameters));
    return result.rows;
  };
}

/** How many compiled queries compiledPerInputs keeps per query and database handle. */
const KEPT_PER_QUERY = 500;

/**
 * Queries whose SQL follows their inputs (a perimeter, a list of companies, a day): each set of
 * inputs is built and compiled once per database handle and kept (the last `KEPT_PER_QUERY` used),
 * then run again as it was compiled, its values included. `keyOf` names every input `build`
 * reads — the actor by its `perimeterKey`, which covers the roles and the followed
 * establishments that `inPerimeter` reads: an input left out of the key would run the query of
 * other inputs. For the home page's counts (modules/dashboard), asked for by the same users with
 * the same inputs again and again.
 */
export function compiledPerInputs<A extends unknown[], O>(
  keyOf: (...args: A) => string,
  build: (db: Db, ...args: A) => Compilable<O>,
): (db: Db, ...args: A) => Promise<O[]> {
  const kept = new WeakMap<Db, Map<string, CompiledQuery<O>>>();
  return async (db, ...args) => {
    let queries = kept.get(db);
    if (!queries) {
      queries = new Map();
      kept.set(db, queries);
    }
    const key = keyOf(...args);
    let query = queries.get(key);
    if (query) {
      // Most recently used last (a Map keeps insertion order).
      queries.delete(key);
    } else {
      query = build(db, ...args).compile();
      if (queries.size >= KEPT_PER_QUERY) queries.delete(queries.keys().next().value!);
    }
    queries.set(key, query);
    const result = await db.executeQuery<O>(query);
    return result.rows;
  };
}
