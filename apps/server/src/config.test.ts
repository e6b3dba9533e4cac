import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { repoRoot } from './lib/paths';

describe('loadConfig', () => {
  it('needs no setting at all in embedded mode', () => {
    const c = loadConfig({});
    expect(c.env).toBe('development');
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe(path.join(repoRoot, 'data/affilia.db'));
    expect(c.encryption.keyFile).toBe(path.join(repoRoot, 'data/affilia.key'));
    expect(c.fileStorageDir).toBe(path.join(repoRoot, 'data/files'));
    expect(c.databasePoolMax).toBe(10);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.mail.smtpUrl).toBeUndefined();
    expect(c.sms.provider).toBe('log');
    expect(c.seedDemo).toBe(true);
    expect(c.trustProxy).toBe(false);
  });

  it('accepts a sqlite: URL and keeps a PostgreSQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/affilia/a.db' }).databaseUrl).toBe(
      '/var/lib/affilia/a.db',
    );
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/affilia' }).databaseUrl).toBe(
      'postgres://u:p@db:5432/affilia',
    );
  });

  it('issue 17: takes the size of the PostgreSQL pool from DATABASE_POOL_MAX', () => {
    expect(loadConfig({ DATABASE_POOL_MAX: '4' }).databasePoolMax).toBe(4);
    expect(() => loadConfig({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', SMTP_URL: '' }).port).toBe(3000);
  });

  it('issue 17: keeps the files in a folder by default, in an S3 bucket when asked, with what it needs named', () => {
    expect(loadConfig({}).s3).toBeUndefined();
    const c = loadConfig({
      FILE_STORAGE: 's3',
      S3_ENDPOINT: 'https://s3.fr-par.scw.cloud',
      S3_REGION: 'fr-par',
      S3_BUCKET: 'affilia-prod',
      S3_ACCESS_KEY_ID: 'SCWXXXXXXXXXXXXXXXXX',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_SERVER_SIDE_ENCRYPTION: 'AES256',
    });
    expect(c.s3).toEqual({
      endpoint: 'https://s3.fr-par.scw.cloud',
      region: 'fr-par',
      bucket: 'affilia-prod',
      credentials: { accessKeyId: 'SCWXXXXXXXXXXXXXXXXX', secretAccessKey: 'secret' },
      forcePathStyle: false,
      serverSideEncryption: 'AES256',
    });
    // Without keys: the AWS SDK's own chain (environment, role).
    expect(
      loadConfig({ FILE_STORAGE: 's3', S3_REGION: 'eu-west-3', S3_BUCKET: 'b' }).s3?.credentials,
    ).toBeUndefined();
    expect(() => loadConfig({ FILE_STORAGE: 's3' })).toThrow(/S3_BUCKET, S3_REGION/);
    expect(() =>
      loadConfig({ FILE_STORAGE: 's3', S3_REGION: 'gra', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' }),
    ).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ FILE_STORAGE: 'ftp' })).toThrow(/FILE_STORAGE/);
  });

  it('rejects a bad value with a readable message', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ BRAND_PRIMARY_COLOR: 'blue' })).toThrow(ConfigError);
  });

  it('refuses production without an encryption key and a mail transport', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DATA_ENCRYPTION_KEY[\s\S]*SMTP_URL/,
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: 'x'.repeat(44) }),
    ).toThrow(/SMTP_URL/);
    const ok = loadConfig({
      NODE_ENV: 'production',
      DATA_ENCRYPTION_KEY: 'x'.repeat(44),
      SMTP_URL: 'smtp://localhost:25',
      SMS_PROVIDER: 'brevo',
      SMS_API_KEY: 'xkeysib-test',
    });
    expect(ok.isProduction).toBe(true);
    expect(ok.seedDemo).toBe(false);
    expect(ok.host).toBe('0.0.0.0');
  });

  it('refuses production without a real SMS provider, which would mark codes sent that nobody gets', () => {
    const base = {
      NODE_ENV: 'production',
      DATA_ENCRYPTION_KEY: 'x'.repeat(44),
      SMTP_URL: 'smtp://localhost:25',
    };
    // The default `log` provider only writes a warning: no code would ever reach a phone.
    expect(() => loadConfig(base)).toThrow(/SMS_PROVIDER/);
    expect(() => loadConfig({ ...base, SMS_PROVIDER: 'log' })).toThrow(/SMS_PROVIDER/);
    expect(() => loadConfig({ ...base, SMS_PROVIDER: 'brevo' })).toThrow(/SMS_API_KEY/);
    expect(loadConfig({ ...base, SMS_PROVIDER: 'brevo', SMS_API_KEY: 'k' }).sms.provider).toBe(
      'brevo',
    );
    // Outside production, `log` stays the default (codes in the development mailbox).
    expect(loadConfig({ NODE_ENV: 'development' }).sms.provider).toBe('log');
  });

  it('parses the trusted proxy setting', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8');
  });
});
