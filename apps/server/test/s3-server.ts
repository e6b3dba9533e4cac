/**
 * A real S3-protocol server for the tests (s3rver, in this process, on a free loopback port,
 * its objects in a temporary folder): the S3 adapter is tested against the protocol, not a mock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '../src/config';

export interface TestS3Server {
  /** What FILE_STORAGE=s3 would configure to reach it. */
  settings: S3Settings;
  /** The same as environment variables, for a server started in another process. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startS3Server(bucket = 'affilia-test'): Promise<TestS3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  // s3rver accepts these fixed credentials (its documented defaults).
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    settings: { endpoint, region: 'fr-par', bucket, credentials, forcePathStyle: true },
    env: {
      FILE_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'fr-par',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
    },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
