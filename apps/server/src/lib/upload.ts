/**
 * The one file of a multipart/form-data request (field `file`), with its text fields: every
 * upload route reads its file here, within its own limits, and answers in its own words when
 * there is no file, a file too large, or more than one (the request is read to its end: a second
 * file is refused, never silently dropped).
 */
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from './errors';

export interface UploadRules {
  maxBytes: number;
  /** Text fields that may come before the file. */
  maxFields: number;
  noFile: () => AppError;
  tooLarge: () => AppError;
  tooMany: () => AppError;
}

export interface Upload {
  bytes: Buffer;
  fileName: string | undefined;
  /** The text fields of the form. */
  fields: Record<string, string>;
}

export async function readUpload(request: FastifyRequest, rules: UploadRules): Promise<Upload> {
  try {
    const parts = request.parts({
      limits: {
        fileSize: rules.maxBytes,
        files: 1,
        fields: rules.maxFields,
        parts: rules.maxFields + 1,
      },
    });
    let file: { bytes: Buffer; fileName: string | undefined } | null = null;
    const fields: Record<string, string> = {};
    // Read to the end: a second file is refused, not silently dropped.
    for await (const part of parts) {
      if (part.type === 'file') {
        if (file) throw rules.tooMany();
        file = { bytes: await part.toBuffer(), fileName: part.filename };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
    if (!file) throw rules.noFile();
    return { ...file, fields };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw rules.tooLarge();
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') throw rules.noFile();
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw rules.tooMany();
    }
    throw err;
  }
}

/** A text field of the form, else the same name in the query string (`?kind=`). */
export function fieldOrQuery(
  request: FastifyRequest,
  upload: Upload,
  name: string,
): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.[name];
  return upload.fields[name] ?? (typeof fromQuery === 'string' ? fromQuery : undefined);
}

/** 400 for a request with more than one file (or too many fields): `code` names the upload. */
export const oneFileAtATime = (code: string) =>
  badRequest(code, 'Envoyez un seul fichier à la fois.', { file: 'Un seul fichier à la fois' });

/**
 * The spreadsheet of an import (.csv or .xlsx, field `file`, a few text fields before it): every
 * import reads its file here, with the same errors — `import_file_missing`,
 * `import_file_too_large` (413, `tooLargeAdvice` saying what to do with a larger file) and
 * `import_too_many_files`.
 */
export function readSpreadsheetUpload(
  request: FastifyRequest,
  maxBytes: number,
  tooLargeAdvice = 'découpez-le en plusieurs fichiers',
): Promise<Upload> {
  const mb = maxBytes / 1024 / 1024;
  return readUpload(request, {
    maxBytes,
    maxFields: 5,
    noFile: () =>
      badRequest('import_file_missing', 'Choisissez un fichier .xlsx ou .csv à envoyer.', {
        file: 'Choisissez un fichier .xlsx ou .csv',
      }),
    tooLarge: () =>
      new AppError(
        'import_file_too_large',
        413,
        `Le fichier dépasse ${mb} Mo : ${tooLargeAdvice}.`,
        {
          file: `Fichier trop volumineux (${mb} Mo au plus)`,
        },
      ),
    tooMany: () => oneFileAtATime('import_too_many_files'),
  });
}
