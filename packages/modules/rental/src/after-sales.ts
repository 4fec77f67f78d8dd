// What the after-sale actions (renew-order.ts, buy-out-order.ts, return-order.ts) share: the quote
// they take (the one named, or one priced now by the same function — never another formula), the
// overdue check, the exit bill that posts the money through billing, and the after-sale record.
//
// The money of an exit: the quote's amount is what the action costs in all. Rent of a remaining
// period that the tick has already billed (7 days ahead of its due date) stays on its own bill, paid
// or owed; the exit bill carries the rest, so the customer pays exactly the quoted amount across
// them, never a period twice.
import { type BillView, issueBill, listBills } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import { assert, type BusinessDate, newId, sumMinor, today } from '@zulin/kernel';
import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { RentalDeps } from './deps';
import { type ExitQuote, type ExitQuoteKind, remainingPeriods } from './exit-quote';
import { type OrderAction, type OrderActor, type OrderFact, orderFacts } from './order-machine';
import type { OrderRow } from './order-store';
import { agreementOf, quoteExit, takeExitQuote } from './quote-exit';
import { rentalBillSource, rentalBillSources, rentalExitBillSource } from './read-order-bills';
import { rentalAfterSales } from './schema';
import { transition } from './transition-order';

export type AfterSaleRow = typeof rentalAfterSales.$inferSelect;

/** The quote the action charges: the one named (unused, of this kind, still valid) or a new one. */
export async function takeQuoteForAction(
  tx: Executor,
  deps: RentalDeps,
  options: { order: OrderRow; kind: ExitQuoteKind; quoteId?: string | undefined; months?: number | undefined },
): Promise<{ id: string; amountMinor: number; quote: ExitQuote }> {
  let quoteId = options.quoteId;
  if (quoteId === undefined) {
    const fresh = await quoteExit(tx, deps, {
      orderId: options.order.id,
      customerId: options.order.customerId,
      kind: options.kind,
      months: options.months,
    });
    quoteId = fresh.id;
  }
  return takeExitQuote(tx, { quoteId, orderId: options.order.id, kind: options.kind, now: deps.clock.now() });
}

async function orderBills(
  db: Executor,
  deps: RentalDeps,
  orderId: string,
  options: { unpaid: boolean; rentOnly: boolean },
): Promise<BillView[]> {
  const unpaid = options.unpaid;
  // An order has at most a few dozen bills (its schedule and renewals, a few one-off charges).
  const page = await listBills(db, deps, {
    sourceType: options.rentOnly ? rentalBillSource : rentalBillSources,
    sourceId: orderId,
    ...(unpaid ? { status: 'unpaid' as const } : {}),
    limit: 100,
  });
  return page.data;
}

/** Whether a bill of this order is unpaid past its due date (billing's overdue mark not awaited). */
export async function hasOverdueBills(db: Executor, deps: RentalDeps, orderId: string): Promise<boolean> {
  return (await orderBills(db, deps, orderId, { unpaid: true, rentOnly: false })).some((b) => b.daysOverdue > 0);
}

/** Rent already billed for periods the quote counts as remaining (as of its date). */
export async function billedRemainingRent(
  db: Executor,
  deps: RentalDeps,
  order: OrderRow,
  asOf: BusinessDate,
): Promise<number> {
  const remaining = new Set(remainingPeriods(agreementOf(order), asOf).map((p) => p.period));
  const bills = (await orderBills(db, deps, order.id, { unpaid: false, rentOnly: true })).filter((b) =>
    remaining.has(b.period),
  );
  return sumMinor(bills.flatMap((b) => b.lines.filter((l) => l.kind === 'rent').map((l) => l.amountMinor)));
}

export interface ExitBillLine {
  kind: 'rent' | 'fee' | 'damage' | 'other';
  description: string;
  amountMinor: number;
}

