// The rate cap (DOMAIN §6) as an operator setting: read by anyone who reads orders (`orders.read`, as
// the installment settings beside it on 时效设置) and changed by finance (`bills.write`: a money rule,
// and not the permission of those who write offers, so that whoever prices offers cannot lift the cap
// over them). Each answer lists the active offers above the cap.
import { staffOf } from '@zulin/identity';
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { RateCapViewSchema } from '../api-schemas';
import { CatalogLimits } from '../limits';
import { presentRateCap, rateCapSchema, saveRateCap } from '../rate-cap-settings';
import { adminTags } from './shared';

export const rateCapRoutes: RoutesPlugin = async (app, { ctx }) => {
  app.get(
    '/v1/admin/installment-rate-cap',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags: adminTags,
        summary: 'The cap on every installment offer’s annualised rate: the one-year LPR × the multiple',
        description:
          'With the cap in basis points and the active offers above it (not shown to customers and not ' +
          'orderable until edited or retired).',
        response: { 200: RateCapViewSchema },
      },
    },
    async () => presentRateCap(ctx.database.db, ctx.clock.now()),
  );

  app.put(
    '/v1/admin/installment-rate-cap',
    {
      config: { auth: { permission: 'bills.write' } },
      schema: {
        tags: adminTags,
        summary:
          'Change the LPR and the multiple of the rate cap from a business date (default today); fields left out take their default (audited)',
        description:
          `LPR 1–${CatalogLimits.rateCapLprBpsMax} bps and a multiple of 1–${CatalogLimits.rateCapMultipleMax} ` +
          `(422 VALIDATION_FAILED), the cap they make at most ${CatalogLimits.rateCapBpsMax} bps (422 ` +
          'CATALOG_RATE_CAP_INVALID). A lower cap is allowed under active offers: the answer lists those now ' +
          'above it. Orders placed earlier keep their terms; offers saved and orders placed from the day it takes effect ' +
          `are held to it. effectiveFrom: today or a business day up to ${CatalogLimits.rateCapEffectiveDaysAheadMax} ` +
          'days ahead (422 CATALOG_RATE_CAP_INVALID at /body/effectiveFrom); a later change for the same day wins. ' +
          'The answer is the cap in force now, with the changes scheduled and the history.',
        body: Type.Object(
          {
            lprBps: Type.Optional(rateCapSchema.properties.lprBps),
            capMultiple: Type.Optional(rateCapSchema.properties.capMultiple),
            effectiveFrom: Type.Optional(
              Type.String({
                format: 'date',
                description: 'the business date from which it is in force (default today)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: RateCapViewSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        saveRateCap(tx, {
          input: request.body,
          staff: staffOf(request),
          clock: ctx.clock,
          timeZone: ctx.config.timeZone,
        }),
      ),
  );
};
