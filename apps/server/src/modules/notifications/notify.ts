import type { Kysely } from 'kysely';
import type { NotificationType } from '@affilia/shared/domain/notifications';
import type { Database } from '../../db/schema';
import { newId } from '../../lib/ids';
import type { Branding, EmailTemplate, EmailTemplateData } from '../../lib/mail/templates';
import { enqueueEmail } from '../../lib/outbox/outbox';
import { findRecipients, insertNotification } from './notifications.repository';

/** An email of a dedicated template (instead of the generic « notification » one). */
export type NotifyEmail = {
  [T in EmailTemplate]: { template: T; data: EmailTemplateData<T> };
}[EmailTemplate];

export interface NotifyInput {
  /** The users to notify (duplicates and unknown ids are ignored). */
  userIds: readonly string[];
  type: NotificationType;
  title: string;
  body?: string | null;
  /** An app path ('/affiliations'…), linked in the app and, absolute, in the email. */
  link?: string | null;
  companyId?: string | null;
  /** Read by the caller BEFORE its transaction (reading ctx.db inside one deadlocks SQLite). */
  branding: Branding;
  /** `ctx.config.publicUrl`. */
  publicUrl: string;
  now: Date;
  /**
   * The email of this event for one user, when it has its own template; by default the generic
   * « notification » email (title, body, link). Sent only when the user wants it either way.
   */
  email?: (user: { firstName: string }) => NotifyEmail;
}

/**
 * Notifies users (SPEC §5.8): one `notifications` row per user and, unless the user turned the
 * email off for this type in `notification_preferences` (default: on), the email queued in the
 * outbox — all in the caller's transaction. Returns the ids of the notifications written.
 */
export async function notifyUsers(trx: Kysely<Database>, input: NotifyInput): Promise<string[]> {
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) return [];
  const users = await findRecipients(trx, ids, input.type);
  const at = input.now.toISOString();
  const written: string[] = [];
  for (const user of users) {
    const id = newId();
    await insertNotification(trx, {
      id,
      user_id: user.id,
      type: input.type,
      title: input.title,
      body: input.body ?? null,
      link: input.link ?? null,
      company_id: input.companyId ?? null,
      read_at: null,
      created_at: at,
    });
    written.push(id);
    const emailOn = user.wants === null || Number(user.wants) === 1;
    if (emailOn && user.status === 'active') {
      const mail: NotifyEmail = input.email?.({ firstName: user.first_name }) ?? {
        template: 'notification',
        data: {
          firstName: user.first_name,
          title: input.title,
          body: input.body ?? null,
          url: input.link ? `${input.publicUrl}${input.link}` : null,
        },
      };
      await enqueueEmail<EmailTemplate>(trx, {
        to: user.email,
        template: mail.template,
        data: mail.data,
        branding: input.branding,
        now: input.now,
      });
    }
  }
  return written;
}
