// Support's part of the analysis dashboard: tickets and chats per month, SLA attainment, chat ratings.
import { addDays, businessDateOf, isBusinessDate } from '@zulin/kernel';
import type { RoutesPlugin } from '@zulin/platform';
import { Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import { SupportErrors } from '../errors';
import { readSupportStats } from '../support-stats';

const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 10 });
const defaultDays = 180;

export const statsRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/admin/support/stats',
    {
      config: { auth: { permission: 'support.read' } },
      schema: {
        tags: ['support'],
        summary: 'Tickets and chats per month with SLA attainment and chat ratings (last 180 days by default)',
        querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }),
        response: {
          200: Type.Object({
            tickets: Type.Array(
              Type.Object({
                month: Type.String(),
                opened: Type.Integer(),
                firstResponseMetBps: Nullable(Type.Integer()),
                resolutionMetBps: Nullable(Type.Integer()),
              }),
            ),
            chats: Type.Array(
              Type.Object({
                month: Type.String(),
                chats: Type.Integer(),
                answered: Type.Integer(),
                rated: Type.Integer(),
                averageRatingHundredths: Nullable(Type.Integer()),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const now = ctx.clock.now();
      // The pattern lets 2026-02-30 through: a date that does not exist is refused, never a 500.
      for (const field of ['from', 'to'] as const) {
        const value = request.query[field];
        if (value !== undefined && !isBusinessDate(value)) {
          throw SupportErrors.SUPPORT_STATS_RANGE_INVALID({
            errors: [{ path: `/query/${field}`, message: 'Not a calendar date' }],
          });
        }
      }
      const toDate = request.query.to ?? businessDateOf(now, ctx.config.timeZone);
      const fromDate = request.query.from ?? addDays(toDate, -(defaultDays - 1));
      if (fromDate > toDate) {
        throw SupportErrors.SUPPORT_STATS_RANGE_INVALID({
          errors: [{ path: '/query/from', message: 'from is after to' }],
        });
      }
      return readSupportStats(ctx.database.db, { fromDate, toDate, timeZone: ctx.config.timeZone, now });
    },
  );
};
