// The shapes the rental API answers with (TypeBox, shared with /openapi.json and the SDK), and the
// presenters that turn the module's values into them.
import type { BillView } from '@zulin/billing';
import { Instant, Literals, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import { customerActionList, customerStates } from './customer-states';
import { paidFromWallet } from './first-payment';
import { orderActions, orderStates } from './order-machine';
import type { StoredExitQuote } from './quote-exit';
import type { RentalQuote } from './quote-rental';
import { rentalExitBillSource } from './read-order-bills';
import type { OrderView } from './read-orders';
import { rentalTimersSchema } from './timers';

const Minor = (description = 'integer minor units (分)') => Type.Integer({ description });
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const LocalText = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

const SchedulePeriod = Type.Object({
  period: Type.Integer(),
  periodStart: DateString,
  periodEnd: DateString,
  days: Type.Integer(),
  dueDate: DateString,
  rentMinor: Minor(),
  addOnsMinor: Minor(),
  amountMinor: Minor(),
  paidAtCheckout: Type.Boolean(),
});

export const RentalQuoteSchema = Type.Object(
  {
    currency: Type.Literal('CNY'),
    rentMinor: Minor('rent per period (month, or day for a day plan)'),
    upfrontPeriods: Type.Integer(),
    upfrontMinor: Minor('rent paid at checkout'),
    depositMinor: Minor(),
    addOnsMinor: Minor('add-ons paid at checkout'),
    shippingMinor: Minor(),
    discountMinor: Minor(),
    discounts: Type.Array(
      Type.Object({ code: Type.String({ description: 'the coupon (GET /v1/coupons id)' }), amountMinor: Minor() }),
      { description: 'each coupon’s discount line, in the order sent' },
    ),
    firstPaymentMinor: Minor('upfront rent + add-ons + shipping − coupons; the deposit is held, not charged'),
    buyoutAtEndMinor: Minor(),
    totalRentMinor: Minor('all rent and per-period add-ons over the term'),
    depositWaivedMinor: Type.Optional(Minor('with a customer token: the risk pre-check’s waiver')),
    depositToHoldMinor: Type.Optional(Minor('with a customer token: deposit − waiver')),
    preCheck: Type.Optional(
      Type.Object({
        outcome: Type.String({ description: 'approve, review, block_and_review or reject, if placed now' }),
      }),
    ),
    startDate: DateString,
    endDate: DateString,
    schedule: Type.Array(SchedulePeriod, { description: 'due dates from an assumed start of rent' }),
  },
  { $id: 'RentalQuote', title: 'RentalQuote' },
);

export const RentalOrderSchema = Type.Object(
  {
    id: Type.String(),
    customerId: Type.String(),
    skuId: Type.String(),
    planId: Type.String(),
    status: Literals(orderStates),
    openAfterSale: Nullable(Type.String()),
    customerState: Type.Object({
      state: Literals(customerStates),
      label: LocalText,
      copy: LocalText,
    }),
    actions: Type.Array(Literals(customerActionList), { description: 'what the customer may do now' }),
    staffActions: Type.Array(Literals(orderActions), { description: 'what staff may do now' }),
    nextAction: Nullable(Literals(customerActionList)),
    currency: Type.Literal('CNY'),
    rentMinor: Minor(),
    upfrontMinor: Minor(),
    addOnsMinor: Minor(),
    discountMinor: Minor(),
    firstPaymentMinor: Minor(),
    firstPaymentFrom: Nullable(
      Type.Union([Type.Literal('channel'), Type.Literal('wallet')], {
        description: 'what paid the first payment: a channel’s cashier or the wallet balance (null: not yet)',
      }),
    ),
    depositMinor: Minor(),
    depositWaivedMinor: Minor(),
    depositToHoldMinor: Minor(),
    depositHold: Type.Optional(
      Nullable(
        Type.Object(
          {
            instrument: Type.String({ description: 'alipay, wechatpay, or wallet (held on the wallet balance)' }),
            state: Type.String({ description: 'authorised, partially_captured, released, settled, …' }),
            amountMinor: Minor('the hold'),
            capturedMinor: Minor(),
            releasedMinor: Minor(),
          },
          { description: 'the deposit hold and what holds it; single reads only' },
        ),
      ),
    ),
    buyoutAtEndMinor: Minor(),
    addOns: Type.Array(Type.String()),
    decision: Type.Object({
      id: Nullable(Type.String()),
      outcome: Nullable(Type.String()),
      reasonCodes: Type.Array(Type.String()),
    }),
    unitId: Nullable(Type.String()),
    contractId: Nullable(Type.String()),
    city: Type.String(),
    pickupStoreCode: Nullable(
      Type.String({
        description: '门店自提: the pick-up store (GET /v1/pickup-stores); null = delivery to the address',
      }),
    ),
    paymentDeadlineAt: Nullable(Instant),
    // The business date the phone was signed for (or collected at the store); the rent starts the day after.
    deliveredOn: Nullable(DateString),
    rentStartDate: Nullable(DateString),
    createdAt: Instant,
    updatedAt: Instant,
    afterSales: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Literals(['return', 'buyout', 'renewal'] as const),
        status: Literals(['open', 'done', 'abandoned'] as const),
        quoteId: Type.String(),
        amountMinor: Minor('the quote: what the action costs in all'),
        billedMinor: Minor('what the exit bill carries (the rest is rent billed already)'),
        billId: Nullable(Type.String()),
        contractId: Nullable(Type.String({ description: 'a renewal’s addendum, to sign' })),
        pickup: Nullable(Type.Object({ date: DateString, slot: Type.String() })),
        createdAt: Instant,
        closedAt: Nullable(Instant),
      }),
      { description: 'return, buyout and renewal actions, newest first (single-order reads only)' },
    ),
    customerLabel: Type.Optional(
      Nullable(Type.String({ description: 'console lists only: the customer, masked name and phone' })),
    ),
    productName: Type.Optional(
      Nullable(Type.String({ description: 'console lists only: brand, model, storage, colour' })),
    ),
    timeline: Type.Array(
      Type.Object({
        seq: Type.Integer(),
        action: Literals(orderActions),
        from: Literals(orderStates),
        to: Literals(orderStates),
        actor: Type.String(),
        at: Instant,
      }),
    ),
  },
  { $id: 'RentalOrder', title: 'RentalOrder' },
);

