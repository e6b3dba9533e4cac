import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../test/s3-server';
import { createS3Storage } from './s3-storage';
import { run } from './storage.cli';
import { createFileStorage } from './storage';

let s3: TestS3Server;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-migrate-'));
beforeAll(async () => {
  s3 = await startS3Server('affilia-migrate');
});
afterAll(async () => {
  await s3?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { ...s3.env, FILE_STORAGE: 'local', FILE_STORAGE_DIR: dir };
  return run(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({
    code,
    out: out.join('\n'),
    err: err.join('\n'),
  }));
}

describe('issue 17: npm run cli -- storage migrate --to s3', () => {
  it('copies every file of the folder under its key, then only what is missing', async () => {
    const local = createFileStorage(dir);
    const files = [
      { bytes: Buffer.from('%PDF-1.7 BIA'), mimeType: 'application/pdf' },
      { bytes: crypto.randomBytes(50_000), mimeType: 'image/png' },
      { bytes: Buffer.from('\uFEFFLigne;Résultat\r\n'), mimeType: 'text/csv' },
    ];
    const saved = await Promise.all(
      files.map((f) => local.save(f.bytes, { originalName: 'x', mimeType: f.mimeType })),
    );
    // A write in progress (its temporary file) is not a stored file.
    fs.writeFileSync(path.join(dir, `${saved[0]?.storageKey}.abc123.tmp`), 'half');

    const first = await cli(['migrate', '--to', 's3']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('3 fichier(s) copié(s), 0 déjà présent(s), 0 en échec.');
    const bucket = createS3Storage(s3.settings);
    for (const [i, f] of files.entries()) {
      const key = saved[i]?.storageKey ?? '';
      expect((await bucket.read(key)).equals(f.bytes)).toBe(true);
    }

    const more = await local.save(Buffer.from('%PDF-1.7 v2'), {
      originalName: 'y',
      mimeType: 'application/pdf',
    });
    const again = await cli(['migrate', '--to', 's3']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('1 fichier(s) copié(s), 3 déjà présent(s), 0 en échec.');
    expect(await bucket.has(more.storageKey)).toBe(true);
    expect(await local.has(more.storageKey)).toBe(true); // the folder is left as it is
  });

  it('says how to call it, and what the bucket needs', async () => {
    expect((await cli(['migrate'])).code).toBe(2);
    expect((await cli(['copy', '--to', 's3'])).err).toContain('storage migrate --to s3');
    const noBucket = await run(['migrate', '--to', 's3'], {
      env: { FILE_STORAGE_DIR: dir },
      out: () => {},
      err: (l) => expect(l).toMatch(/S3_BUCKET, S3_REGION/),
    });
    expect(noBucket).toBe(2);
  });
});
