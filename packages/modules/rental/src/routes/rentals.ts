// The customer's rental routes (API.md): the checkout quote, placing an order, my orders, cancelling.
import { assertOwnSigning, claimSigningTry, contractPdf, getContract, sealOf, signatureInput } from '@zulin/contracts';
import { customerIdOf } from '@zulin/identity';
import { shippingCarrier } from '@zulin/logistics';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { preCheck, riskDeps } from '@zulin/risk';
import { Type } from 'typebox';
import { presentExitQuote, presentOrder, presentQuote, presentRentalBill } from '../api-schemas';
import { prepareReturnPickup, recordReturnPickup } from '../book-return-pickup';
import { buyOutOrder } from '../buy-out-order';
import { cancelOrder } from '../cancel-order';
import { checkoutDiscounts, loadCheckoutItem, priceCheckout } from '../checkout-quote';
import type { RentalDeps } from '../deps';
import { RentalErrors } from '../errors';
import { RentalLimits } from '../limits';
import { withKnownFacts } from '../order-facts';
import { customerHistory, placeOrder, prepareOrder } from '../place-order';
import { quoteExit } from '../quote-exit';
import { listOrderBills } from '../read-order-bills';
import { getOrder, listOrders } from '../read-orders';
import { renewOrder } from '../renew-order';
import { pickupSlots, returnOrder } from '../return-order';
import { checkOrderSignable, signOrder } from '../sign-order';
import { AddOnCodes, AddressBody, BillStatusFilter, OrderStatusFilter, PageQuery, SignBody } from './shared';

const CheckoutBody = {
  skuId: Type.String({ minLength: 1, maxLength: 64 }),
  planId: Type.String({ minLength: 1, maxLength: 64 }),
  couponCodes: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: RentalLimits.discountsMax }),
  ),
  addOns: Type.Optional(AddOnCodes),
};

