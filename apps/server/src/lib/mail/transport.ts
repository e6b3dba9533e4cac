import nodemailer from 'nodemailer';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

export interface MailTransport {
  readonly name: string;
  send(message: EmailMessage): Promise<{ providerMessageId?: string }>;
}

/** Real SMTP through nodemailer (`smtp://`, `smtps://user:pass@host:port`). */
export function createSmtpTransport(
  smtpUrl: string,
  from: string,
): MailTransport & { close(): void } {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    async send(message) {
      const info = await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? undefined,
      });
      return { providerMessageId: info.messageId };
    },
    close: () => transporter.close(),
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
