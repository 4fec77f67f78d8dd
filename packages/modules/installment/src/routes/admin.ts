// The console's installment orders: every order with filters, and one order with its schedule,
// payments, lateness (days past due, bucket, penalty accrued) and ledger postings. Read by anyone
// who reads orders (`orders.read`). The installment timers: read with `orders.read`, changed with
// `orders.write` (audited), as rental's. The overdue policy (penalty rate, delinquency buckets): read
// with `orders.read`, changed with `bills.write` (audited); its penalty rate is held to the rate cap
// in force (catalog's setting, /v1/admin/installment-rate-cap).
import { listSkusForStaff, type RateCap } from '@zulin/catalog';
import { type SettingsMeta, staffOf } from '@zulin/identity';
import { command, IdParams, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { AdminOrderCancelBody, OrderStatusFilter } from '../api-schemas';
import { cancelInstallmentOrder } from '../cancel-order';
import { readCancelReason, typedCancelReason } from '../cancel-reasons';
import { installmentDeps } from '../deps';
import { viewOrderFunder } from '../funders';
import { installmentTimers } from '../installment-settings';
import { InstallmentLimits } from '../limits';
import { overseeOrder } from '../order-oversight';
import { listOrdersForStaff, loadOrder, viewOrder } from '../orders';
import {
  installmentOverduePolicy,
  type OverduePolicy,
  overduePolicySchema,
  penaltyRateForNewOrders,
  policyOf,
  readOverduePolicy,
  saveOverduePolicy,
} from '../overdue-policy';
import { installmentTimersSchema } from '../timers';
import { confirmInstallmentParcelLost } from '../undelivered-parcel';

/** The policy, the penalty rate it gives new orders (null in the policy means the cap), the cap in force, and its meta. */
function presentOverduePolicy(policy: OverduePolicy, cap: RateCap, meta: SettingsMeta<OverduePolicy>) {
  return {
    policy,
    penaltyRateForNewOrdersBps: penaltyRateForNewOrders(policy, cap),
    rateCapBps: cap.capBps,
    ...meta,
  };
}

export const orderAdminRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = installmentDeps(ctx);

  app.get(
    '/v1/admin/installment-timers',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags: ['installments'],
        summary:
          'The installment timers in force (unpaid-order cancellation, period-bill reminders, auto-debit retries)',
        response: { 200: Ref('InstallmentTimers') },
      },
    },
    async () => {
      const stored = await installmentTimers.read(ctx.database.db);
      return { timers: stored.value, ...(await installmentTimers.present(ctx.database.db, stored)) };
    },
  );

  app.put(
    '/v1/admin/installment-timers',
    {
      config: { auth: { permission: 'orders.write' } },
      schema: {
        tags: ['installments'],
        summary: 'Change the installment timers; fields left out take their default (audited)',
        body: Type.Partial(installmentTimersSchema),
        response: { 200: Ref('InstallmentTimers') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const saved = await installmentTimers.save(tx, {
          input: request.body,
          staff: staffOf(request),
          now: ctx.clock.now(),
        });
        return { timers: saved.value, ...(await installmentTimers.present(tx, saved)) };
      }),
  );

  app.get(
    '/v1/admin/installment-overdue-policy',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags: ['installments'],
        summary: 'The overdue policy in force: the penalty rate for orders placed from now, the delinquency buckets',
        response: { 200: Ref('InstallmentOverduePolicy') },
      },
    },
    async () => {
      const stored = await readOverduePolicy(ctx.database.db, ctx.clock.now());
      return presentOverduePolicy(
        stored.value,
        stored.cap,
        await installmentOverduePolicy.present(ctx.database.db, stored),
      );
    },
  );

  app.put(
    '/v1/admin/installment-overdue-policy',
    {
      // A money rule: finance's permission, not the order desk's.
      config: { auth: { permission: 'bills.write' } },
      schema: {
        tags: ['installments'],
        summary:
          'Change the overdue policy; fields left out take their default (audited). The penalty rate may not exceed the rate cap in force (GET /v1/admin/installment-rate-cap). A new penalty rate applies to orders placed after the change: an order keeps the rate its contract states',
        body: Type.Partial(overduePolicySchema),
        response: { 200: Ref('InstallmentOverduePolicy') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const saved = await saveOverduePolicy(tx, {
          input: request.body,
          staff: staffOf(request),
          now: ctx.clock.now(),
        });
        return presentOverduePolicy(saved.value, saved.cap, await installmentOverduePolicy.present(tx, saved));
      }),
  );

  app.get(
    '/v1/admin/installment-orders',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags: ['installments'],
        summary: 'Installment orders, newest first, by status, customer or SKU',
        querystring: Type.Object(
          {
            status: OrderStatusFilter,
            customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            skuId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            productId: Type.Optional(
              Type.String({ minLength: 1, maxLength: 64, description: 'any SKU of this product' }),
            ),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(Ref('InstallmentOrder')) },
      },
    },
    async (request) => {
      const { productId, ...rest } = request.query;
      const skuIds =
        productId === undefined
          ? undefined
          : (
              await listSkusForStaff(ctx.database.db, { productId, limit: InstallmentLimits.skusOfProductMax })
            ).data.map((sku) => sku.id);
      return listOrdersForStaff(ctx.database.db, deps, { ...rest, ...(skuIds === undefined ? {} : { skuIds }) });
    },
  );

  app.get(
    '/v1/admin/installment-orders/:id',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags: ['installments'],
        summary: 'One installment order: schedule, payments, days past due and bucket, penalty, ledger postings',
        params: IdParams,
        response: { 200: Ref('InstallmentOrderOversight') },
      },
    },
    async (request) => {
      const order = await loadOrder(ctx.database.db, request.params.id);
      const overduePolicy = await readOverduePolicy(ctx.database.db, ctx.clock.now());
      const policy = policyOf(overduePolicy.value, overduePolicy.cap);
      const { overdue, bucketHistory, payments, postings, autoDebitAttempts, parcels, ...view } = await overseeOrder(
        ctx.database.db,
        deps,
        order,
        policy,
      );
      const funder = await viewOrderFunder(ctx.database.db, order.id);
      const cancelReason = readCancelReason(order.cancelReason);
      return {
        order: view,
        overdue,
        bucketHistory,
        autoDebitAttempts,
        payments,
        postings,
        parcels,
        funder,
        cancelReason,
      };
    },
  );

  app.post(
    '/v1/admin/installment-orders/:id/cancel',
    {
      config: { auth: { permission: 'orders.write' } },
      schema: {
        tags: ['installments'],
        summary: 'Cancel an order before shipment for the customer: the down payment paid is refunded',
        description:
          'The same rule as the customer’s cancel (until the first period bill is issued), audited with the ' +
          'staff member and the reason. Send an Idempotency-Key.',
        params: IdParams,
        body: AdminOrderCancelBody,
        response: { 200: Ref('InstallmentOrder') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const order = await cancelInstallmentOrder(tx, deps, {
          orderId: request.params.id,
          by: { staff: staffOf(request) },
          reason: typedCancelReason(request.body.reason),
        });
        return viewOrder(tx, deps, order);
      }),
  );
  app.post(
    '/v1/admin/installment-orders/:id/parcel-lost',
    {
      config: { auth: { permission: 'logistics.write' } },
      schema: {
        tags: ['installments'],
        summary: 'Confirm the order’s parcel lost in transit: the phone goes to inventory lost, the order is resolved',
        description:
          'Nothing but the down payment billed: the order is cancelled with the down payment refunded in full ' +
          '(fulfilment lost). A period billed or the order paid off: it waits at the shipping desk to ship again. ' +
          'The customer is told either way. 409 INSTALLMENT_PARCEL_NOT_SHIPPED (no parcel on its way), ' +
          'LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED (the parcel is not with the carrier); 422 ' +
          'LOGISTICS_LOST_REASON_INVALID. Send an Idempotency-Key.',
        params: IdParams,
        body: AdminOrderCancelBody,
        response: {
          200: Type.Object({
            order: Ref('InstallmentOrder'),
            outcome: Type.Union([Type.Literal('cancelled'), Type.Literal('to_reship')], {
              description: 'cancelled and refunded, or back on the shipping desk',
            }),
          }),
        },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const { order, outcome } = await confirmInstallmentParcelLost(tx, deps, {
          orderId: request.params.id,
          reason: request.body.reason,
          staff: staffOf(request),
        });
        return { order: await viewOrder(tx, deps, order), outcome };
      }),
  );
};
