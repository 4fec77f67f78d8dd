// Placing an installment order (API.md `POST /v1/installment-orders`), in two halves (docs/modules.md,
// "Outside systems"): `prepareInstallmentOrder` reads the SKU and its offer and asks risk's outside
// systems with no transaction open; `placeInstallmentOrder` then, in the command's ONE transaction:
//   the offer within the rate cap in force → the quote (the public calculator's function) →
//   the risk decision (stored) → the order →
//   the phone reserved (inventory; on approval the reservation no longer lapses) →
//   if approved: the contract draft (the annualised rate as its headline, first and largest), and the
//   order waits for the customer's signature (sign-order.ts: the sale is booked and the down payment
//   billed only once the contract is signed, so no down payment can be paid on an unsigned contract).
import { outstandingSummary } from '@zulin/billing';
import { getInstallmentOffer, getSku, readRateCap } from '@zulin/catalog';
import { draftContract } from '@zulin/contracts';
import { type Executor, emitEvent } from '@zulin/db';
import { encryptPii } from '@zulin/identity';
import { confirmReservation, InventoryErrors, reserveUnit } from '@zulin/inventory';
import { AppError, Dec, newId, roundHalfUp, today } from '@zulin/kernel';
import { type Address, checkAddress } from '@zulin/logistics';
import {
  type ApplicationInput,
  type PreparedApplication,
  prepareApplication,
  type RiskDeps,
  recordApplication,
} from '@zulin/risk';
import { and, count, eq, inArray } from 'drizzle-orm';
import { checkRateCap } from './check-rate-cap';
import type { InstallmentDeps } from './deps';
import { InstallmentErrors } from './errors';
import { installmentTimers } from './installment-settings';
import { InstallmentLimits } from './limits';
import type { InstallmentOrderRow } from './orders';
import { penaltyRateForNewOrders, readOverduePolicy } from './overdue-policy';
import { type InstallmentQuote, quoteInstallment } from './quote-installment';
import { installmentOrders, type OrderOfferTerms } from './schema';

export interface PlaceInstallmentOrderInput {
  skuId: string;
  offerId: string;
  /** Where the phone is shipped. Null only for callers that ship nowhere (the desk refuses such an order). */
  address: Address | null;
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

/**
 * The SKU's price, the offer's terms and the quote, read through catalog's index; refuses a foreign or
 * retired offer, and one whose annualised rate is above the rate cap in force (an offer left above a
 * lowered cap: INSTALLMENT_RATE_ABOVE_CAP naming both rates, until an operator edits it).
 */
async function priceOffer(
  db: Executor,
  deps: Pick<InstallmentDeps, 'clock' | 'timeZone'>,
  input: PlaceInstallmentOrderInput,
  options?: { guard?: boolean },
): Promise<PricedOffer> {
  const sku = await getSku(db, { skuId: input.skuId, audience: 'public' });
  const offer = await getInstallmentOffer(db, input.offerId);
  if (offer.skuId !== sku.id || !offer.active) {
    throw InstallmentErrors.INSTALLMENT_OFFER_NOT_AVAILABLE({
      errors: [{ path: '/body/offerId', message: 'not an active installment offer of this SKU', code: 'invalid' }],
    });
  }
  checkRateCap(offer, await readRateCap(db, { ...options, at: deps.clock.now() }), 'order');
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
  if (input.address !== null) checkAddress(input.address, '/body/address');
  const priced = await priceOffer(db, deps, input);
  const orderId = newId('iord', deps.clock);
  const application = await prepareApplication(db, deps.risk, {
    customerId,
    purpose: 'installment',
    reference: orderId,
    deviceFingerprint: input.deviceFingerprint,
    ip: input.ip,
    address:
      input.address === null
        ? null
        : `${input.address.province}${input.address.city}${input.address.district}${input.address.line}`,
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
        inArray(installmentOrders.status, ['pending_review', 'awaiting_signature', 'awaiting_down_payment', 'active']),
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
  // Read again inside the transaction: the offer or the cap may have changed since the first half (the
  // cap guarded: a change of it waits for this order).
  const priced = await priceOffer(tx, deps, input, { guard: true });
  const decision = await recordApplication(tx, deps.risk, prepared.application);
  const status =
    decision.outcome === 'reject'
      ? ('rejected' as const)
      : decision.outcome === 'approve'
        ? ('awaiting_signature' as const)
        : ('pending_review' as const);
  // The penalty rate in force now is a term of this order (and of its contract) for its whole life.
  const overduePolicy = await readOverduePolicy(tx, deps.clock.now());
  const penaltyAnnualRateBps = penaltyRateForNewOrders(overduePolicy.value, overduePolicy.cap);
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
      penaltyAnnualRateBps,
      quote: priced.quote,
      plan: null,
      billedPeriods: 0,
      decisionId: decision.decisionId,
      decisionOutcome: decision.outcome,
      contractId: null,
      // Fixed now, so that a later change of the timer never moves it (rental fixes its own at signing).
      paymentDeadlineAt:
        status === 'awaiting_signature'
          ? new Date(now.getTime() + (await installmentTimers.read(tx)).value.unpaidOrderCancelMinutes * 60_000)
          : null,
      addressCiphertext:
        input.address === null ? null : await encryptPii(tx, deps.masterKey, JSON.stringify(input.address)),
      city: input.address?.city.trim() ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!inserted) throw new Error('the order insert returned no row');
  let order = inserted;
  if (status !== 'rejected') {
    // The phone is held for the order (rental's rule): while risk reviews it the reservation lapses
    // after the review window; once approved it is kept until the order ships, is cancelled or expires.
    const unit = await reserve(tx, { skuId: input.skuId, orderRef: orderId, now });
    if (status === 'awaiting_signature') await confirmReservation(tx, { unitId: unit.unitId, orderRef: orderId, now });
    await tx.update(installmentOrders).set({ unitId: unit.unitId }).where(eq(installmentOrders.id, orderId));
    order = { ...order, unitId: unit.unitId };
  }
  if (status === 'awaiting_signature') {
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
        penaltyAnnualRateBps,
      },
    });
    order = { ...order, contractId: contract.contractId };
    await tx
      .update(installmentOrders)
      .set({ contractId: contract.contractId })
      .where(eq(installmentOrders.id, orderId));
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

async function reserve(tx: Executor, options: { skuId: string; orderRef: string; now: Date }) {
  try {
    return await reserveUnit(tx, { ...options, ttlMs: InstallmentLimits.reviewReservationMs });
  } catch (error) {
    if (error instanceof AppError && error.code === InventoryErrors.INVENTORY_UNIT_UNAVAILABLE.code) {
      throw InstallmentErrors.INSTALLMENT_OUT_OF_STOCK({
        detail: 'Every phone of this model is taken; try another colour or storage.',
      });
    }
    throw error;
  }
}
