import type { Transporter } from 'nodemailer';

export interface EmailMessage {
  /** The outbox row's id: the same at every attempt, it makes the `Message-ID`. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: { fileName: string; mimeType: string; content: Buffer }[];
}

export interface MailTransport {
  readonly name: string;
  send(message: EmailMessage): Promise<{ providerMessageId?: string }>;
}

/**
 * The `Message-ID` of an outbox message: derived from its row id, so that every attempt to
 * deliver the same row (a retry after a crash between the relay's acceptance and the row marked
 * sent) carries the same one, and relays and mailboxes that deduplicate on it drop the repeat.
 * The right-hand side is the domain of MAIL_FROM (RFC 5322 §3.6.4: unique to the sender).
 */
export function outboxMessageId(outboxId: string, from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.split('@')[1]?.trim() || 'affilia.localhost';
  return `<${outboxId}@${domain}>`;
}

/** Real SMTP through nodemailer (`smtp://`, `smtps://user:pass@host:port`). */
export function createSmtpTransport(
  smtpUrl: string,
  from: string,
): MailTransport & { close(): void } {
  // nodemailer (~5 MB) is loaded with the first email, not at start.
  let transporter: Promise<Transporter> | undefined;
  const connect = () =>
    (transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport(smtpUrl),
    ));
  return {
    name: 'smtp',
    async send(message) {
      const mailer = await connect();
      const info = await mailer.sendMail({
        from,
        messageId: outboxMessageId(message.id, from),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? undefined,
        attachments: message.attachments?.map((a) => ({
          filename: a.fileName,
          content: a.content,
          contentType: a.mimeType,
        })),
      });
      return { providerMessageId: info.messageId };
    },
    close: () => void transporter?.then((t) => t.close()),
  };
}

/**
 * Without SMTP (development), an email is "delivered" by staying in the outbox, where the
 * development mailbox (/dev/mailbox) shows it.
 */
export const devMailboxTransport: MailTransport = {
  name: 'dev-mailbox',
  send: () => Promise.resolve({}),
};
