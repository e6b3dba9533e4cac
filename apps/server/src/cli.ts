/**
 * The command line of the insurer's operators: `npm run cli -- <command> [options]`.
 *
 *   create-staff --email … --name … [--role admin|manager] [--mobile +336…]
 *       creates a back-office account and prints its password-creation link (the first
 *       back-office administrator of a new deployment is created this way);
 *   import <file.csv|file.xlsx> --kind companies|establishments|contracts|members
 *          [--dry-run] [--report <report.csv>]
 *       loads reference data (first loads: 100,000 members in under a minute) with the same
 *       parsing, rules and report as the back office's import;
 *   storage migrate --to s3
 *       copies the files of the local folder into the S3 bucket (FILE_STORAGE=s3's settings);
 *   backup --out <file.db>
 *       a consistent copy of the SQLite database while the server runs (PostgreSQL: pg_dump).
 *
 * Each command lives in its module (`*.cli.ts`) and is loaded only when called.
 */
const COMMANDS: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  'create-staff': () => import('./modules/staff/staff.cli'),
  import: () => import('./modules/reference-data/import.cli'),
  storage: () => import('./lib/storage.cli'),
  backup: () => import('./lib/backup.cli'),
};

function usage(): string {
  return [
    'Usage: npm run cli -- <command> [options]',
    '',
    'Commands:',
    '  create-staff --email <email> --name "<Prénom Nom>" [--role admin|manager] [--mobile <+336…>]',
    '  import <file.csv|file.xlsx> --kind companies|establishments|contracts|members [--dry-run] [--report <report.csv>]',
    '  storage migrate --to s3',
    '  backup --out <file.db>',
  ].join('\n');
}

async function main(): Promise<void> {
  const [command, ...argv] = process.argv.slice(2);
  const load = command ? COMMANDS[command] : undefined;
  if (!load) {
    console.error(usage());
    process.exit(command ? 2 : 0);
  }
  const code = await (await load()).run(argv);
  process.exit(code);
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
