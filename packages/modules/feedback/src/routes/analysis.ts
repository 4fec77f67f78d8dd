// The analysis dashboard's data: ratings and NPS over time and by category, and the top words.
import { addDays, businessDateOf, isBusinessDate } from '@zulin/kernel';
import type { RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { FeedbackErrors } from '../errors';
import { FeedbackLimits } from '../limits';
import { readFeedbackAnalysis } from '../read-analysis';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
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
const Group = Type.Object({
  key: Type.String(),
  feedbacks: Type.Integer(),
  ratings: Shares,
  nps: Nps,
  sampleFeedbackIds: Type.Array(Type.String()),
});
/** The dashboard's default window: the last 180 days. */
const defaultDays = 180;

export const analysisRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/admin/feedback/analysis',
    {
      config: { auth: { permission: 'feedback.read' } },
      schema: {
        tags: ['feedback'],
        summary:
          'Feedback analysis: ratings and NPS by week or month and by category, top words (last 180 days by default)',
        querystring: Type.Object({
          from: Type.Optional(DateString),
          to: Type.Optional(DateString),
          period: Type.Optional(Type.Union([Type.Literal('week'), Type.Literal('month')])),
          words: Type.Optional(Type.Integer({ minimum: 1, maximum: FeedbackLimits.topWordsMax })),
        }),
        response: {
          200: Type.Object({
            fromDate: Type.String(),
            toDate: Type.String(),
            feedbacks: Type.Integer(),
            truncated: Type.Boolean(),
            ratings: Shares,
            nps: Nps,
            byPeriod: Type.Array(Group),
            byCategory: Type.Array(Group),
            topWords: Type.Array(
              Type.Object({ word: Type.String(), texts: Type.Integer(), occurrences: Type.Integer() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const today = businessDateOf(ctx.clock.now(), ctx.config.timeZone);
      // The pattern lets 2026-02-30 through: a date that does not exist is refused, never a 500.
      for (const field of ['from', 'to'] as const) {
        const value = request.query[field];
        if (value !== undefined && !isBusinessDate(value)) {
          throw FeedbackErrors.FEEDBACK_ANALYSIS_RANGE_INVALID({
            errors: [{ path: `/query/${field}`, message: 'Not a calendar date' }],
          });
        }
      }
      const toDate = request.query.to ?? today;
      const fromDate = request.query.from ?? addDays(toDate, -(defaultDays - 1));
      if (fromDate > toDate) {
        throw FeedbackErrors.FEEDBACK_ANALYSIS_RANGE_INVALID({
          errors: [{ path: '/query/from', message: 'from is after to' }],
        });
      }
      return readFeedbackAnalysis(ctx.database.db, {
        fromDate,
        toDate,
        period: request.query.period ?? 'month',
        topWords: request.query.words ?? 30,
      });
    },
  );
};
