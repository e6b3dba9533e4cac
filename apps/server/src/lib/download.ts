import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { contentDisposition, fileNameFor } from './file-types';

/**
 * Sends a stored file for download only (SPEC §9): `Content-Disposition: attachment`,
 * `X-Content-Type-Options: nosniff`, a sandboxing CSP, never cached. The name sent ends with
 * the extension of the stored type (detected from the bytes at upload), whatever it was named.
 * `bytes` is the file itself or, for a stored file, its stream (`storage.openRead`): piped to the
 * client as it is read, never whole in memory.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { bytes: Buffer | Readable; fileName: string; mimeType: string },
) {
  return reply
    .type(file.mimeType)
    .header('content-disposition', contentDisposition(fileNameFor(file.fileName, file.mimeType)))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.bytes);
}
