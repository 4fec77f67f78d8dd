// Placing an installment order (API.md `POST /v1/installment-orders`), in two halves (docs/modules.md,
// "Outside systems"): `prepareInstallmentOrder` reads the SKU and its offer and asks risk's outside
// systems with no transaction open; `placeInstallmentOrder` then, in the command's ONE transaction:
//   the quote (the public calculator's function) → the risk decision (stored) → the order →
//   if approved: the contract draft (the annualised rate as its headline, first and largest), the
//   sale booked in the ledger, and the down-payment bill; with no down payment the order starts at once.
import { issueBill, outstandingSummary } from '@zulin/billing';
import { getInstallmentOffer, getSku } from '@zulin/catalog';
import { draftContract } from '@zulin/contracts';
import { type Executor, emitEvent } from '@zulin/db';
import { Dec, newId, roundHalfUp, today } from '@zulin/kernel';
import { createTransfers, platformAccount } from '@zulin/ledger';
import {
  type ApplicationInput,
  type PreparedApplication,
  prepareApplication,
  type RiskDeps,
  recordApplication,
} from '@zulin/risk';
import { and, count, eq, inArray } from 'drizzle-orm';
import { activateOrder } from './activate-order';
import type { InstallmentDeps } from './deps';
import { InstallmentErrors } from './errors';
import { billSourceTypes, type InstallmentOrderRow } from './orders';
import { type InstallmentQuote, quoteInstallment } from './quote-installment';
import { installmentOrderBills, installmentOrders, type OrderOfferTerms } from './schema';

export interface PlaceInstallmentOrderInput {
  skuId: string;
  offerId: string;
  deviceFingerprint: string | null;
  ip: string | null;
}

export interface PreparedInstallmentOrder {
  orderId: string;
  customerId: string;
  input: PlaceInstallmentOrderInput;
  application: PreparedApplication;
}

interface PricedOffer {
  productName: string;
  priceMinor: number;
  downPaymentMinor: number;
  terms: OrderOfferTerms;
  quote: InstallmentQuote;
}

/** The SKU's price, the offer's terms and the quote, read through catalog's index; refuses a foreign or retired offer. */
async function priceOffer(
  db: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  input: PlaceInstallmentOrderInput,
): Promise<PricedOffer> {
  const sku = await getSku(db, { skuId: input.skuId, audience: 'public' });
  const offer = await getInstallmentOffer(db, input.offerId);
  if (offer.skuId !== sku.id || !offer.active) {
    throw InstallmentErrors.INSTALLMENT_OFFER_NOT_AVAILABLE({
      errors: [{ path: '/body/offerId', message: 'not an active installment offer of this SKU', code: 'invalid' }],
    });
  }
  const priceMinor = sku.marketPriceMinor;
  // The down payment is a share of the price, rounded half-up to 分; the rest is financed.
  const downPaymentMinor = roundHalfUp(new Dec(priceMinor).times(offer.downPaymentBps).div(10_000));
  const terms: OrderOfferTerms = {
    termMonths: offer.termMonths,
    annualRateBps: offer.annualRateBps,
    feeRateBpsPerPeriod: offer.feeRateBpsPerPeriod,
    downPaymentBps: offer.downPaymentBps,
    method: offer.method,
  };
  const quote = quoteInstallment({
    principalMinor: priceMinor - downPaymentMinor,
    termMonths: terms.termMonths,
    annualRateBps: terms.annualRateBps,
    method: terms.method,
    feeRateBpsPerPeriod: terms.feeRateBpsPerPeriod,
    startDate: today(deps.clock, deps.timeZone),
  });
  return { productName: `${sku.storageLabel} ${sku.colour}`, priceMinor, downPaymentMinor, terms, quote };
}

/** First half: checks, reads and the outside calls, with no transaction open. */
export async function prepareInstallmentOrder(
  db: Executor,
  deps: InstallmentDeps & { risk: RiskDeps },
  options: { customerId: string; input: PlaceInstallmentOrderInput },
): Promise<PreparedInstallmentOrder> {
  const { customerId, input } = options;
  const priced = await priceOffer(db, deps, input);
  const orderId = newId('iord', deps.clock);
  const application = await prepareApplication(db, deps.risk, {
    customerId,
    purpose: 'installment',
    reference: orderId,
    deviceFingerprint: input.deviceFingerprint,
    ip: input.ip,
    address: null,
    orderValueMinor: priced.priceMinor,
    depositMinor: 0,
    history: await customerHistory(db, customerId),
  } satisfies ApplicationInput);
  return { orderId, customerId, input, application };
}