export const RentalExitQuoteSchema = Type.Object(
  {
    id: Type.String({ description: 'name it when acting on the quote' }),
    orderId: Type.String(),
    kind: Literals(['early_return', 'buyout', 'renewal'] as const),
    amountMinor: Minor('what the action charges while the quote is valid'),
    lines: Type.Array(
      Type.Object({
        code: Type.String(),
        label: LocalText,
        amountMinor: Minor('signed: a discount or cap is negative'),
        quantity: Type.Optional(Type.Integer()),
        unitMinor: Type.Optional(Minor()),
      }),
    ),
    formula: LocalText,
    inputs: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    asOf: DateString,
    validUntil: Type.String({ description: 'exclusive, with the operator’s offset' }),
  },
  { $id: 'RentalExitQuote', title: 'RentalExitQuote' },
);

export function presentExitQuote(quote: StoredExitQuote) {
  return {
    id: quote.id,
    orderId: quote.orderId,
    kind: quote.kind,
    amountMinor: quote.amountMinor,
    lines: quote.lines,
    formula: quote.formula,
    inputs: quote.inputs,
    asOf: quote.asOf,
    validUntil: quote.validUntil,
  };
}

export const RentalTimersViewSchema = Type.Object(
  {
    timers: rentalTimersSchema,
    defaults: { ...rentalTimersSchema, description: 'what each timer is when nothing is stored' },
    updatedBy: Nullable(Type.String()),
    updatedByName: Type.Optional(Nullable(Type.String({ description: 'the staff member who last changed them' }))),
    updatedAt: Nullable(Instant),
  },
  { $id: 'RentalTimers', title: 'RentalTimers' },
);

export function presentQuote(quote: RentalQuote, preCheck?: { outcome: string }) {
  return { ...quote, ...(preCheck !== undefined ? { preCheck } : {}) };
}

/** The first action a customer is nudged to (the primary button). */
const primaryActions = ['sign', 'pay', 'pay_bill', 'pay_buyout', 'sign_renewal', 'track'] as const;

