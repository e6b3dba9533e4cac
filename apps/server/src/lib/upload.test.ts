import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, jsonHeaders, type TestApp } from '../../test/helper';
import { scope } from '../modules/auth/scopes';
import { badRequest } from './errors';
import { fieldOrQuery, oneFileAtATime, readUpload } from './upload';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({
    async setup(app) {
      await app.register(
        scope('public', {
          prefix: '/api/test',
          routes: async (open) => {
            open.post('/upload', async (request) => {
              const upload = await readUpload(request, {
                maxBytes: 16,
                maxFields: 2,
                noFile: () => badRequest('test_no_file', 'Choisissez un fichier.'),
                tooLarge: () => badRequest('test_too_large', 'Trop gros.'),
                tooMany: () => oneFileAtATime('test_too_many'),
              });
              return {
                text: upload.bytes.toString('utf8'),
                fileName: upload.fileName,
                kind: fieldOrQuery(request, upload, 'kind') ?? null,
              };
            });
          },
        }),
      );
    },
  });
});
afterAll(() => t.close());

function form(parts: { name: string; file?: string; value: string }[]) {
  const boundary = 'essai-boundary';
  const body = [
    ...parts.flatMap((p) => [
      `--${boundary}`,
      p.file
        ? `Content-Disposition: form-data; name="${p.name}"; filename="${p.file}"`
        : `Content-Disposition: form-data; name="${p.name}"`,
      ...(p.file ? ['Content-Type: text/plain'] : []),
      '',
      p.value,
    ]),
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return {
    headers: { ...jsonHeaders, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  };
}

const post = (url: string, f: ReturnType<typeof form>) =>
  t.app.inject({ method: 'POST', url, ...f });
const codeOf = (res: { json: () => unknown }) =>
  (res.json() as { error: { code: string } }).error.code;

describe('readUpload: the one file of every upload route (issue 16)', () => {
  it('gives the bytes, the name and the fields before the file; a field wins over the query', async () => {
    const res = await post(
      '/api/test/upload?kind=requete',
      form([
        { name: 'kind', value: 'champ' },
        { name: 'file', file: 'note.txt', value: 'bonjour' },
      ]),
    );
    expect(res.json()).toEqual({ text: 'bonjour', fileName: 'note.txt', kind: 'champ' });
    const fromQuery = await post(
      '/api/test/upload?kind=requete',
      form([{ name: 'file', file: 'note.txt', value: 'x' }]),
    );
    expect(fromQuery.json()).toMatchObject({ kind: 'requete' });
  });

  it('answers in the route’s words: no file, too large, two files', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/test/upload',
      headers: jsonHeaders,
      payload: { a: 1 },
    });
    expect(codeOf(json)).toBe('test_no_file');
    const large = await post(
      '/api/test/upload',
      form([{ name: 'file', file: 'a.txt', value: 'x'.repeat(17) }]),
    );
    expect(codeOf(large)).toBe('test_too_large');
    const two = await post(
      '/api/test/upload',
      form([
        { name: 'file', file: 'a.txt', value: 'a' },
        { name: 'file', file: 'b.txt', value: 'b' },
      ]),
    );
    expect(two.statusCode).toBe(400);
    expect(codeOf(two)).toBe('test_too_many');
  });
});