/** Issues the exit bill (due today) with the lines that carry money; none when nothing is owed. */
export async function issueExitBill(
  tx: Executor,
  deps: RentalDeps,
  options: { order: OrderRow; title: string; lines: ExitBillLine[] },
): Promise<string | null> {
  const lines = options.lines.filter((l) => l.amountMinor > 0);
  if (lines.length === 0) return null;
  const [issued] = await tx
    .select({ n: count() })
    .from(rentalAfterSales)
    .where(and(eq(rentalAfterSales.orderId, options.order.id), isNotNull(rentalAfterSales.billId)));
  const { bill } = await issueBill(tx, deps, {
    customerId: options.order.customerId,
    sourceType: rentalExitBillSource,
    sourceId: options.order.id,
    period: (issued?.n ?? 0) + 1,
    title: options.title,
    dueDate: today(deps.clock, deps.timeZone),
    lines,
    issuedBy: 'rental',
  });
  return bill.id;
}

/**
 * Takes the rent already billed off the lines that stand for rent — the remaining-rent line, else the
 * early-return fee (two periods' rent at most), else (a fault credit took the rent line down) the
 * buyout price — so the exit bill carries exactly the rest.
 */
export function lessBilledRent(lines: ExitBillLine[], billedMinor: number): ExitBillLine[] {
  let left = billedMinor;
  const out = lines.map((line) => ({ ...line }));
  for (const kind of ['rent', 'fee', 'other'] as const) {
    for (const line of out.filter((l) => l.kind === kind)) {
      const off = Math.min(left, line.amountMinor);
      left -= off;
      line.amountMinor -= off;
    }
  }
  assert(left === 0, 'rent billed ahead is part of what the quote counts as owed');
  return out;
}

/**
 * Asks the machine whether the action is allowed from the order's state, for this actor, under the
 * one-after-sale rule — every fact assumed — so a refused state is said before a quote is taken.
 */
export function checkAllowed(order: OrderRow, action: OrderAction, actor: OrderActor): void {
  const facts = Object.fromEntries(Object.keys(orderFacts).map((f) => [f, true])) as Record<OrderFact, boolean>;
  transition({ status: order.status, openAfterSale: order.openAfterSale }, { action, actor, facts });
}

export async function recordAfterSale(
  tx: Executor,
  deps: RentalDeps,
  values: {
    order: OrderRow;
    kind: AfterSaleRow['kind'];
    quoteId: string;
    amountMinor: number;
    billedMinor: number;
    billId: string | null;
    contractId?: string | null;
    detail: Record<string, unknown>;
    status?: AfterSaleRow['status'];
    id?: string;
  },
): Promise<AfterSaleRow> {
  const now = deps.clock.now();
  const status = values.status ?? 'open';
  const [row] = await tx
    .insert(rentalAfterSales)
    .values({
      id: values.id ?? newAfterSaleId(deps),
      orderId: values.order.id,
      customerId: values.order.customerId,
      kind: values.kind,
      status,
      quoteId: values.quoteId,
      amountMinor: values.amountMinor,
      billedMinor: values.billedMinor,
      billId: values.billId,
      contractId: values.contractId ?? null,
      detail: values.detail,
      createdAt: now,
      closedAt: status === 'open' ? null : now,
    })
    .returning();
  assert(row !== undefined, 'the after-sale insert returns its row');
  return row;
}

/** The order's open after-sale action of this kind, locked. */
export async function openAfterSaleOf(
  tx: Executor,
  orderId: string,
  kind: AfterSaleRow['kind'],
): Promise<AfterSaleRow | undefined> {
  const [row] = await tx
    .select()
    .from(rentalAfterSales)
    .where(
      and(eq(rentalAfterSales.orderId, orderId), eq(rentalAfterSales.kind, kind), eq(rentalAfterSales.status, 'open')),
    )
    .for('update');
  return row;
}

export async function closeAfterSale(
  tx: Executor,
  deps: RentalDeps,
  id: string,
  status: 'done' | 'abandoned',
): Promise<void> {
  await tx.update(rentalAfterSales).set({ status, closedAt: deps.clock.now() }).where(eq(rentalAfterSales.id, id));
}

export function newAfterSaleId(deps: RentalDeps): string {
  return newId('rafs', deps.clock);
}
