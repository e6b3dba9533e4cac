/**
 * Back-office imports in the background (issue 15): the upload answers as soon as the file is
 * checked and counted (a file-level error is still the upload's answer), the rows are applied
 * after, and the page follows the job row every second: rows done / rows of the file, then the
 * report. Everything is in the database (any instance answers the page); the instance running
 * the job beats every few seconds in `updated_at`, and a running job not heard of for
 * `STALE_AFTER_MS` reads as interrupted (its process stopped: the batches applied before stay).
 */
import type {
  ReferenceImportJob,
  ReferenceImportJobStatus,
  ReferenceImportReport,
} from '@affilia/shared/schemas/reference-import';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { ReferenceImportJobsTable } from '../../db/schema';
import type { Selectable } from 'kysely';
import { deleteJob, deleteJobsBefore, findJob, insertJob, updateJob } from './import.repository';
import { runReferenceImport, type ImportDeps, type RunImportInput } from './import.service';

/** How often the running instance writes its heartbeat (and the progress, at most). */
export const HEARTBEAT_MS = 2000;
/** A running job silent for longer reads as interrupted. */
export const STALE_AFTER_MS = 30_000;
/** How long a job row is kept (the page only needs it while the import runs). */
const KEPT_MS = 24 * 3600 * 1000;

export const INTERRUPTED_MESSAGE =
  'L’import s’est interrompu (le serveur qui le traitait s’est arrêté). Les lots déjà enregistrés le restent : importez de nouveau le fichier, les lignes déjà appliquées seront « inchangées ».';

type JobRow = Selectable<ReferenceImportJobsTable>;

/** What a job row reads as at `now`: a running job whose heartbeat stopped is interrupted. */
export function jobStatus(
  row: Pick<JobRow, 'status' | 'updated_at'>,
  now: Date,
): ReferenceImportJobStatus {
  if (row.status === 'done' || row.status === 'failed') return row.status;
  return now.getTime() - new Date(row.updated_at).getTime() > STALE_AFTER_MS
    ? 'interrupted'
    : 'running';
}

export function toJob(row: JobRow, now: Date): ReferenceImportJob {
  const status = jobStatus(row, now);
  return {
    id: row.id,
    status,
    rowsDone: Number(row.rows_done),
    rowsTotal: Number(row.rows_total),
    report: row.result ? (JSON.parse(row.result) as ReferenceImportReport) : null,
    error: status === 'interrupted' ? INTERRUPTED_MESSAGE : row.error_message,
  };
}

/**
 * Starts an import in the background: resolves with the job's id once the file is checked and
 * counted, rejects with the file's error (nothing applied, no job left) before that.
 */
export async function startImportJob(
  deps: ImportDeps,
  input: Omit<RunImportInput, 'onStart' | 'onRows'>,
): Promise<{ id: string; finished: Promise<void> }> {
  const id = newId();
  const at = () => deps.now().toISOString();
  // The rows of jobs older than a day go (their report stays in the history).
  await deleteJobsBefore(deps.db, new Date(deps.now().getTime() - KEPT_MS).toISOString());
  await insertJob(deps.db, {
    id,
    kind: input.kind,
    file_name: input.fileName,
    dry_run: input.dryRun ? 1 : 0,
    actor_user_id: input.actor?.userId ?? null,
    status: 'running',
    created_at: at(),
    updated_at: at(),
  });

  let rowsDone = 0;
  let rowsTotal = 0;
  const beat = () =>
    updateJob(
      deps.db,
      id,
      { rows_done: rowsDone, rows_total: rowsTotal, updated_at: at() },
      true,
    ).then(
      () => undefined,
      () => undefined,
    );
  const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
  heartbeat.unref();

  let started!: () => void;
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  const running = runReferenceImport(deps, {
    ...input,
    onStart: (total) => {
      rowsTotal = total;
      void beat();
      started();
    },
    onRows: (done) => {
      rowsDone = done;
    },
  });
  const finished = running.then(
    async (result) => {
      clearInterval(heartbeat);
      await updateJob(deps.db, id, {
        status: 'done',
        rows_done: result.report.summary.total,
        import_id: result.id,
        result: JSON.stringify(result.report),
        updated_at: at(),
      });
    },
    async (err: unknown) => {
      clearInterval(heartbeat);
      await updateJob(deps.db, id, {
        status: 'failed',
        error_message:
          'L’import s’est arrêté sur une erreur inattendue. Les lots déjà enregistrés le restent : importez de nouveau le fichier, les lignes déjà appliquées seront « inchangées ».',
        updated_at: at(),
      });
      throw err;
    },
  );
  try {
    await Promise.race([startedPromise, running]);
  } catch (err) {
    // The file was refused before any row was applied: the upload answers with its error.
    await finished.catch(() => undefined);
    await deleteJob(deps.db, id);
    throw err;
  }
  // `finished` rejects with the import's error (the job row already says it failed).
  return { id, finished };
}

export async function readImportJob(deps: Pick<ImportDeps, 'db' | 'now'>, id: string) {
  const row = await findJob(deps.db, id);
  if (!row) throw notFound('Cet import est introuvable.');
  return toJob(row, deps.now());
}
