// The console's help-centre editor: every article (drafts too), one to edit, a new draft, an edit,
// publish and unpublish. Customers read the published ones through /v1/help/articles.
import type { Executor } from '@zulin/db';
import { staffNames, staffOf } from '@zulin/identity';
import { command, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { HelpTopicSchema, presentStaffArticle } from '../api-schemas';
import { createHelpArticle } from '../create-help-article';
import type { SupportDeps } from '../deps';
import { editHelpArticle } from '../edit-help-article';
import type { ArticleRow } from '../help-article-edits';
import { getArticleRow, listAllArticles } from '../help-articles';
import { SupportLimits } from '../limits';
import { setHelpArticlePublished } from '../publish-help-article';

const tags = ['support'];
const read = { auth: { permission: 'support.read' as const } };
const handle = { auth: { permission: 'support.handle' as const } };

const text = (max: number, minLength: number) =>
  Type.Object(
    { 'zh-CN': Type.String({ minLength, maxLength: max }), en: Type.String({ minLength, maxLength: max }) },
    { additionalProperties: false },
  );
const contentFields = {
  topic: HelpTopicSchema,
  title: text(SupportLimits.articleTitleLengthMax, 1),
  body: text(SupportLimits.articleBodyLengthMax, 1),
  keywords: Type.Optional(text(SupportLimits.articleKeywordsLengthMax, 0)),
};
const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: SupportLimits.articleSlugLengthMax }) });

export const articleAdminRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: SupportDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone };
  /** Inside a command, read through its `tx` (PGlite has one connection: the pool would wait for it). */
  const present = async (db: Executor, rows: readonly ArticleRow[]) => {
    const names = await staffNames(
      db,
      rows.flatMap((r) => (r.updatedBy === null ? [] : [r.updatedBy])),
    );
    return rows.map((r) => presentStaffArticle(r, names));
  };
  const presentOne = async (db: Executor, row: ArticleRow) =>
    presentStaffArticle(row, await staffNames(db, row.updatedBy === null ? [] : [row.updatedBy]));

  app.get(
    '/v1/admin/help/articles',
    {
      config: read,
      schema: {
        tags,
        summary: 'Every help article, drafts too, in their order',
        response: { 200: Type.Object({ data: Type.Array(Ref('StaffHelpArticle')) }) },
      },
    },
    async () => ({ data: await present(ctx.database.db, await listAllArticles(ctx.database.db)) }),
  );

  app.get(
    '/v1/admin/help/articles/:slug',
    {
      config: read,
      schema: {
        tags,
        summary: 'One help article to edit',
        params: SlugParams,
        response: { 200: Ref('StaffHelpArticle') },
      },
    },
    async (request) => presentOne(ctx.database.db, await getArticleRow(ctx.database.db, request.params.slug)),
  );

  app.post(
    '/v1/admin/help/articles',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Write a new article: a draft until it is published',
        body: Type.Object(
          {
            slug: Type.String({ minLength: 2, maxLength: SupportLimits.articleSlugLengthMax, pattern: '^[a-z0-9-]+$' }),
            ...contentFields,
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('StaffHelpArticle') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { slug, keywords, ...content } = request.body;
        const row = await createHelpArticle(tx, deps, {
          staff: staffOf(request),
          slug,
          content: { ...content, keywords: keywords ?? { 'zh-CN': '', en: '' } },
        });
        return presentOne(tx, row);
      }),
  );

  app.patch(
    '/v1/admin/help/articles/:slug',
    {
      config: handle,
      schema: {
        tags,
        summary: 'Edit an article (a published one changes for customers at once)',
        params: SlugParams,
        body: Type.Object(contentFields, { additionalProperties: false }),
        response: { 200: Ref('StaffHelpArticle') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const { keywords, ...content } = request.body;
        const row = await editHelpArticle(tx, deps, {
          staff: staffOf(request),
          slug: request.params.slug,
          content: { ...content, keywords: keywords ?? { 'zh-CN': '', en: '' } },
        });
        return presentOne(tx, row);
      }),
  );

  for (const [verb, published] of [
    ['publish', true],
    ['unpublish', false],
  ] as const) {
    app.post(
      `/v1/admin/help/articles/:slug/${verb}`,
      {
        config: handle,
        schema: {
          tags,
          summary: published
            ? 'Publish an article: customers see it'
            : 'Unpublish an article: customers no longer see it',
          params: SlugParams,
          response: { 200: Ref('StaffHelpArticle') },
        },
      },
      (request, reply) =>
        command(ctx, request, reply, {}, async (tx) =>
          presentOne(
            tx,
            await setHelpArticlePublished(tx, deps, { staff: staffOf(request), slug: request.params.slug, published }),
          ),
        ),
    );
  }
};
