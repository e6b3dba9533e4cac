/** Kysely table types: one interface per table, the Database interface maps table names. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
