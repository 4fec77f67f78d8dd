// The customer's order page's second read: the phone by name, its IMEI once shipped, the term's dates.
import { customerIdOf } from '@zulin/identity';
import { IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import type { RentalDeps } from '../deps';
import { type EffectiveEndBasis, readOrderSummary } from '../read-order-summary';

const DateOrNull = Type.Union([Type.String({ format: 'date', description: 'YYYY-MM-DD' }), Type.Null()]);

export const RentalOrderSummarySchema = Type.Object(
  {
    orderId: Type.String(),
    product: Type.Object({
      productId: Type.String(),
      brand: Type.String(),
      brandNameZh: Type.String(),
      model: Type.String(),
      storageLabel: Type.String(),
      colour: Type.String(),
      condition: Type.Union([Type.Literal('new'), Type.Literal('used_99'), Type.Literal('used_95')]),
      conditionLabel: Type.String({ description: 'the condition in Chinese; screens translate `condition`' }),
      imageUrl: Type.Union([Type.String(), Type.Null()]),
    }),
    imei: Type.Union([Type.String(), Type.Null()], { description: 'the phone’s IMEI, once it has shipped' }),
    term: Type.Object({
      unit: Type.Unsafe<'month' | 'day'>(Type.Union([Type.Literal('month'), Type.Literal('day')])),
      count: Type.Integer({ description: 'the plan’s term' }),
      renewedCount: Type.Integer({ description: 'months (or days) added by signed renewals' }),
    }),
    startDate: { ...DateOrNull, description: 'the first day of rent; null before delivery' },
    endDate: { ...DateOrNull, description: 'the last day of rent, renewals included; null before delivery' },
    effectiveEnd: Type.Union(
      [
        Type.Object({
          date: Type.String({ format: 'date', description: 'YYYY-MM-DD' }),
          basis: Type.Unsafe<EffectiveEndBasis>(
            Type.Union([Type.Literal('return_scanned'), Type.Literal('pickup_booked')], {
              description:
                'return_scanned: the courier scanned the returned parcel that day (rent stopped); pickup_booked: the pick-up booked for that day',
            }),
          ),
        }),
        Type.Null(),
      ],
      { description: 'when rent ends in fact after an early return; null when the term runs to endDate' },
    ),
    autoDebitFailures: Type.Array(
      Type.Object({
        billId: Type.String(),
        title: Type.String(),
        outstandingMinor: Type.Integer({ description: 'what the bill still owes, in 分' }),
        dueDate: Type.String({ format: 'date' }),
        attempt: Type.Integer({ description: 'the attempt refused: 0 on the due date, n on the n-th retry day' }),
        failedOn: Type.String({ format: 'date' }),
        nextRetryDate: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
          description: 'the next attempt (the timers’ D+n days), or null when no retry is left',
        }),
      }),
      { description: 'unpaid rent bills whose newest auto-debit attempt was refused' },
    ),
  },
  { $id: 'RentalOrderSummary', title: 'RentalOrderSummary' },
);

export const rentalSummaryRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: Pick<RentalDeps, 'clock' | 'timeZone'> = { clock: ctx.clock, timeZone: ctx.config.timeZone };
  app.get(
    '/v1/rentals/:id/summary',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary:
          'One of my orders at a glance: the phone by name, its IMEI once shipped, the first and last day of rent',
        params: IdParams,
        response: { 200: Ref('RentalOrderSummary') },
      },
    },
    async (request) =>
      readOrderSummary(ctx.database.db, deps, { orderId: request.params.id, customerId: customerIdOf(request) }),
  );
};
