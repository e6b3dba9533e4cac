/**
 * Attachments of the messages (SPEC §5.7, §9): at most 4 files of 3 MB each, the type decided
 * from the bytes against an allow-list (lib/file-types.ts): PDF, JPEG, PNG, DOCX, XLSX and CSV
 * (text without control characters, named .csv); the name ends with the type's extension.
 */
import type { FastifyRequest } from 'fastify';
import {
  MESSAGE_ATTACHMENT_MAX_BYTES,
  MESSAGE_ATTACHMENT_MAX_COUNT,
} from '@affilia/shared/schemas/messages';
import { AppError, badRequest } from '../../lib/errors';
import {
  CSV,
  DOCX,
  JPEG,
  PDF,
  PNG,
  XLSX,
  cleanFileName,
  detectFileType,
  fileNameFor,
  type FileType,
} from '../../lib/file-types';

const MESSAGE_FILE_TYPES = [PDF, JPEG, PNG, DOCX, XLSX, CSV] as const;

export interface UploadedFile {
  bytes: Buffer;
  fileName: string;
  mimeType: FileType;
}

const MB = MESSAGE_ATTACHMENT_MAX_BYTES / 1024 / 1024;
const FORMATS = 'PDF, JPEG, PNG, DOCX, XLSX ou CSV';

const tooLarge = () =>
  new AppError(
    'attachment_too_large',
    413,
    `Une pièce jointe dépasse ${MB} Mo : réduisez-la avant de l’envoyer.`,
    { attachments: `${MB} Mo au plus par fichier` },
  );
const tooMany = () =>
  badRequest(
    'attachment_too_many_files',
    `${MESSAGE_ATTACHMENT_MAX_COUNT} pièces jointes au plus par message.`,
    { attachments: `${MESSAGE_ATTACHMENT_MAX_COUNT} fichiers au plus` },
  );

/**
 * The text fields and the files (field `files`, repeated) of a multipart message. Every file is
 * checked (size, count, type from the bytes) before anything is stored.
 */
export async function readMessageForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  if (!request.isMultipart()) {
    throw new AppError(
      'multipart_expected',
      415,
      'Envoyez le message sous forme de formulaire (multipart/form-data).',
    );
  }
  const fields: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    const parts = request.parts({
      limits: {
        fileSize: MESSAGE_ATTACHMENT_MAX_BYTES,
        files: MESSAGE_ATTACHMENT_MAX_COUNT,
        fields: 10,
        fieldSize: 64 * 1024,
        parts: MESSAGE_ATTACHMENT_MAX_COUNT + 10,
      },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (bytes.length === 0) {
          throw badRequest(
            'attachment_empty',
            `Le fichier « ${cleanFileName(part.filename, 'sans nom')} » est vide.`,
            {
              attachments: 'Fichier vide',
            },
          );
        }
        const mimeType = detectFileType(bytes, part.filename, MESSAGE_FILE_TYPES);
        if (!mimeType) {
          throw new AppError(
            'attachment_type_refused',
            415,
            `Ce fichier n’est pas au format ${FORMATS} : choisissez un autre fichier.`,
            { attachments: `Formats acceptés : ${FORMATS}` },
          );
        }
        files.push({ bytes, fileName: fileNameFor(part.filename, mimeType), mimeType });
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw tooMany();
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw badRequest('validation_error', 'Formulaire invalide.');
    }
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      throw new AppError('multipart_expected', 415, 'Formulaire invalide.');
    }
    throw err;
  }
  return { fields, files };
}
