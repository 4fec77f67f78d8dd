// How a payment is spread over a bill's lines (DOMAIN.md §6): penalty first, then fees (fee, damage,
// shipping, other), then interest, then rent and principal; within one rank, line order. A line never
// receives more than it still owes, and the parts add up to the payment exactly.
import { assert } from '@zulin/kernel';
import type { BillLineKind } from './schema';

export const allocationRank: Record<BillLineKind, number> = {
  penalty: 0,
  fee: 1,
  damage: 1,
  shipping: 1,
  other: 1,
  interest: 2,
  rent: 3,
  principal: 3,
};

export interface OwedLine {
  position: number;
  kind: BillLineKind;
  owedMinor: number;
}

export interface Allocation {
  position: number;
  amountMinor: number;
}

/** The lines in the order money reaches them. */
export function allocationOrder<T extends { position: number; kind: BillLineKind }>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => allocationRank[a.kind] - allocationRank[b.kind] || a.position - b.position);
}

export function allocatePayment(lines: readonly OwedLine[], amountMinor: number): Allocation[] {
  const owed = lines.reduce((sum, l) => sum + l.owedMinor, 0);
  assert(Number.isSafeInteger(amountMinor) && amountMinor > 0, 'a payment is a positive whole number of 分');
  assert(amountMinor <= owed, `a payment of ${amountMinor} exceeds what is owed (${owed})`);
  const out: Allocation[] = [];
  let left = amountMinor;
  for (const line of allocationOrder(lines)) {
    if (left === 0) break;
    const part = Math.min(left, line.owedMinor);
    if (part > 0) {
      out.push({ position: line.position, amountMinor: part });
      left -= part;
    }
  }
  assert(left === 0, 'the whole payment was allocated');
  return out;
}
