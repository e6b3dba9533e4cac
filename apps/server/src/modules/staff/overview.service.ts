/**
 * « Espace assureur » (SPEC §6): the counts of the back office's work queues, each one the same
 * selection as the page it links to.
 */
import type { BackofficeOverview } from '@affilia/shared/schemas/staff';
import type { AppContext } from '../../lib/context';
import { countWorkQueues } from './staff.repository';

export async function getOverview(ctx: Pick<AppContext, 'db'>): Promise<BackofficeOverview> {
  const counts = await countWorkQueues(ctx.db);
  return {
    affiliationsToValidate: counts.toValidate,
    paperFormsExpected: counts.paper,
    messagesToAnswer: counts.messages,
    documentsDraft: counts.drafts,
    dispensesToCheck: counts.dispenses,
  };
}