/** What risk is told of the customer's history here: open installment orders and what they owe now. */
export async function customerHistory(db: Executor, customerId: string): Promise<ApplicationInput['history']> {
  const [open] = await db
    .select({ n: count() })
    .from(installmentOrders)
    .where(
      and(
        eq(installmentOrders.customerId, customerId),
        inArray(installmentOrders.status, ['pending_review', 'awaiting_down_payment', 'active']),
      ),
    );
  const owed = await outstandingSummary(db, customerId);
  return { activeOrders: open?.n ?? 0, openBalanceMinor: owed.unpaidMinor, onTimeRateBps: 10_000, maxDaysPastDue: 0 };
}

/** Second half, in the command's transaction. */
export async function placeInstallmentOrder(
  tx: Executor,
  deps: InstallmentDeps & { risk: RiskDeps },
  prepared: PreparedInstallmentOrder,
): Promise<InstallmentOrderRow> {
  const now = deps.clock.now();
  const { orderId, customerId, input } = prepared;
  // Read again inside the transaction: the offer may have changed since the first half.
  const priced = await priceOffer(tx, deps, input);
  const decision = await recordApplication(tx, deps.risk, prepared.application);
  const status =
    decision.outcome === 'reject'
      ? ('rejected' as const)
      : decision.outcome === 'approve'
        ? ('awaiting_down_payment' as const)
        : ('pending_review' as const);
  const [inserted] = await tx
    .insert(installmentOrders)
    .values({
      id: orderId,
      customerId,
      skuId: input.skuId,
      offerId: input.offerId,
      status,
      priceMinor: priced.priceMinor,
      downPaymentMinor: priced.downPaymentMinor,
      principalMinor: priced.quote.principalMinor,
      offerTerms: priced.terms,
      quote: priced.quote,
      plan: null,
      billedPeriods: 0,
      decisionId: decision.decisionId,
      decisionOutcome: decision.outcome,
      contractId: null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!inserted) throw new Error('the order insert returned no row');
  let order = inserted;
  if (status === 'awaiting_down_payment') {
    const contract = await draftContract(tx, deps, {
      customerId,
      subject: { kind: 'installment', id: orderId },
      template: 'installment',
      locale: 'zh-CN',
      terms: {
        aprBps: priced.quote.aprSimpleBps,
        productName: priced.productName,
        principalMinor: priced.quote.principalMinor,
        termMonths: priced.terms.termMonths,
        paymentMinor: priced.quote.schedule[0]?.paymentMinor ?? 0,
        totalInterestMinor: priced.quote.totalInterestMinor,
        totalFeeMinor: priced.quote.totalFeeMinor,
        totalPaymentMinor: priced.quote.totalPaymentMinor,
        firstDueDate: priced.quote.schedule[0]?.dueDate ?? '',
      },
    });
    await bookSale(tx, deps, order);
    order = { ...order, contractId: contract.contractId };
    await tx
      .update(installmentOrders)
      .set({ contractId: contract.contractId })
      .where(eq(installmentOrders.id, orderId));
    if (priced.downPaymentMinor > 0) {
      const businessDate = today(deps.clock, deps.timeZone);
      const { bill } = await issueBill(tx, deps, {
        customerId,
        sourceType: billSourceTypes.down_payment,
        sourceId: orderId,
        period: 0,
        title: '分期购机首付款',
        dueDate: businessDate,
        lines: [{ kind: 'principal', description: '首付款', amountMinor: priced.downPaymentMinor }],
        issuedBy: 'installment',
      });
      await tx.insert(installmentOrderBills).values({
        orderId,
        kind: 'down_payment',
        sequence: 0,
        billId: bill.id,
        amountMinor: priced.downPaymentMinor,
        dueDate: businessDate,
        createdAt: now,
      });
    } else {
      order = await activateOrder(tx, deps, orderId);
    }
  }
  await emitEvent(tx, now, {
    type: 'installment.order_placed',
    aggregateType: 'installment_order',
    aggregateId: orderId,
    payload: {
      orderId,
      customerId,
      status: order.status,
      principalMinor: order.principalMinor,
      downPaymentMinor: order.downPaymentMinor,
      aprSimpleBps: order.quote.aprSimpleBps,
    },
  });
  return order;
}

/**
 * The sale in the ledger: the whole price becomes an installment receivable (1210) against device
 * sales (4050). Billing then moves it to customer receivables bill by bill: the down payment's
 * principal line and each period's principal credit 1210, so 1210 always holds what is financed and
 * not yet billed.
 */
async function bookSale(tx: Executor, deps: Pick<InstallmentDeps, 'clock'>, order: InstallmentOrderRow) {
  const financed = await platformAccount(tx, deps.clock, 'installment_principal');
  const sales = await platformAccount(tx, deps.clock, 'device_sales_revenue');
  await createTransfers(tx, deps.clock, [
    {
      id: `txn_isale_${order.id.slice('iord_'.length)}`,
      debitAccountId: financed.id,
      creditAccountId: sales.id,
      amountMinor: order.priceMinor,
      currency: 'CNY',
      code: 'installment.sale',
      reference: order.id,
      metadata: { customerId: order.customerId },
    },
  ]);
}
