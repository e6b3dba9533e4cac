import { sql } from 'kysely';
import type { AppContext } from '../src/lib/context';

/**
 * Makes the database refuse every insert into `table`, as a constraint would, until the
 * returned function is called: how a command's test breaks it midway to check that nothing
 * of it was written. A trigger on either database (this file is test code, so it may know the
 * dialect).
 */
export async function refuseInsertsInto(
  ctx: Pick<AppContext, 'db' | 'dialect'>,
  table: string,
): Promise<() => Promise<void>> {
  const name = `affilia_test_refuse_${table}`;
  if (ctx.dialect === 'postgres') {
    await sql
      .raw(
        `create function ${name}() returns trigger language plpgsql as $$ begin raise exception 'refusé par la base'; end $$`,
      )
      .execute(ctx.db);
    await sql
      .raw(
        `create trigger ${name} before insert on ${table} for each row execute function ${name}()`,
      )
      .execute(ctx.db);
    return async () => {
      await sql.raw(`drop trigger ${name} on ${table}`).execute(ctx.db);
      await sql.raw(`drop function ${name}()`).execute(ctx.db);
    };
  }
  await sql
    .raw(
      `create trigger ${name} before insert on ${table} begin select raise(abort, 'refusé par la base'); end`,
    )
    .execute(ctx.db);
  return async () => {
    await sql.raw(`drop trigger ${name}`).execute(ctx.db);
  };
}
