import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, NewOutboxMessage } from '../../db/schema';
import type { Clock } from '../clock';
import { newId } from '../ids';
import type { MailTransport } from '../mail/transport';
import {
  renderEmail,
  renderSms,
  type Branding,
  type EmailTemplate,
  type EmailTemplateData,
  type SmsTemplate,
  type SmsTemplateData,
} from '../mail/templates';
import type { SmsProvider } from '../sms/provider';
import type { FileStorage } from '../storage';

/**
 * The durable outbox of every email and SMS. A message is written in the same transaction as
 * the change that causes it, then delivered by the worker with retries and backoff: a crash or
 * a restart loses nothing (a message left "sending" is taken again once its lock expires).
 *
 * Delivery is at least once, not exactly once: a crash (or a lost answer) after the SMTP relay
 * or the SMS provider accepted a message, before its row is marked sent, delivers it again. So
 * every attempt for one row carries the same identity, derived from the row id: the email's
 * `Message-ID` (mail/transport.ts), on which relays and mail clients deduplicate, and the SMS's
 * tag at Brevo, whose SMS API has no idempotency key (sms/provider.ts).
 */
type DbOrTx = Kysely<Database>;

export const MAX_ATTEMPTS = 10;
const LOCK_MS = 2 * 60_000;
const SENT_SMS_PLACEHOLDER = '[contenu effacé après envoi]';

export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

/** A file sent with an email: a storage key (kept until delivery), its name and type. */
export interface OutboxAttachment {
  fileName: string;
  mimeType: string;
  storageKey: string;
}

export async function enqueueEmail<T extends EmailTemplate>(
  db: DbOrTx,
  input: {
    to: string;
    template: T;
    data: EmailTemplateData<T>;
    branding: Branding;
    now: Date;
    /** Written with the message (same transaction), read again at every attempt. */
    attachments?: OutboxAttachment[];
  },
): Promise<string> {
  const rendered = renderEmail(input.template, input.data, input.branding);
  const id = await insertPending(db, input.now, {
    channel: 'email',
    recipient: input.to,
    template: input.template,
    subject: rendered.subject,
    body_text: rendered.text,
    body_html: rendered.html,
  });
  for (const [position, a] of (input.attachments ?? []).entries()) {
    await db
      .insertInto('outbox_attachments')
      .values({
        id: newId(),
        outbox_id: id,
        position,
        file_name: a.fileName,
        mime_type: a.mimeType,
        storage_key: a.storageKey,
      })
      .execute();
  }
  return id;
}

/** The attachments of an email, read from the storage (a missing file fails the attempt). */
async function attachmentsOf(deps: OutboxDeps, outboxId: string) {
  const rows = await deps.db
    .selectFrom('outbox_attachments')
    .select(['file_name', 'mime_type', 'storage_key'])
    .where('outbox_id', '=', outboxId)
    .orderBy('position')
    .execute();
  if (rows.length === 0) return undefined;
  if (!deps.storage) throw new Error('outbox: attachments need the file storage');
  const storage = deps.storage;
  return Promise.all(
    rows.map(async (r) => ({
      fileName: r.file_name,
      mimeType: r.mime_type,
      content: await storage.read(r.storage_key),
    })),
  );
}

export async function enqueueSms<T extends SmsTemplate>(
  db: DbOrTx,
  input: { to: string; template: T; data: SmsTemplateData<T>; now: Date },
): Promise<string> {
  return insertPending(db, input.now, {
    channel: 'sms',
    recipient: input.to,
    template: input.template,
    subject: null,
    body_text: renderSms(input.template, input.data),
    body_html: null,
  });
}

/** A message to send now: its row, pending, first attempt due at once. */
async function insertPending(
  db: DbOrTx,
  now: Date,
  message: Pick<
    NewOutboxMessage,
    'channel' | 'recipient' | 'template' | 'subject' | 'body_text' | 'body_html'
  >,
): Promise<string> {
  const id = newId();
  const at = now.toISOString();
  await db
    .insertInto('outbox')
    .values({ id, ...message, status: 'pending', attempts: 0, next_attempt_at: at, created_at: at })
    .execute();
  return id;
}

