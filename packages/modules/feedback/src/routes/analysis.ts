// The analysis dashboard's data — ratings and NPS over time and by category, the breakdowns by
// product, unit model, warehouse and carrier, the top words — and the CSV export of the feedback
// behind it (a range, with the queue's filters for a drill-down).
import { businessDateOf } from '@zulin/kernel';
import { Nullable, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { breakdownDimensions } from '../analysis/breakdown';
import { CategorySchema, DrillDownQuery, RatingSchema, SourceSchema } from '../api-schemas';
import { analysisRange, DateString } from '../date-range';
import { exportFeedbackCsv } from '../export-feedback';
import { FeedbackLimits } from '../limits';
import { readFeedbackAnalysis } from '../read-analysis';

const tags = ['feedback'];
const Locale = Type.Unsafe<'zh-CN' | 'en'>(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]));
const Shares = Type.Object({
  total: Type.Integer(),
  counts: Type.Object({ good: Type.Integer(), neutral: Type.Integer(), bad: Type.Integer() }),
  sharesBps: Type.Object({ good: Type.Integer(), neutral: Type.Integer(), bad: Type.Integer() }),
});
const Nps = Type.Object({
  responses: Type.Integer(),
  promoters: Type.Integer(),
  passives: Type.Integer(),
  detractors: Type.Integer(),
  nps: Type.Union([Type.Integer(), Type.Null()]),
});
const GroupFields = {
  key: Type.String(),
  feedbacks: Type.Integer(),
  ratings: Shares,
  nps: Nps,
  sampleFeedbackIds: Type.Array(Type.String()),
};
const Group = Type.Object(GroupFields);
const PeriodGroup = Type.Object({
  ...GroupFields,
  fromDate: Type.String({ description: 'the first day of the period within the range' }),
  toDate: Type.String({ description: 'the last day of the period within the range' }),
});
const BreakdownFigures = {
  feedbacks: Type.Integer(),
  ratings: Shares,
  nps: Nps,
  topCategories: Type.Array(Type.Object({ category: CategorySchema, feedbacks: Type.Integer() }), {
    maxItems: FeedbackLimits.breakdownCategoriesMax,
  }),
};
const Breakdown = Type.Object({
  by: Type.Unsafe<(typeof breakdownDimensions)[number]>(Type.Union(breakdownDimensions.map((d) => Type.Literal(d)))),
  groups: Type.Array(
    Type.Object({
      key: Type.String({
        description: 'what the queue filters by: productId, model, warehouseId or carrier (the carrier code)',
      }),
      name: Type.String({ description: 'the product or warehouse name, the model, the carrier as named' }),
      ...BreakdownFigures,
    }),
    { maxItems: FeedbackLimits.breakdownGroupsMax },
  ),
  others: Nullable(
    Type.Object(
      { groups: Type.Integer(), ...BreakdownFigures },
      { description: 'the groups beyond the largest ones, folded together' },
    ),
  ),
  unknown: Type.Integer({ description: 'entries that do not name this (no order, or not shipped)' }),
});

export const analysisRoutes: RoutesPlugin = async (app, { ctx }) => {
  const todayOf = () => businessDateOf(ctx.clock.now(), ctx.config.timeZone);

  app.get(
    '/v1/admin/feedback/analysis',
    {
      config: { auth: { permission: 'feedback.read' } },
      schema: {
        tags,
        summary:
          'Feedback analysis: ratings and NPS by week or month and by category, breakdowns by product, model, warehouse and carrier, top words (last 180 days by default)',
        querystring: Type.Object({
          from: Type.Optional(DateString),
          to: Type.Optional(DateString),
          period: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month')])),
          words: Type.Optional(Type.Integer({ minimum: 1, maximum: FeedbackLimits.topWordsMax })),
          locale: Type.Optional(Locale),
        }),
        response: {
          200: Type.Object({
            fromDate: Type.String(),
            toDate: Type.String(),
            feedbacks: Type.Integer(),
            truncated: Type.Boolean(),
            ratings: Shares,
            nps: Nps,
            byPeriod: Type.Array(PeriodGroup),
            byCategory: Type.Array(Group),
            breakdowns: Type.Object({
              product: Breakdown,
              model: Breakdown,
              warehouse: Breakdown,
              carrier: Breakdown,
            }),
            topWords: Type.Array(
              Type.Object({ word: Type.String(), texts: Type.Integer(), occurrences: Type.Integer() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const { fromDate, toDate } = analysisRange(request.query, todayOf());
      return readFeedbackAnalysis(ctx.database.db, {
        fromDate,
        toDate,
        period: request.query.period ?? 'month',
        topWords: request.query.words ?? 30,
        locale: request.query.locale ?? 'zh-CN',
      });
    },
  );

  app.get(
    '/v1/admin/feedback/export.csv',
    {
      config: { auth: { permission: 'feedback.read' } },
      schema: {
        tags,
        summary: `The feedback of a range as CSV for a spreadsheet (UTF-8 with BOM), with the queue's filters; at most ${FeedbackLimits.exportRowsMax} entries (last 180 days by default)`,
        description:
          "One line per feedback, oldest first: id, date, rating, NPS answer, category, order (named only), product, model, warehouse, carrier, source (the form or the app's error screen), text. Anonymous lines name no customer or order and have contact details in the text masked. A range holding more entries than the bound is refused with FEEDBACK_EXPORT_TOO_LARGE.",
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: FeedbackLimits.searchQueryLengthMax })),
          category: Type.Optional(CategorySchema),
          rating: Type.Optional(RatingSchema),
          replied: Type.Optional(Type.Boolean()),
          source: Type.Optional(SourceSchema),
          ...DrillDownQuery,
          locale: Type.Optional(Locale),
        }),
        produces: ['text/csv'],
        response: {
          200: Type.String({ description: 'text/csv; charset=utf-8, starting with a byte-order mark' }),
        },
      },
    },
    async (request, reply) => {
      const { fromDate, toDate } = analysisRange(request.query, todayOf());
      const locale = request.query.locale ?? 'zh-CN';
      const { csv } = await exportFeedbackCsv(ctx.database.db, {
        filters: { ...request.query, from: fromDate, to: toDate },
        locale,
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="zulin-feedback-${fromDate}-${toDate}.csv"`)
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  );
};
