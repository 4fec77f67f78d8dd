// The steps of an installment order after it is placed: signing its contract (before the down payment
// can be paid), the contract as a PDF, and cancelling before shipment (the down payment refunded).
import { assertOwnSigning, claimSigningTry, contractPdf, getContract, sealOf, signatureInput } from '@zulin/contracts';
import { customerIdOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { OrderCancelBody, OrderSignBody } from '../api-schemas';
import { cancelInstallmentOrder } from '../cancel-order';
import { systemCancelReason, typedCancelReason } from '../cancel-reasons';
import { installmentDeps } from '../deps';
import { InstallmentErrors } from '../errors';
import { loadOrder, viewOrder } from '../orders';
import { checkOrderSignable, signOrder } from '../sign-order';

export const orderStepRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = installmentDeps(ctx);

  app.post(
    '/v1/installment-orders/:id/sign',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['installments'],
        summary: 'Sign the order’s contract with the SMS code and a drawn or typed signature',
        description:
          'Ask for the code first with POST /v1/contracts/{contractId}/sign-codes (the order carries contractId). ' +
          'The contract is signed and sealed, the sale booked and the down-payment bill issued in one transaction; ' +
          'an order without a down payment starts at once.',
        params: IdParams,
        body: OrderSignBody,
        response: { 200: Ref('InstallmentOrder') },
      },
    },
    async (request, reply) => {
      // Mode `provider`: the licensed provider's flow signs (POST /v1/contracts/{id}/esign-flows).
      assertOwnSigning();
      const customerId = customerIdOf(request);
      // A state that cannot be signed, or a contract signed already, is said before a try is counted.
      await checkOrderSignable(ctx.database.db, { orderId: request.params.id, customerId });
      const codeTry = await claimSigningTry(ctx.database, deps, customerId);
      const seal = await sealOf(ctx, ctx.database.db);
      return command(ctx, request, reply, {}, async (tx) => {
        const order = await signOrder(
          tx,
          { ...deps, seal },
          {
            orderId: request.params.id,
            customerId,
            code: request.body.code,
            codeTry,
            signature: signatureInput(request.body.signature),
          },
        );
        return viewOrder(tx, deps, order);
      });
    },
  );

  app.get(
    '/v1/installment-orders/:id/contract.pdf',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['installments'],
        summary: 'The order’s contract as a PDF: the sealed copy once signed, else the draft',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      const order = await loadOrder(ctx.database.db, request.params.id, { customerId });
      if (order.contractId === null) {
        throw InstallmentErrors.INSTALLMENT_CONTRACT_NOT_FOUND({ detail: `The order is ${order.status}.` });
      }
      const { pdf, fileName } = contractPdf(await getContract(ctx.database.db, order.contractId, customerId));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(pdf);
    },
  );

  app.post(
    '/v1/installment-orders/:id/cancel',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['installments'],
        summary: 'Cancel my order before shipment: the down payment paid goes back to my wallet',
        description:
          'Allowed until the first period bill is issued. The sale is reversed in the ledger and an unpaid ' +
          'down-payment bill withdrawn in the same transaction. Send an Idempotency-Key.',
        params: IdParams,
        body: OrderCancelBody,
        response: { 200: Ref('InstallmentOrder') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const order = await cancelInstallmentOrder(tx, deps, {
          orderId: request.params.id,
          by: { customerId: customerIdOf(request) },
          reason:
            request.body.reason === undefined
              ? systemCancelReason('customer_cancelled')
              : typedCancelReason(request.body.reason),
        });
        return viewOrder(tx, deps, order);
      }),
  );
};
