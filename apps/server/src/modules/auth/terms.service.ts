import type { Terms } from '@affilia/shared/schemas/auth';
import type { AppContext } from '../../lib/context';

/** The latest published version of the terms of use. */
export async function getCurrentTerms(ctx: Pick<AppContext, 'db'>): Promise<Terms | null> {
  const row = await ctx.db
    .selectFrom('terms_versions')
    .select(['id', 'version', 'title', 'content_markdown', 'published_at'])
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .executeTakeFirst();
  if (!row?.published_at) return null;
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    contentMarkdown: row.content_markdown,
    publishedAt: row.published_at,
  };
}
