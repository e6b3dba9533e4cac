import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_member_latest_coverage';

/** Every migration, in order. Names sort in application order. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_member_latest_coverage': m0002,
};
