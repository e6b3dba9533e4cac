import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';

export interface SmsMessage {
  /** The outbox row's id: the same at every attempt. */
  id: string;
  to: string; // E.164
  text: string;
}

export interface SmsProvider {
  readonly name: string;
  /** Sends the SMS; resolves with the provider's message id, rejects on failure (retried). */
  send(message: SmsMessage): Promise<{ providerMessageId?: string }>;
}

/**
 * Default provider: writes the SMS to the server log (outside production only; the message
 * also stays in the development mailbox). Production refuses to start with it (config.ts); the
 * warning below only guards a configuration built by hand.
 */
export function createLogSmsProvider(log: FastifyBaseLogger, isProduction: boolean): SmsProvider {
  return {
    name: 'log',
    send({ to, text }) {
      if (isProduction) {
        log.warn({ to: maskForLog(to) }, 'SMS_PROVIDER=log: SMS not sent (configure a provider)');
      } else {
        // Development convenience asked by the spec: the code is readable in the dev log.
        log.info(`[SMS → ${to}] ${text}`);
      }
      return Promise.resolve({});
    },
  };
}

/**
 * Brevo transactional SMS (https://developers.brevo.com/reference/sendtransacsms):
 * POST {apiUrl} with header `api-key` and `{ sender, recipient, content, type, tag }`.
 *
 * No idempotency key: Brevo offers one for its email API (`headers.idempotencyKey`) but none for
 * transactional SMS, so a crash after Brevo accepted an SMS and before the outbox row is marked
 * sent sends it again (at-least-once delivery, see lib/outbox). The outbox id goes in `tag`, so
 * a repeat can be traced in Brevo's logs; for a sign-in code the repeat carries the same code.
 */
export function createBrevoSmsProvider(
  opts: { apiUrl: string; apiKey: string; sender: string },
  fetchImpl: typeof fetch = fetch,
): SmsProvider {
  return {
    name: 'brevo',
    async send({ id, to, text }) {
      const res = await fetchImpl(opts.apiUrl, {
        method: 'POST',
        headers: {
          'api-key': opts.apiKey,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({
          sender: opts.sender,
          recipient: to.replace(/^\+/, ''),
          content: text,
          type: 'transactional',
          tag: `affilia-outbox-${id}`,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) {
        const detail = (await res.text().catch(() => '')).slice(0, 200);
        throw new Error(`Brevo SMS API answered ${res.status}: ${detail}`);
      }
      const body = (await res.json().catch(() => ({}))) as { messageId?: number | string };
      return {
        providerMessageId: body.messageId === undefined ? undefined : String(body.messageId),
      };
    },
  };
}

export function createSmsProvider(config: Config, log: FastifyBaseLogger): SmsProvider {
  if (config.sms.provider === 'brevo' && config.sms.apiKey) {
    return createBrevoSmsProvider({
      apiUrl: config.sms.apiUrl,
      apiKey: config.sms.apiKey,
      sender: config.sms.sender,
    });
  }
  return createLogSmsProvider(log, config.isProduction);
}

function maskForLog(phone: string): string {
  return phone.length > 4 ? `${phone.slice(0, 4)}…${phone.slice(-2)}` : '…';
}
