/**
 * « Espace assureur » (SPEC §6): the counts of the back office's work queues, each one the same
 * selection as the page it links to.
 */
import type { BackofficeOverview } from '@affilia/shared/schemas/staff';
import type { AppContext } from '../../lib/context';

function count(row: { n: string | number | bigint } | undefined): number {
  return Number(row?.n ?? 0);
}

export async function getOverview(ctx: Pick<AppContext, 'db'>): Promise<BackofficeOverview> {
  const db = ctx.db;
  const [toValidate, paper, messages, drafts] = await Promise.all([
    // « À valider »: finalised by the employee.
    db
      .selectFrom('affiliation_requests')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '=', 'finalised')
      .executeTakeFirst(),
    // « Courriers attendus »: paper BIAs sent or started, not received yet.
    db
      .selectFrom('affiliation_requests')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('mode', '=', 'mail')
      .where('status', 'in', ['sent', 'started'])
      .executeTakeFirst(),
    // Conversations not answered yet: new ones, and open ones with unread employer messages.
    db
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '!=', 'closed')
      .where((eb) => eb.or([eb('status', '=', 'sent'), eb('staff_unread', '>', 0)]))
      .executeTakeFirst(),
    db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '=', 'draft')
      .executeTakeFirst(),
  ]);
  return {
    affiliationsToValidate: count(toValidate),
    paperFormsExpected: count(paper),
    messagesToAnswer: count(messages),
    documentsDraft: count(drafts),
  };
}