export interface OutboxDeps {
  db: Kysely<Database>;
  mail: MailTransport;
  sms: SmsProvider;
  clock: Clock;
  log: FastifyBaseLogger;
  /** In production the text of a sent SMS (a code) is wiped from the outbox. */
  scrubSentSms: boolean;
  /** Where the emails' attachments are read from. */
  storage?: FileStorage;
}

/** Takes up to `limit` due messages and delivers them. Returns how many were handled. */
export async function processOutboxBatch(deps: OutboxDeps, limit = 20): Promise<number> {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const due = await deps.db
    .selectFrom('outbox')
    .select(['id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', nowIso)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  let handled = 0;
  for (const { id } of due) {
    const lockedUntil = new Date(now.getTime() + LOCK_MS).toISOString();
    const claim = await deps.db
      .updateTable('outbox')
      .set({ status: 'sending', locked_until: lockedUntil })
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', nowIso)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue; // another instance took it
    const message = await deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const attempts = message.attempts + 1;
    try {
      const result =
        message.channel === 'email'
          ? await deps.mail.send({
              id: message.id,
              to: message.recipient,
              subject: message.subject ?? '',
              text: message.body_text,
              html: message.body_html,
              attachments: await attachmentsOf(deps, message.id),
            })
          : await deps.sms.send({ id: message.id, to: message.recipient, text: message.body_text });
      await deps.db
        .updateTable('outbox')
        .set({
          status: 'sent',
          attempts,
          sent_at: deps.clock.now().toISOString(),
          locked_until: null,
          last_error: null,
          provider_message_id: result.providerMessageId ?? null,
          ...(message.channel === 'sms' && deps.scrubSentSms
            ? { body_text: SENT_SMS_PLACEHOLDER }
            : {}),
        })
        .where('id', '=', id)
        .execute();
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      const failed = attempts >= MAX_ATTEMPTS;
      await deps.db
        .updateTable('outbox')
        .set({
          status: failed ? 'failed' : 'pending',
          attempts,
          locked_until: null,
          last_error: error.slice(0, 1000),
          next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
        })
        .where('id', '=', id)
        .execute();
      const logLine = { outboxId: id, channel: message.channel, attempts, error };
      if (failed) deps.log.error(logLine, 'outbox: delivery failed for good');
      else deps.log.warn(logLine, 'outbox: delivery failed, will retry');
    }
    handled++;
  }
  return handled;
}

export interface OutboxWorker {
  /** Runs a batch now (after an enqueue) instead of waiting for the next tick. */
  wake(): void;
  stop(): Promise<void>;
}

/** Polls the outbox every `intervalMs` until stopped. One batch at a time. */
export function startOutboxWorker(deps: OutboxDeps, intervalMs: number): OutboxWorker {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        while (!stopped && (await processOutboxBatch(deps)) > 0) {
          // keep draining while there is work
        }
      } catch (err) {
        deps.log.error({ err }, 'outbox: batch failed');
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    wake: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}

export interface DevOutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  /** The names of the attached files. */
  attachments: string[];
  createdAt: string;
}

/** How many messages wait, are being sent, or failed for good (the metrics' outbox gauges). */
export async function outboxDepth(
  db: Kysely<Database>,
): Promise<Record<'pending' | 'sending' | 'failed', number>> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'sending', 'failed'])
    .groupBy('status')
    .execute();
  const depth = { pending: 0, sending: 0, failed: 0 };
  for (const r of rows) depth[r.status as keyof typeof depth] = Number(r.n);
  return depth;
}

/** The newest messages first, for the development mailbox. */
export async function listOutboxMessages(
  db: Kysely<Database>,
  limit = 200,
): Promise<DevOutboxMessage[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['id', 'channel', 'recipient', 'subject', 'body_text', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const attachments =
    rows.length === 0
      ? []
      : await db
          .selectFrom('outbox_attachments')
          .select(['outbox_id', 'file_name'])
          .where(
            'outbox_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('position')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    to: r.recipient,
    subject: r.subject,
    text: r.body_text,
    attachments: attachments.filter((a) => a.outbox_id === r.id).map((a) => a.file_name),
    createdAt: r.created_at,
  }));
}
