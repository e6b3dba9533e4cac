import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, type TestS3Server } from '../../test/s3-server';
import { createS3Storage } from './s3-storage';
import { StorageKeyError, createFileStorage, isValidStorageKey, type FileStorage } from './storage';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-storage-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const storage = createFileStorage(root);

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(() => s3?.close());

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The same suite for each adapter: what a caller relies on, whatever holds the files. */
describe.each([
  ['the local folder', () => storage as FileStorage],
  ['an S3-protocol server (s3rver)', () => createS3Storage(s3.settings)],
])('storage in %s', (_name, make) => {
  let store: FileStorage;
  beforeAll(() => {
    store = make();
  });

  it('saves under a generated key, reads back, streams, lists and removes a file', async () => {
    const bytes = crypto.randomBytes(200_000);
    const saved = await store.save(bytes, {
      originalName: '../x Relevé.pdf',
      mimeType: 'application/pdf',
    });
    expect(saved.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.pdf$/);
    expect(saved.size).toBe(bytes.length);
    expect(saved.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect((await store.read(saved.storageKey)).equals(bytes)).toBe(true);
    expect((await collect(await store.openRead(saved.storageKey))).equals(bytes)).toBe(true);
    expect(await store.has(saved.storageKey)).toBe(true);
    const keys: string[] = [];
    for await (const key of store.keys()) keys.push(key);
    expect(keys).toContain(saved.storageKey);
    await store.remove(saved.storageKey);
    expect(await store.has(saved.storageKey)).toBe(false);
    await expect(store.read(saved.storageKey)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(store.openRead(saved.storageKey)).rejects.toMatchObject({ code: 'ENOENT' });
    await store.remove(saved.storageKey); // idempotent
  });

  it('stores a file written on disk (an import report), in parts when large, and the file goes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-written-'));
    const written = path.join(dir, 'r.csv');
    // Over the S3 adapter's part size: sent as a multipart upload, streamed from the disk.
    const bytes = Buffer.concat([
      Buffer.from('\uFEFFLigne;Résultat\r\n'),
      crypto.randomBytes(9 * 1024 * 1024),
    ]);
    fs.writeFileSync(written, bytes);
    const saved = await store.saveFile(written, { originalName: 'r.csv', mimeType: 'text/csv' });
    expect(saved.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.csv$/);
    expect(saved.size).toBe(bytes.length);
    expect(saved.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect((await store.read(saved.storageKey)).equals(bytes)).toBe(true);
    expect(fs.existsSync(written)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
    await store.remove(saved.storageKey);
  });

  it('puts a stream under a given key (a migration), the same bytes read back', async () => {
    const key = '2025/06/0b9e2a4e-8f7c-4d2b-9a51-3c1f7e6d5a40.pdf';
    const bytes = Buffer.from('%PDF-1.7 migré');
    await store.put(key, Readable.from([bytes]), 'application/pdf');
    expect((await store.read(key)).equals(bytes)).toBe(true);
    await store.remove(key);
  });

  it('refuses a key it did not generate before any access', async () => {
    for (const key of [
      '../secret',
      '2026/01/../../x',
      '',
      '2026/13/0b9e2a4e-8f7c-4d2b-9a51-3c1f7e6d5a40',
    ]) {
      await expect(store.read(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.remove(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.has(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.openRead(key)).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.put(key, Readable.from([]), 'text/plain')).rejects.toBeInstanceOf(
        StorageKeyError,
      );
    }
  });
});

describe('createFileStorage', () => {
  it('saves under a generated name in year/month folders, never the user’s name', async () => {
    const bytes = Buffer.from('%PDF-1.7 test');
    const saved = await storage.save(bytes, {
      originalName: '../../etc/passwd Relevé d’identité.pdf',
      mimeType: 'application/pdf',
    });
    const now = new Date();
    const ym = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    expect(saved.storageKey).toMatch(new RegExp(`^${ym}/[0-9a-f-]{36}\\.pdf$`));
    expect(saved.storageKey).not.toMatch(/passwd|Relev/);
    expect(saved.size).toBe(bytes.length);
    expect(saved.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    const onDisk = path.join(root, saved.storageKey);
    expect(fs.existsSync(onDisk)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(onDisk).mode & 0o077).toBe(0);
    // No temporary file left behind.
    expect(fs.readdirSync(path.dirname(onDisk))).toEqual([path.basename(onDisk)]);
  });

  it('issue 15: stores a file written on disk (a report written as it goes), moved in', async () => {
    const written = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-written-')), 'r.csv');
    const bytes = Buffer.from('\uFEFFLigne;Résultat\r\n2;Créé\r\n', 'utf8');
    fs.writeFileSync(written, bytes);
    const saved = await storage.saveFile(written, { originalName: 'r.csv', mimeType: 'text/csv' });
    expect(saved.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}\.csv$/);
    expect(saved.size).toBe(bytes.length);
    expect(saved.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    expect((await storage.read(saved.storageKey)).equals(bytes)).toBe(true);
    expect(fs.existsSync(written)).toBe(false);
  });

  it('reads back, streams and removes a file', async () => {
    const bytes = crypto.randomBytes(200_000);
    const { storageKey } = await storage.save(bytes, {
      originalName: 'photo',
      mimeType: 'application/x-unknown',
    });
    expect(storageKey).toMatch(/\/[0-9a-f-]{36}$/);
    expect((await storage.read(storageKey)).equals(bytes)).toBe(true);
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.openRead(storageKey)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    await storage.remove(storageKey);
    await expect(storage.read(storageKey)).rejects.toMatchObject({ code: 'ENOENT' });
    await storage.remove(storageKey); // idempotent
  });

  it('refuses any key that is not one it generated (path traversal)', async () => {
    const outside = path.join(root, '..', `affilia-outside-${crypto.randomUUID()}.txt`);
    fs.writeFileSync(outside, 'secret');
    try {
      for (const key of [
        `../${path.basename(outside)}`,
        outside,
        '2026/01/../../x',
        '2026/13/0b9e2a4e-8f7c-4d2b-9a51-3c1f7e6d5a40',
        '2026/01/0b9e2a4e-8f7c-4d2b-9a51-3c1f7e6d5a40/../../..',
        '2026\\01\\0b9e2a4e-8f7c-4d2b-9a51-3c1f7e6d5a40',
        '',
      ]) {
        expect(isValidStorageKey(key)).toBe(false);
        await expect(storage.read(key)).rejects.toBeInstanceOf(StorageKeyError);
        await expect(storage.remove(key)).rejects.toBeInstanceOf(StorageKeyError);
        await expect(storage.openRead(key)).rejects.toBeInstanceOf(StorageKeyError);
      }
      expect(fs.existsSync(outside)).toBe(true);
    } finally {
      fs.rmSync(outside, { force: true });
    }
  });
});
