import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_member_latest_coverage';
import * as m0003 from './0003_reference_imports';
import * as m0004 from './0004_company_invitations';
import * as m0005 from './0005_outbox_attachments';
import * as m0006 from './0006_reference_import_jobs';
import * as m0007 from './0007_jobs_periods';
import * as m0008 from './0008_radiations';
import * as m0009 from './0009_dispenses';
import * as m0010 from './0010_member_changes';
import * as m0011 from './0011_affiliation_imports';
import * as m0012 from './0012_member_links';

/** Every migration, in order. Names sort in application order. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_member_latest_coverage': m0002,
  '0003_reference_imports': m0003,
  '0004_company_invitations': m0004,
  '0005_outbox_attachments': m0005,
  '0006_reference_import_jobs': m0006,
  '0007_jobs_periods': m0007,
  '0008_radiations': m0008,
  '0009_dispenses': m0009,
  '0010_member_changes': m0010,
  '0011_affiliation_imports': m0011,
  '0012_member_links': m0012,
};
