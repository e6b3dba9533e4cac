/**
 * The files in an S3-compatible bucket (AWS, MinIO, OVHcloud Object Storage, Scaleway…), through
 * the AWS SDK v3: every instance of the server reads what another one stored. The same keys and
 * the same guarantees as the folder (lib/storage.ts): a key is checked before any request, an
 * object appears whole or not at all, a missing one is an ENOENT error. Files stream both ways —
 * an upload from disk goes in parts (`@aws-sdk/lib-storage`), a download is piped as it arrives —
 * so no large file is held in memory. The bucket stays private: downloads go through the API,
 * after its authorization, never by a public or presigned address.
 *
 * Loaded only when FILE_STORAGE=s3 (`createStorage`): the SDK stays out of a folder deployment's
 * memory.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Settings } from '../config';
import {
  checkStorageKey,
  isValidStorageKey,
  missingFile,
  newStorageKey,
  savedBytes,
  sha256OfFile,
  type FileStorage,
  type SavedFile,
} from './storage';

/** Parts of 8 MiB, two in flight: at most about 16 MiB of a file in memory while it uploads. */
const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

function isMissing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

export function createS3Storage(settings: S3Settings): FileStorage {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
  });
  const Bucket = settings.bucket;

  async function upload(storageKey: string, body: Buffer | Readable, mimeType: string) {
    await new Upload({
      client,
      params: {
        Bucket,
        Key: storageKey,
        Body: body,
        ContentType: mimeType,
        ServerSideEncryption: settings.serverSideEncryption,
      },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
    }).done();
  }

  async function getObject(storageKey: string) {
    checkStorageKey(storageKey);
    try {
      return await client.send(new GetObjectCommand({ Bucket, Key: storageKey }));
    } catch (err) {
      throw isMissing(err) ? missingFile(storageKey) : err;
    }
  }

  return {
    location: `s3://${Bucket}`,

    async save(bytes, meta): Promise<SavedFile> {
      const storageKey = newStorageKey(meta.mimeType);
      await upload(storageKey, bytes, meta.mimeType);
      return savedBytes(storageKey, bytes);
    },

    async saveFile(filePath, meta): Promise<SavedFile> {
      const storageKey = newStorageKey(meta.mimeType);
      const { size, sha256 } = await sha256OfFile(filePath);
      await upload(storageKey, fs.createReadStream(filePath), meta.mimeType);
      await fsp.rm(filePath, { force: true });
      return { storageKey, size, sha256 };
    },

    async read(storageKey) {
      const object = await getObject(storageKey);
      if (!object.Body) throw missingFile(storageKey);
      return Buffer.from(await object.Body.transformToByteArray());
    },

    async openRead(storageKey) {
      // The object's body as it arrives: read as fast as its reader takes it (back-pressure).
      const body = (await getObject(storageKey)).Body as Readable | undefined;
      if (!body) throw missingFile(storageKey);
      return body;
    },

    async remove(storageKey) {
      checkStorageKey(storageKey);
      // Deleting a missing object is no error in S3, as removing a missing file is none here.
      await client.send(new DeleteObjectCommand({ Bucket, Key: storageKey }));
    },

    async has(storageKey) {
      checkStorageKey(storageKey);
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: storageKey }));
        return true;
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },

    async put(storageKey, source, mimeType) {
      checkStorageKey(storageKey);
      await upload(storageKey, source, mimeType);
    },

    async *keys() {
      for await (const page of paginateListObjectsV2({ client }, { Bucket })) {
        for (const object of page.Contents ?? []) {
          if (object.Key && isValidStorageKey(object.Key)) yield object.Key;
        }
      }
    },
  };
}
