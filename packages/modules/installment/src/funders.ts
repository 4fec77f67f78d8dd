// Funder partners and what they fund: the rows, their views, and the reads several use cases share
// (docs/installment.md, "Funders").
import type { Executor } from '@zulin/db';
import { asc, eq, sql } from 'drizzle-orm';
import { InstallmentErrors } from './errors';
import { InstallmentLimits } from './limits';
import { installmentFunderCollections, installmentFunders, installmentOrderFunders } from './schema';

export type FunderRow = typeof installmentFunders.$inferSelect;
export type OrderFunderRow = typeof installmentOrderFunders.$inferSelect;
export type FunderCollectionRow = typeof installmentFunderCollections.$inferSelect;

/** The partner key scope of a funder's own statement route. */
export const funderStatementScope = 'installment.funder_statements';

/** The bills whose payments are collections split with the funder (not the down payment: not financed). */
export const fundedBillKinds = ['period', 'prepayment', 'payoff'] as const;

export interface FunderView {
  id: string;
  name: string;
  principalShareBps: number;
  interestShareBps: number;
  payableAccountId: string;
  createdAt: string;
  /** Orders assigned to the funder, and what it disbursed (less reversed) and is owed (collected for it) so far. */
  ordersFunded: number;
  disbursedMinor: number;
  collectedForFunderMinor: number;
}

export interface OrderFunderView {
  funderId: string;
  funderName: string;
  principalShareBps: number;
  interestShareBps: number;
  assignedAt: string;
  assignedBy: string;
  disbursedMinor: number | null;
  disbursedOn: string | null;
  /** The business date the disbursement was reversed (the order cancelled before shipment). */
  disbursementReversedOn: string | null;
  collections: {
    paymentId: string;
    billId: string;
    billKind: string;
    sequence: number;
    collectedMinor: number;
    principalMinor: number;
    interestMinor: number;
    otherMinor: number;
    funderShareMinor: number;
    platformShareMinor: number;
    collectedOn: string;
  }[];
}

export async function loadFunder(tx: Executor, funderId: string): Promise<FunderRow> {
  const [row] = await tx.select().from(installmentFunders).where(eq(installmentFunders.id, funderId));
  if (!row) throw InstallmentErrors.INSTALLMENT_FUNDER_NOT_FOUND();
  return row;
}

export async function listFunders(tx: Executor): Promise<FunderView[]> {
  const rows = await tx
    .select()
    .from(installmentFunders)
    .orderBy(asc(installmentFunders.name))
    .limit(InstallmentLimits.fundersListMax);
  const funded = await tx
    .select({
      funderId: installmentOrderFunders.funderId,
      orders: sql<number>`count(*)::int`,
      disbursed: sql<number>`coalesce(sum(case when ${installmentOrderFunders.disbursementReversedOn} is null then ${installmentOrderFunders.disbursedMinor} else 0 end), 0)::bigint`,
    })
    .from(installmentOrderFunders)
    .groupBy(installmentOrderFunders.funderId);
  const collected = await tx
    .select({
      funderId: installmentFunderCollections.funderId,
      share: sql<number>`coalesce(sum(${installmentFunderCollections.funderShareMinor}), 0)::bigint`,
    })
    .from(installmentFunderCollections)
    .groupBy(installmentFunderCollections.funderId);
  return rows.map((row) => {
    const f = funded.find((x) => x.funderId === row.id);
    const c = collected.find((x) => x.funderId === row.id);
    return {
      id: row.id,
      name: row.name,
      principalShareBps: row.principalShareBps,
      interestShareBps: row.interestShareBps,
      payableAccountId: row.payableAccountId,
      createdAt: row.createdAt.toISOString(),
      ordersFunded: Number(f?.orders ?? 0),
      disbursedMinor: Number(f?.disbursed ?? 0),
      collectedForFunderMinor: Number(c?.share ?? 0),
    };
  });
}

export async function orderFunderOf(tx: Executor, orderId: string, lock = false): Promise<OrderFunderRow | null> {
  const query = tx.select().from(installmentOrderFunders).where(eq(installmentOrderFunders.orderId, orderId));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The order's funder with every collection split, for the console; null when the order has none. */
export async function viewOrderFunder(tx: Executor, orderId: string): Promise<OrderFunderView | null> {
  const assigned = await orderFunderOf(tx, orderId);
  if (!assigned) return null;
  const funder = await loadFunder(tx, assigned.funderId);
  const rows = await tx
    .select()
    .from(installmentFunderCollections)
    .where(eq(installmentFunderCollections.orderId, orderId))
    .orderBy(asc(installmentFunderCollections.createdAt))
    .limit(InstallmentLimits.funderCollectionsPerOrderMax);
  return {
    funderId: funder.id,
    funderName: funder.name,
    principalShareBps: assigned.principalShareBps,
    interestShareBps: assigned.interestShareBps,
    assignedAt: assigned.assignedAt.toISOString(),
    assignedBy: assigned.assignedBy,
    disbursedMinor: assigned.disbursedMinor,
    disbursedOn: assigned.disbursedOn,
    disbursementReversedOn: assigned.disbursementReversedOn,
    collections: rows.map((r) => ({
      paymentId: r.paymentId,
      billId: r.billId,
      billKind: r.billKind,
      sequence: r.sequence,
      collectedMinor: r.collectedMinor,
      principalMinor: r.principalMinor,
      interestMinor: r.interestMinor,
      otherMinor: r.otherMinor,
      funderShareMinor: r.funderShareMinor,
      platformShareMinor: r.platformShareMinor,
      collectedOn: r.collectedOn,
    })),
  };
}
