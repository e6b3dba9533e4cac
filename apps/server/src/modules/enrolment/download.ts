import type { FastifyReply } from 'fastify';
import { contentDisposition } from './file-type';

/**
 * Sends a stored file for download only (SPEC §9): `Content-Disposition: attachment`,
 * `X-Content-Type-Options: nosniff`, a sandboxing CSP, never cached.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { bytes: Buffer; fileName: string; mimeType: string },
) {
  return reply
    .type(file.mimeType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.bytes);
}
