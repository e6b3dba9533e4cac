import type { Migration } from 'kysely';

/** Every migration, in order. Names sort in application order. */
export const migrations: Record<string, Migration> = {};
