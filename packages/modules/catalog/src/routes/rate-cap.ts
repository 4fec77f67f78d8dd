// The rate cap (DOMAIN §6) as an operator setting: read by anyone who reads orders (`orders.read`, as
// the installment settings beside it on 时效设置) and changed by finance (`bills.write`: a money rule,
// and not the permission of those who write offers, so that whoever prices offers cannot lift the cap
// over them). Each answer lists the active offers above the cap.
import { staffOf } from '@zulin/identity';
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { RateCapViewSchema } from '../api-schemas';
import { CatalogLimits } from '../limits';
import { installmentRateCap, presentRateCap, rateCapSchema, saveRateCap } from '../rate-cap-settings';
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
    async () => {
      const db = ctx.database.db;
      return presentRateCap(db, await installmentRateCap.read(db));
    },
  );

  app.put(
    '/v1/admin/installment-rate-cap',
    {
      config: { auth: { permission: 'bills.write' } },
      schema: {
        tags: adminTags,
        summary: 'Change the LPR and the multiple of the rate cap; fields left out take their default (audited)',
        description:
          `LPR 1–${CatalogLimits.rateCapLprBpsMax} bps and a multiple of 1–${CatalogLimits.rateCapMultipleMax} ` +
          `(422 VALIDATION_FAILED), the cap they make at most ${CatalogLimits.rateCapBpsMax} bps (422 ` +
          'CATALOG_RATE_CAP_INVALID). A lower cap is allowed under active offers: the answer lists those now ' +
          'above it. Orders placed earlier keep their terms; offers saved and orders placed from now are held to it.',
        body: Type.Partial(rateCapSchema),
        response: { 200: RateCapViewSchema },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        saveRateCap(tx, { input: request.body, staff: staffOf(request), now: ctx.clock.now() }),
      ),
  );
};