export const rentalRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: RentalDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };

  app.post(
    '/v1/rentals/quote',
    {
      config: { auth: 'public', effects: 'none' },
      schema: {
        tags: ['rentals'],
        summary: 'Price a rental at checkout; with a customer token, the deposit the risk pre-check would waive',
        body: Type.Object(CheckoutBody, { additionalProperties: false }),
        response: { 200: Ref('RentalQuote') },
      },
    },
    async (request) => {
      const input = { ...request.body, addOns: request.body.addOns ?? [], couponCodes: request.body.couponCodes ?? [] };
      const item = await loadCheckoutItem(ctx.database.db, input);
      const principal = request.principal;
      if (principal?.kind !== 'customer') {
        const discounts = await checkoutDiscounts(ctx.database.db, deps, { customerId: null, item, input });
        return presentQuote(priceCheckout(deps, item, input, undefined, discounts));
      }
      const check = await preCheck(ctx.database.db, riskDeps(ctx), {
        customerId: principal.customerId,
        purpose: 'rental',
        deviceFingerprint: null,
        ip: request.ip,
        address: null,
        orderValueMinor: item.marketPriceMinor,
        depositMinor: item.plan.depositMinor,
        history: await customerHistory(ctx.database.db, principal.customerId),
      });
      const discounts = await checkoutDiscounts(ctx.database.db, deps, {
        customerId: principal.customerId,
        item,
        input,
      });
      const quote = priceCheckout(deps, item, input, { waivedMinor: check.depositWaivedMinor }, discounts);
      return presentQuote(quote, { outcome: check.outcome });
    },
  );

  app.post(
    '/v1/rentals',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'Place a rental order: quote, credit decision and the phone reserved, in one step',
        description: 'Send an Idempotency-Key: the same key again answers the same order.',
        body: Type.Object(
          {
            ...CheckoutBody,
            address: AddressBody,
            pickupStoreCode: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 32,
                description: '门店自提: a store of GET /v1/pickup-stores; absent = delivery to the address',
              }),
            ),
            deviceFingerprint: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('RentalOrder') },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      const body = request.body;
      const orderDeps = { ...deps, risk: riskDeps(ctx) };
      // The outside systems are asked before the command's transaction opens.
      const prepared = await prepareOrder(ctx.database.db, orderDeps, {
        customerId,
        input: {
          skuId: body.skuId,
          planId: body.planId,
          addOns: body.addOns ?? [],
          couponCodes: body.couponCodes ?? [],
          address: body.address,
          pickupStoreCode: body.pickupStoreCode ?? null,
          deviceFingerprint: body.deviceFingerprint ?? null,
          ip: request.ip,
        },
      });
      return command(ctx, request, reply, { status: 201 }, async (tx) => {
        const placed = await placeOrder(tx, orderDeps, prepared);
        return presentOrder(await getOrder(tx, placed.order.id));
      });
    },
  );

  app.get(
    '/v1/rentals',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'My rental orders, newest first',
        querystring: Type.Object({ status: OrderStatusFilter, ...PageQuery }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            data: Type.Array(Ref('RentalOrder')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const page = await listOrders(ctx.database.db, { customerId: customerIdOf(request), ...request.query });
      return { data: page.data.map(presentOrder), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/rentals/:id',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'One of my rental orders, with its timeline and the actions allowed now',
        params: IdParams,
        response: { 200: Ref('RentalOrder') },
      },
    },
    async (request) => {
      const view = await getOrder(ctx.database.db, request.params.id, { customerId: customerIdOf(request) });
      return presentOrder(await withKnownFacts(ctx.database.db, deps, view));
    },
  );

  app.post(
    '/v1/rentals/:id/cancel',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'Cancel my order before it ships; the phone goes back in stock',
        params: IdParams,
        response: { 200: Ref('RentalOrder') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const customerId = customerIdOf(request);
        const order = await cancelOrder(tx, deps, {
          orderId: request.params.id,
          by: { actor: 'customer', audit: { kind: 'customer', customerId } },
          reason: 'customer_cancelled',
        });
        return presentOrder(await getOrder(tx, order.id));
      }),
  );

  app.post(
    '/v1/rentals/:id/quotes',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'Price an early return, a buyout or a renewal: amount, lines, formula in words, inputs, validUntil',
        params: IdParams,
        body: Type.Object(
          {
            kind: Type.Unsafe<'early_return' | 'buyout' | 'renewal'>(
              Type.Union([Type.Literal('early_return'), Type.Literal('buyout'), Type.Literal('renewal')]),
            ),
            months: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 30,
                description: 'renewal: 1, 3, 6 or 12 months (7, 15 or 30 days)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('RentalExitQuote') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentExitQuote(
          await quoteExit(tx, deps, {
            orderId: request.params.id,
            customerId: customerIdOf(request),
            kind: request.body.kind,
            months: request.body.months,
          }),
        ),
      ),
  );

  app.post(
    '/v1/rentals/:id/sign',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'Sign the order’s rental contract with the SMS code and a drawn or typed signature',
        description:
          'Ask for the code first with POST /v1/contracts/{contractId}/sign-codes (the order carries contractId). ' +
          'The contract is signed and sealed and the order moves to awaiting_payment in one transaction.',
        params: IdParams,
        body: SignBody,
        response: { 200: Ref('RentalOrder') },
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
        return presentOrder(await getOrder(tx, order.id));
      });
    },
  );

  app.get(
    '/v1/rentals/:id/contract.pdf',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'The order’s rental contract as a PDF: the sealed copy once signed, else the draft',
        params: IdParams,
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      const view = await getOrder(ctx.database.db, request.params.id, { customerId });
      const contractId = view.order.contractId;
      if (contractId === null) throw RentalErrors.RENTAL_CONTRACT_NOT_FOUND();
      const { pdf, fileName } = contractPdf(await getContract(ctx.database.db, contractId, customerId));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(pdf);
    },
  );

  app.get(
    '/v1/rentals/:id/bills',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'The bills of one of my orders: rent periods, exit and inspection charges',
        params: IdParams,
        querystring: Type.Object({ status: BillStatusFilter, ...PageQuery }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            data: Type.Array(Ref('RentalBill')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => {
      const page = await listOrderBills(ctx.database.db, deps, {
        orderId: request.params.id,
        customerId: customerIdOf(request),
        ...request.query,
      });
      return { data: page.data.map(presentRentalBill), nextCursor: page.nextCursor };
    },
  );

  const QuoteId = Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'a quote from POST /v1/rentals/{id}/quotes, charged exactly while valid; left out: priced now',
    }),
  );

  app.post(
    '/v1/rentals/:id/renew',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'Renew at the quoted rent: opens the renewal and drafts its addendum, to sign at /sign',
        description:
          'Send an Idempotency-Key. Takes the renewal quote named (or one priced now for `months`); ' +
          'the new periods are billed on their due dates once the addendum is signed.',
        params: IdParams,
        body: Type.Object(
          {
            quoteId: QuoteId,
            months: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 30, description: '1, 3, 6 or 12 months (7, 15 or 30 days)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ref('RentalOrder') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const order = await renewOrder(tx, deps, {
          orderId: request.params.id,
          customerId: customerIdOf(request),
          quoteId: request.body.quoteId,
          months: request.body.months,
        });
        return presentOrder(await getOrder(tx, order.id));
      }),
  );

  app.post(
    '/v1/rentals/:id/buyout',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'Buy the phone at the quoted price: the buyout bill is issued; paying it completes the buyout',
        description: 'Send an Idempotency-Key. Takes the buyout quote named, or one priced now.',
        params: IdParams,
        body: Type.Object({ quoteId: QuoteId }, { additionalProperties: false }),
        response: { 200: Ref('RentalOrder') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const order = await buyOutOrder(tx, deps, {
          orderId: request.params.id,
          customerId: customerIdOf(request),
          quoteId: request.body.quoteId,
        });
        return presentOrder(await getOrder(tx, order.id));
      }),
  );

  app.post(
    '/v1/rentals/:id/return',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['rentals'],
        summary: 'Return the phone: the early-return charge at the quote is billed and a pick-up booked',
        description: 'Send an Idempotency-Key. Takes the early-return quote named, or one priced now.',
        params: IdParams,
        body: Type.Object(
          {
            quoteId: QuoteId,
            pickup: Type.Object(
              {
                date: Type.String({
                  format: 'date',
                  description: 'YYYY-MM-DD, today to 2 days on (the courier books up to 72 h ahead)',
                }),
                slot: Type.Unsafe<(typeof pickupSlots)[number]>(
                  Type.Union(pickupSlots.map((slot) => Type.Literal(slot))),
                ),
              },
              { additionalProperties: false },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ref('RentalOrder') },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      // The carrier is asked for the return waybill and the courier before the transaction
      // (book-return-pickup.ts); the command records both with the return.
      const prepared = await prepareReturnPickup(ctx.database, deps, shippingCarrier(ctx, ctx.database.db), {
        orderId: request.params.id,
        customerId,
        pickup: request.body.pickup,
      });
      return command(ctx, request, reply, {}, async (tx) => {
        const order = await returnOrder(tx, deps, {
          orderId: request.params.id,
          customerId,
          quoteId: request.body.quoteId,
          pickup: request.body.pickup,
        });
        await recordReturnPickup(tx, deps, { order, prepared });
        return presentOrder(await getOrder(tx, order.id));
      });
    },
  );
};
