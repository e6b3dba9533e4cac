import { z } from 'zod';
import { resolveFromRoot } from './lib/paths';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const boolish = z.preprocess(
  emptyToUndefined,
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes')),
);

/** Every environment variable the server reads, with its default. Documented in README.md. */
export const EnvSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyToUndefined,
    z.enum(['development', 'test', 'production']).default('development'),
  ),
  HOST: optionalString,
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().default('data/affilia.db')),
  DATABASE_POOL_MAX: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(1000).default(10),
  ),
  DATA_ENCRYPTION_KEY: optionalString,
  DATA_ENCRYPTION_KEY_FILE: optionalString,
  FILE_STORAGE: z.preprocess(emptyToUndefined, z.enum(['local', 's3']).default('local')),
  FILE_STORAGE_DIR: z.preprocess(emptyToUndefined, z.string().default('data/files')),
  S3_ENDPOINT: z.preprocess(emptyToUndefined, z.url().optional()),
  S3_REGION: optionalString,
  S3_BUCKET: optionalString,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_FORCE_PATH_STYLE: boolish,
  S3_SERVER_SIDE_ENCRYPTION: z.preprocess(
    emptyToUndefined,
    z.enum(['AES256', 'aws:kms']).optional(),
  ),
  SMTP_URL: optionalString,
  MAIL_FROM: z.preprocess(
    emptyToUndefined,
    z.string().default('Affilia <no-reply@affilia.localhost>'),
  ),
  INSURER_TEAM_EMAIL: z.preprocess(
    emptyToUndefined,
    z.email().default('gestion@mutuelle-horizon.example'),
  ),
  SMS_PROVIDER: z.preprocess(emptyToUndefined, z.enum(['log', 'brevo']).default('log')),
  SMS_API_URL: z.preprocess(
    emptyToUndefined,
    z.url().default('https://api.brevo.com/v3/transactionalSMS/sms'),
  ),
  SMS_API_KEY: optionalString,
  SMS_SENDER: z.preprocess(emptyToUndefined, z.string().max(11).default('Affilia')),
  SMS_PER_IP_PER_HOUR: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(10_000).default(20),
  ),
  SIGN_IN_PER_IP_PER_15_MIN: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(10_000).default(50),
  ),
  BRAND_NAME: optionalString,
  BRAND_PRIMARY_COLOR: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
  ),
  SUPPORT_PHONE: optionalString,
  SUPPORT_HOURS: optionalString,
  TRUST_PROXY: optionalString,
  SEED_DEMO: boolish,
  METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().min(32, { error: '32 caractères au moins (openssl rand -hex 32)' }).optional(),
  ),
  OUTBOX_POLL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(10).default(1000)),
  JOBS_INTERVAL_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1000).default(600_000),
  ),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: Env['LOG_LEVEL'];
  databaseUrl: string;
  /** PostgreSQL connections per instance. */
  databasePoolMax: number;
  encryption: { key?: string; keyFile: string };
  /** The folder of the local storage (and what `storage migrate` reads from). */
  fileStorageDir: string;
  /** Set when FILE_STORAGE=s3: the bucket every instance shares (lib/s3-storage.ts). */
  s3?: S3Settings;
  mail: { smtpUrl?: string; from: string; insurerTeamEmail: string };
  sms: {
    provider: Env['SMS_PROVIDER'];
    apiUrl: string;
    apiKey?: string;
    sender: string;
    /** Codes sent by SMS from one IP address in an hour (sign-in and change of number). */
    perIpPerHour: number;
  };
  branding: { name?: string; primaryColor?: string; supportPhone?: string; supportHours?: string };
  /** Sign-in attempts from one IP address in 15 minutes (modules/auth/throttle.ts). */
  signInPerIpPer15Min: number;
  trustProxy: boolean | string;
  seedDemo: boolean;
  outboxPollMs: number;
  /** Set: GET /metrics answers the bearer of this token (lib/metrics.ts). */
  metricsToken?: string;
  /** How often the scheduled jobs (expiry and reminders of affiliation requests) run. */
  jobsIntervalMs: number;
}

/** An S3-compatible bucket (AWS, MinIO, OVHcloud, Scaleway…): README « Stockage des fichiers ». */
export interface S3Settings {
  /** The service's address; none for AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Without them, the AWS SDK's default chain (AWS_ACCESS_KEY_ID…, a role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Addresses as endpoint/bucket/key (MinIO) rather than bucket.endpoint/key. */
  forcePathStyle: boolean;
  /** Asks the service to encrypt each object at rest. */
  serverSideEncryption?: 'AES256' | 'aws:kms';
}

