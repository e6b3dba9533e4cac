import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/db';
import { ManualClock } from '../clock';
import { createSmtpTransport, devMailboxTransport, type MailTransport } from '../mail/transport';
import type { Branding } from '../mail/templates';
import { createFileStorage } from '../storage';
import { createBrevoSmsProvider, createLogSmsProvider, type SmsProvider } from '../sms/provider';
import {
  MAX_ATTEMPTS,
  enqueueEmail,
  enqueueSms,
  listOutboxMessages,
  processOutboxBatch,
  retryDelayMs,
  type OutboxDeps,
} from './outbox';

const branding: Branding = {
  brandName: 'Mutuelle Horizon Prévoyance',
  primaryColor: '#1d4f91',
  supportPhone: '01 23 45 67 89',
  supportHours: 'du lundi au vendredi de 8h30 à 17h00',
};
const log = pino({ level: 'silent' });

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP peer on a free loopback port, recording what it receives. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

function deps(over: Partial<OutboxDeps> & { clock: ManualClock }): OutboxDeps {
  return {
    db: database.handle.db,
    mail: devMailboxTransport,
    sms: createLogSmsProvider(log, false),
    log,
    scrubSentSms: false,
    ...over,
  };
}

async function rowOf(id: string) {
  return database.handle.db
    .selectFrom('outbox')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('outbox', () => {
  it('delivers a branded French email through a real SMTP server', async () => {
    const smtp = await startSmtp();
    const transport = createSmtpTransport(smtp.url, 'Affilia <no-reply@affilia.test>');
    const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
    const id = await enqueueEmail(database.handle.db, {
      to: 'rh@exemple.fr',
      template: 'password_reset',
      data: { firstName: 'Eugénie', url: 'http://localhost:3000/r/abc', validity: '20 minutes' },
      branding,
      now: clock.now(),
    });
    expect((await rowOf(id)).status).toBe('pending');
    await processOutboxBatch(deps({ clock, mail: transport }));
    const row = await rowOf(id);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(1);
    expect(row.sent_at).toBe('2026-03-02T09:00:00.000Z');
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['rh@exemple.fr']);
    expect(smtp.received[0]?.raw).toContain('Mutuelle Horizon');
    transport.close();
    await smtp.close();
  });

  it('gives a message the same Message-ID at every delivery, so that a relay can drop a repeat', async () => {
    const smtp = await startSmtp();
    const transport = createSmtpTransport(smtp.url, 'Affilia <no-reply@affilia.test>');
    const clock = new ManualClock(new Date('2026-03-02T09:30:00Z'));
    const id = await enqueueEmail(database.handle.db, {
      to: 'twice@exemple.fr',
      template: 'second_factor_changed',
      data: { firstName: 'Inès', change: 'Changement.' },
      branding,
      now: clock.now(),
    });
    await processOutboxBatch(deps({ clock, mail: transport }));
    // A crash after the SMTP server accepted the message, before the row was marked sent: the
    // row is left "sending" and taken again once its lock expires (at-least-once delivery).
    await database.handle.db
      .updateTable('outbox')
      .set({ status: 'sending', locked_until: clock.now().toISOString(), sent_at: null })
      .where('id', '=', id)
      .execute();
    clock.advance(1000);
    await processOutboxBatch(deps({ clock, mail: transport }));
    const mine = smtp.received.filter((m) => m.to.includes('twice@exemple.fr'));
    expect(mine).toHaveLength(2);
    const messageIds = mine.map((m) => /^Message-ID: *(.+)$/im.exec(m.raw)?.[1]?.trim());
    expect(messageIds[0]).toBe(`<${id}@affilia.test>`);
    expect(messageIds[1]).toBe(messageIds[0]);
    expect((await rowOf(id)).provider_message_id).toBe(`<${id}@affilia.test>`);
    transport.close();
    await smtp.close();
  });

  it('delivers an email’s attachment (a stored file) through SMTP, at every retry', async () => {
    const smtp = await startSmtp();
    const transport = createSmtpTransport(smtp.url, 'Affilia <no-reply@affilia.test>');
    const storage = createFileStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'affilia-outbox-')));
    const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
    const pdf = Buffer.from('%PDF-1.7\n% BIA de Łukasz\n');
    const saved = await storage.save(pdf, { originalName: 'bia.pdf', mimeType: 'application/pdf' });
    const id = await enqueueEmail(database.handle.db, {
      to: 'salarie@exemple.fr',
      template: 'enrolment_submitted',
      data: { firstName: 'Łukasz', companyName: 'Alpha Immobilier' },
      branding,
      now: clock.now(),
      attachments: [
        {
          fileName: 'BIA-Nguyễn-Łukasz.pdf',
          mimeType: 'application/pdf',
          storageKey: saved.storageKey,
        },
      ],
    });
    // A first attempt fails (the relay is down): the attachment stays for the retry.
    const down: MailTransport = {
      name: 'down',
      send: () => Promise.reject(new Error('ECONNREFUSED')),
    };
    await processOutboxBatch(deps({ clock, mail: down, storage }));
    expect((await rowOf(id)).status).toBe('pending');
    clock.advance(60_000);
    await processOutboxBatch(deps({ clock, mail: transport, storage }));
    expect((await rowOf(id)).status).toBe('sent');
    const raw = smtp.received.find((m) => m.to.includes('salarie@exemple.fr'))!.raw;
    expect(raw).toMatch(/Content-Type: application\/pdf/i);
    expect(raw).toMatch(/Content-Disposition: attachment/i);
    expect(raw.replace(/\r?\n/g, '')).toContain(pdf.toString('base64'));
    expect(
      (await listOutboxMessages(database.handle.db)).find((m) => m.id === id)?.attachments,
    ).toEqual(['BIA-Nguyễn-Łukasz.pdf']);
    transport.close();
    await smtp.close();
  });

  it('retries with backoff after a failure and never loses the message', async () => {
    const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
    let calls = 0;
    const flaky: MailTransport = {
      name: 'flaky',
      send: () =>
        ++calls === 1 ? Promise.reject(new Error('connection refused')) : Promise.resolve({}),
    };
    const id = await enqueueEmail(database.handle.db, {
      to: 'retry@exemple.fr',
      template: 'second_factor_changed',
      data: {
        firstName: 'Paul',
        change: 'Vous utilisez désormais une application d’authentification.',
      },
      branding,
      now: clock.now(),
    });
    await processOutboxBatch(deps({ clock, mail: flaky }));
    let row = await rowOf(id);
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain('connection refused');
    expect(row.next_attempt_at).toBe(
      new Date(clock.now().getTime() + retryDelayMs(1)).toISOString(),
    );
    // Not due yet: nothing happens.
    await processOutboxBatch(deps({ clock, mail: flaky }));
    expect(calls).toBe(1);
    clock.advance(retryDelayMs(1));
    await processOutboxBatch(deps({ clock, mail: flaky }));
    row = await rowOf(id);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(row.last_error).toBeNull();
  });

  it('takes again a message left "sending" by a crashed instance once its lock expires', async () => {
    const clock = new ManualClock(new Date('2026-03-02T11:00:00Z'));
    const id = await enqueueSms(database.handle.db, {
      to: '+33612345678',
      template: 'sign_in_code',
      data: { code: '123456', brandName: 'Mutuelle Horizon Prévoyance' },
      now: clock.now(),
    });
    await database.handle.db
      .updateTable('outbox')
      .set({
        status: 'sending',
        locked_until: new Date(clock.now().getTime() + 60_000).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    const sent: string[] = [];
    const sms: SmsProvider = { name: 'spy', send: (m) => (sent.push(m.text), Promise.resolve({})) };
    await processOutboxBatch(deps({ clock, sms }));
    expect(sent).toHaveLength(0); // still locked by the other instance
    clock.advance(61_000);
    await processOutboxBatch(deps({ clock, sms }));
    expect(sent).toEqual([expect.stringContaining('123456')]);
    expect((await rowOf(id)).status).toBe('sent');
  });

  it('marks a message failed after the last attempt, keeping its error', async () => {
    const clock = new ManualClock(new Date('2026-03-02T12:00:00Z'));
    const broken: MailTransport = {
      name: 'broken',
      send: () => Promise.reject(new Error('mailbox unavailable')),
    };
    const id = await enqueueEmail(database.handle.db, {
      to: 'nobody@exemple.fr',
      template: 'second_factor_changed',
      data: { firstName: 'Zoé', change: 'Changement.' },
      branding,
      now: clock.now(),
    });
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await processOutboxBatch(deps({ clock, mail: broken }));
      clock.advance(retryDelayMs(i + 1));
    }
    const row = await rowOf(id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.last_error).toContain('mailbox unavailable');
  });

  it('sends an SMS through the Brevo adapter over real HTTP, and wipes its text when asked', async () => {
    const requests: { headers: http.IncomingHttpHeaders; body: unknown }[] = [];
    const server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        requests.push({ headers: req.headers, body: JSON.parse(data) });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ messageId: 1511882900176220 }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const sms = createBrevoSmsProvider({
      apiUrl: `http://127.0.0.1:${port}/v3/transactionalSMS/sms`,
      apiKey: 'test-key',
      sender: 'Horizon',
    });
    const clock = new ManualClock(new Date('2026-03-02T13:00:00Z'));
    const id = await enqueueSms(database.handle.db, {
      to: '+33712345678',
      template: 'sign_in_code',
      data: { code: '654321', brandName: 'Mutuelle Horizon Prévoyance' },
      now: clock.now(),
    });
    await processOutboxBatch(deps({ clock, sms, scrubSentSms: true }));
    server.close();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers['api-key']).toBe('test-key');
    expect(requests[0]?.body).toMatchObject({
      sender: 'Horizon',
      recipient: '33712345678',
      type: 'transactional',
      content: expect.stringContaining('654321'),
      // No idempotency key in Brevo's SMS API: the outbox id tags the message, to trace a repeat.
      tag: `affilia-outbox-${id}`,
    });
    const row = await rowOf(id);
    expect(row.status).toBe('sent');
    expect(row.provider_message_id).toBe('1511882900176220');
    expect(row.body_text).not.toContain('654321');
  });

  it('lists messages newest first for the development mailbox', async () => {
    const list = await listOutboxMessages(database.handle.db);
    expect(list.length).toBeGreaterThanOrEqual(4);
    const dates = list.map((m) => m.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(list[0]).toMatchObject({
      channel: expect.stringMatching(/^(email|sms)$/),
      to: expect.any(String),
    });
  });
});
