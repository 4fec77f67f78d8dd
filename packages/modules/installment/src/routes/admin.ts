// The console's installment orders: every order with filters, and one order with its schedule,
// payments, lateness (days past due, bucket, penalty accrued) and ledger postings. Read by anyone
// who reads orders (`orders.read`).
import { IdParams, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { OrderStatusFilter } from '../api-schemas';
import { installmentDeps } from '../deps';
import { overseeOrder } from '../order-oversight';
import { listOrdersForStaff, loadOrder } from '../orders';

export const orderAdminRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = installmentDeps(ctx);

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
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: PageOf(Ref('InstallmentOrder')) },
      },
    },
    async (request) => listOrdersForStaff(ctx.database.db, deps, request.query),
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
      const { overdue, payments, postings, ...view } = await overseeOrder(ctx.database.db, deps, order);
      return { order: view, overdue, payments, postings };
    },
  );
};