export class ConfigError extends Error {}

/** Parses the environment once. Throws a ConfigError with a readable message on bad input. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (isProduction && !e.DATA_ENCRYPTION_KEY && !e.DATA_ENCRYPTION_KEY_FILE) {
    problems.push(
      '  - DATA_ENCRYPTION_KEY (or DATA_ENCRYPTION_KEY_FILE) is required in production: 32 random bytes in base64, e.g. `openssl rand -base64 32`.',
    );
  }
  if (isProduction && !e.SMTP_URL) {
    problems.push(
      '  - SMTP_URL is required in production (e.g. smtps://user:pass@smtp.example.com:465).',
    );
  }
  // The `log` provider sends nothing: in production the sign-in codes would be marked sent and
  // never reach anyone, so a real provider is required, like SMTP for emails.
  if (isProduction && e.SMS_PROVIDER === 'log') {
    problems.push(
      '  - SMS_PROVIDER=brevo (with SMS_API_KEY) is required in production: the default `log` provider sends no SMS, so nobody would receive their sign-in code.',
    );
  }
  if (isProduction && e.SMS_PROVIDER === 'brevo' && !e.SMS_API_KEY) {
    problems.push('  - SMS_API_KEY is required when SMS_PROVIDER=brevo.');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Affilia refuses to start in production:\n${problems.join('\n')}`);
  }
  const s3 = e.FILE_STORAGE === 's3' ? s3Settings(e) : undefined;
  const databaseUrl = /^postgres(ql)?:\/\//.test(e.DATABASE_URL)
    ? e.DATABASE_URL
    : resolveFromRoot(e.DATABASE_URL.replace(/^sqlite:(\/\/)?/, ''));
  const port = e.PORT;
  return {
    env: e.NODE_ENV,
    isProduction,
    host: e.HOST ?? (isProduction ? '0.0.0.0' : 'localhost'),
    port,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    databaseUrl,
    databasePoolMax: e.DATABASE_POOL_MAX,
    encryption: {
      key: e.DATA_ENCRYPTION_KEY,
      keyFile: e.DATA_ENCRYPTION_KEY_FILE
        ? resolveFromRoot(e.DATA_ENCRYPTION_KEY_FILE)
        : defaultKeyFile(databaseUrl),
    },
    fileStorageDir: resolveFromRoot(e.FILE_STORAGE_DIR),
    s3,
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, insurerTeamEmail: e.INSURER_TEAM_EMAIL },
    sms: {
      provider: e.SMS_PROVIDER,
      apiUrl: e.SMS_API_URL,
      apiKey: e.SMS_API_KEY,
      sender: e.SMS_SENDER,
      perIpPerHour: e.SMS_PER_IP_PER_HOUR,
    },
    branding: {
      name: e.BRAND_NAME,
      primaryColor: e.BRAND_PRIMARY_COLOR,
      supportPhone: e.SUPPORT_PHONE,
      supportHours: e.SUPPORT_HOURS,
    },
    signInPerIpPer15Min: e.SIGN_IN_PER_IP_PER_15_MIN,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    seedDemo: e.SEED_DEMO ?? !isProduction,
    outboxPollMs: e.OUTBOX_POLL_MS,
    metricsToken: e.METRICS_TOKEN,
    jobsIntervalMs: e.JOBS_INTERVAL_MS,
  };
}

function s3Settings(e: Env): S3Settings {
  const missing: string[] = (['S3_BUCKET', 'S3_REGION'] as const).filter((name) => !e[name]);
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY) {
    missing.push(e.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID');
  }
  if (missing.length > 0 || !e.S3_BUCKET || !e.S3_REGION) {
    throw new ConfigError(
      `FILE_STORAGE=s3 needs ${missing.join(', ')} (README, « Stockage des fichiers »).`,
    );
  }
  return {
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    bucket: e.S3_BUCKET,
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? false,
    serverSideEncryption: e.S3_SERVER_SIDE_ENCRYPTION,
  };
}

function defaultKeyFile(databaseUrl: string): string {
  // Beside the SQLite database; for PostgreSQL, in the data folder.
  if (/^postgres/.test(databaseUrl)) return resolveFromRoot('data/affilia.key');
  return databaseUrl.replace(/(\.db|\.sqlite3?)?$/, '.key');
}

function parseTrustProxy(v: string | undefined): boolean | string {
  if (v === undefined || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  return v; // comma-separated addresses or CIDR ranges, as Fastify accepts
}
