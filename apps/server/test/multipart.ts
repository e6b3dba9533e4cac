import type { Browser } from './helper';

/** A file of a multipart form: its field, name, bytes and type (a PDF by default). */
export interface MultipartFile {
  field: string;
  name: string;
  bytes: Buffer;
  type?: string;
}

/**
 * A multipart/form-data POST from this browser: the text fields, then the files (every test's
 * upload: a message's attachments, an enrolment attachment, a paper dispense, a proof).
 */
export function postMultipart(
  b: Browser,
  url: string,
  fields: Record<string, string>,
  files: readonly MultipartFile[],
  opts: { remoteAddress?: string } = {},
) {
  const boundary = `affilia-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return b.app.inject({
    method: 'POST',
    url,
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'x-requested-with': 'affilia',
      cookie: b.jar.header(),
    },
    payload: Buffer.concat(parts),
  });
}