export function presentOrder(view: OrderView) {
  const { order } = view;
  return {
    id: order.id,
    customerId: order.customerId,
    skuId: order.skuId,
    planId: order.planId,
    status: order.status,
    openAfterSale: order.openAfterSale,
    customerState: view.customerState,
    actions: view.customerActions,
    staffActions: view.staffActions,
    nextAction: view.customerActions.find((a) => (primaryActions as readonly string[]).includes(a)) ?? null,
    currency: 'CNY' as const,
    rentMinor: order.quote.rentMinor,
    upfrontMinor: order.quote.upfrontMinor,
    addOnsMinor: order.quote.addOnsMinor,
    discountMinor: order.quote.discountMinor,
    firstPaymentMinor: order.firstPaymentMinor,
    firstPaymentFrom: order.firstPaymentId === null ? null : paidFromWallet(order) ? 'wallet' : 'channel',
    depositMinor: order.depositMinor,
    depositWaivedMinor: order.depositWaivedMinor,
    depositToHoldMinor: order.depositToHoldMinor,
    ...(view.depositHold === undefined ? {} : { depositHold: view.depositHold }),
    buyoutAtEndMinor: order.quote.buyoutAtEndMinor,
    addOns: order.addOns,
    decision: { id: order.decisionId, outcome: order.decisionOutcome, reasonCodes: order.decisionReasonCodes },
    unitId: order.unitId,
    contractId: order.contractId,
    city: order.city,
    pickupStoreCode: order.pickupStoreCode,
    paymentDeadlineAt: order.paymentDeadlineAt?.toISOString() ?? null,
    deliveredOn: order.deliveredOn,
    rentStartDate: order.rentStartDate,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    afterSales: view.afterSales.map((a) => ({
      id: a.id,
      kind: a.kind,
      status: a.status,
      quoteId: a.quoteId,
      amountMinor: a.amountMinor,
      billedMinor: a.billedMinor,
      billId: a.billId,
      contractId: a.contractId,
      pickup: (a.detail.pickup as { date: string; slot: string } | undefined) ?? null,
      createdAt: a.createdAt.toISOString(),
      closedAt: a.closedAt?.toISOString() ?? null,
    })),
    timeline: view.timeline.map((t) => ({
      seq: t.seq,
      action: t.action,
      from: t.from,
      to: t.to,
      actor: t.actor,
      at: t.at.toISOString(),
    })),
  };
}

/** A bill of an order, as billing issued it (rent period, exit or inspection charge). */
export const RentalBillSchema = Type.Object(
  {
    id: Type.String(),
    kind: Literals(['rent', 'exit'] as const),
    period: Type.Integer({
      description:
        'rent: the period of the schedule (1-based); exit: the order’s n-th one-off charge (buyout, early return)',
    }),
    title: Type.String(),
    dueDate: DateString,
    amountMinor: Minor('the whole bill'),
    paidMinor: Minor(),
    waivedMinor: Minor(),
    outstandingMinor: Minor('what is still owed'),
    status: Literals(['open', 'overdue', 'paid', 'waived'] as const),
    withdrawn: Type.Boolean({
      description:
        'true when the order withdrew the bill (an exit the customer abandoned): closed as waived, but cancelled, not forgiven',
    }),
    daysOverdue: Type.Integer({ description: 'days past the due date while unpaid' }),
    settledAt: Nullable(Instant),
    lines: Type.Array(
      Type.Object({
        kind: Type.String({ description: 'rent, fee, damage, …' }),
        description: Type.String(),
        amountMinor: Minor(),
        outstandingMinor: Minor(),
      }),
    ),
  },
  { $id: 'RentalBill', title: 'RentalBill' },
);

export function presentRentalBill(b: BillView) {
  return {
    id: b.id,
    kind: b.sourceType === rentalExitBillSource ? ('exit' as const) : ('rent' as const),
    period: b.period,
    title: b.title,
    dueDate: b.dueDate,
    amountMinor: b.amountMinor,
    paidMinor: b.paidMinor,
    waivedMinor: b.waivedMinor,
    outstandingMinor: b.outstandingMinor,
    status: b.status,
    withdrawn: b.withdrawnAt !== null,
    daysOverdue: b.daysOverdue,
    settledAt: b.settledAt ? b.settledAt.toISOString() : null,
    lines: b.lines.map((l) => ({
      kind: l.kind,
      description: l.description,
      amountMinor: l.amountMinor,
      outstandingMinor: l.outstandingMinor,
    })),
  };
}
