/**
 * Attachments of the messages (SPEC §5.7, §9): at most 4 files of 3 MB each, the type decided
 * from the bytes against an allow-list: PDF, JPEG, PNG (the enrolment's check), DOCX and XLSX
 * (a ZIP holding `word/` or `xl/` parts) and CSV (text without control characters, named .csv).
 */
import type { FastifyRequest } from 'fastify';
import {
  MESSAGE_ATTACHMENT_MAX_BYTES,
  MESSAGE_ATTACHMENT_MAX_COUNT,
} from '@affilia/shared/schemas/messages';
import { AppError, badRequest } from '../../lib/errors';
import { contentDisposition, detectAttachmentType } from '../enrolment/file-type';

export type MessageFileType =
  | 'application/pdf'
  | 'image/png'
  | 'image/jpeg'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'text/csv';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DEFAULT_NAMES: Record<MessageFileType, string> = {
  'application/pdf': 'document.pdf',
  'image/png': 'image.png',
  'image/jpeg': 'image.jpg',
  [DOCX]: 'document.docx',
  [XLSX]: 'classeur.xlsx',
  'text/csv': 'donnees.csv',
};

/** The allowed type of these bytes (the name only tells a CSV apart), or null. */
export function detectMessageFileType(bytes: Buffer, fileName: string): MessageFileType | null {
  const basic = detectAttachmentType(bytes);
  if (basic) return basic;
  const lower = fileName.toLowerCase();
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    // An Office Open XML file is a ZIP whose part names are readable in its local headers.
    const names = bytes.toString('latin1');
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/') && lower.endsWith('.docx')) return DOCX;
    if (names.includes('xl/') && lower.endsWith('.xlsx')) return XLSX;
    return null;
  }
  if (lower.endsWith('.csv') && isPlainText(bytes)) return 'text/csv';
  return null;
}

function isPlainText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
    if (b === 0x7f) return false;
  }
  return true;
}

/** A file name safe to store and show: no folders, no control characters, at most 120 chars. */
export function safeMessageFileName(name: string | undefined, type: MessageFileType): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '')
    .trim()
    .slice(-120);
  return base !== '' ? base : DEFAULT_NAMES[type];
}

export { contentDisposition };

export interface UploadedFile {
  bytes: Buffer;
  fileName: string;
  mimeType: MessageFileType;
}

const MB = MESSAGE_ATTACHMENT_MAX_BYTES / 1024 / 1024;
const FORMATS = 'PDF, JPEG, PNG, DOCX, XLSX ou CSV';

const tooLarge = () =>
  new AppError(
    'attachment_too_large',
    413,
    `Une pièce jointe dépasse ${MB} Mo : réduisez-la avant de l'envoyer.`,
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
          throw badRequest('attachment_empty', `Le fichier « ${part.filename} » est vide.`, {
            attachments: 'Fichier vide',
          });
        }
        const mimeType = detectMessageFileType(bytes, part.filename ?? '');
        if (!mimeType) {
          throw new AppError(
            'attachment_type_refused',
            415,
            `Ce fichier n’est pas au format ${FORMATS} : choisissez un autre fichier.`,
            { attachments: `Formats acceptés : ${FORMATS}` },
          );
        }
        files.push({ bytes, fileName: safeMessageFileName(part.filename, mimeType), mimeType });
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
