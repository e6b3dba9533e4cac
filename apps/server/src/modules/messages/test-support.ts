/** Test helpers of the messages (employer and back office): a multipart message. */
import type { Browser } from '../../../test/helper';

interface FilePart {
  name: string;
  bytes: Buffer;
  type?: string;
}

/** A multipart message: text fields, then files (field `files`). */
export function sendMessageForm(
  b: Browser,
  url: string,
  fields: Record<string, string>,
  files: FilePart[] = [],
) {
  const boundary = `----affilia${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
    );
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return b.app.inject({
    method: 'POST',
    url,
    remoteAddress: '203.0.113.20',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'x-requested-with': 'affilia',
      cookie: b.jar.header(),
    },
    payload: Buffer.concat(parts),
  });
}
