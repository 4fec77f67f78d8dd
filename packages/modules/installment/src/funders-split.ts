// How one collection on a funded order is split between the funder and the platform (pure, no I/O).
//
// The funder's part of principal and of interest is computed on the order's running totals and
// rounded down: funderPrincipal = ⌊(P_before + p) × s_p⌋ − ⌊P_before × s_p⌋, the same for interest with
// s_i. So every part is a whole 分, never negative and never more than what was collected of that
// kind; over the whole order the funder's principal adds up to ⌊principal collected × s_p⌋ — exactly
// the disbursement ⌊P × s_p⌋ once everything is repaid — and every rounding remainder, with fees and
// penalty, stays with the platform. funder + platform = collected, to the cent.
import { assert } from '@zulin/kernel';

export const BPS = 10_000;

export interface FunderShares {
  principalShareBps: number;
  interestShareBps: number;
}

export interface CollectionParts {
  principalMinor: number;
  interestMinor: number;
  /** Fees and penalty: always the platform's. */
  otherMinor: number;
}

/** What the order has collected before this collection (principal and interest), in 分. */
export interface CollectedBefore {
  principalMinor: number;
  interestMinor: number;
}

export interface CollectionSplit {
  collectedMinor: number;
  funderPrincipalMinor: number;
  funderInterestMinor: number;
  funderShareMinor: number;
  platformShareMinor: number;
}

function shareOf(amountMinor: number, bps: number): number {
  // amount ≤ ¥1,000,000 (1e8 分) × 10,000 bps = 1e12: exact in a double; BigInt keeps it exact beyond.
  return Number((BigInt(amountMinor) * BigInt(bps)) / BigInt(BPS));
}

function checkShare(name: string, bps: number): void {
  assert(Number.isInteger(bps) && bps >= 0 && bps <= BPS, `${name} is 0–10,000 bps`);
}

function checkAmount(name: string, value: number): void {
  assert(Number.isSafeInteger(value) && value >= 0, `${name} is a non-negative whole number of 分`);
}

/** The disbursement: what the funder pays for its share of the financed principal, rounded down. */
export function funderDisbursementMinor(principalMinor: number, principalShareBps: number): number {
  checkAmount('principalMinor', principalMinor);
  checkShare('principalShareBps', principalShareBps);
  return shareOf(principalMinor, principalShareBps);
}

export function splitCollection(
  shares: FunderShares,
  before: CollectedBefore,
  parts: CollectionParts,
): CollectionSplit {
  checkShare('principalShareBps', shares.principalShareBps);
  checkShare('interestShareBps', shares.interestShareBps);
  checkAmount('before.principalMinor', before.principalMinor);
  checkAmount('before.interestMinor', before.interestMinor);
  checkAmount('principalMinor', parts.principalMinor);
  checkAmount('interestMinor', parts.interestMinor);
  checkAmount('otherMinor', parts.otherMinor);
  const collectedMinor = parts.principalMinor + parts.interestMinor + parts.otherMinor;
  const funderPrincipalMinor =
    shareOf(before.principalMinor + parts.principalMinor, shares.principalShareBps) -
    shareOf(before.principalMinor, shares.principalShareBps);
  const funderInterestMinor =
    shareOf(before.interestMinor + parts.interestMinor, shares.interestShareBps) -
    shareOf(before.interestMinor, shares.interestShareBps);
  const funderShareMinor = funderPrincipalMinor + funderInterestMinor;
  return {
    collectedMinor,
    funderPrincipalMinor,
    funderInterestMinor,
    funderShareMinor,
    platformShareMinor: collectedMinor - funderShareMinor,
  };
}

/**
 * One movement of a funded order's money and the funder's part of it, on the order's running *net*
 * collected totals (collected − refunded): a collection (positive parts), a refund of a collection
 * (the parts given back, taken off the totals) or a waiver (never collected: the funder's part of it is
 * simply never earned). The funder's cumulative part is always ⌊net principal × s_p⌋ + ⌊net interest ×
 * s_i⌋, so a refund takes back exactly the difference (negative deltas, posted 1210 ← 2210 and 4200 ←
 * 2210), the funder never holds more than its exact share of what the platform keeps, and funder +
 * platform = net collected after any sequence. Waived interest and penalty move nothing of the funder's;
 * waived principal is the platform's loss (docs/installment.md, gaps).
 */
export type FunderMovement =
  | ({ kind: 'collection' } & CollectionParts)
  | ({ kind: 'refund' } & CollectionParts)
  | ({ kind: 'waiver' } & CollectionParts);

export interface MovementSplit {
  /** Signed: positive for a collection, negative for a refund, 0 for a waiver. */
  netCollectedMinor: number;
  funderPrincipalMinor: number;
  funderInterestMinor: number;
  funderShareMinor: number;
  platformShareMinor: number;
  /** The order's net collected totals after the movement. */
  after: CollectedBefore;
}

export function splitMovement(shares: FunderShares, before: CollectedBefore, movement: FunderMovement): MovementSplit {
  checkShare('principalShareBps', shares.principalShareBps);
  checkShare('interestShareBps', shares.interestShareBps);
  checkAmount('before.principalMinor', before.principalMinor);
  checkAmount('before.interestMinor', before.interestMinor);
  checkAmount('principalMinor', movement.principalMinor);
  checkAmount('interestMinor', movement.interestMinor);
  checkAmount('otherMinor', movement.otherMinor);
  const sign = movement.kind === 'collection' ? 1 : movement.kind === 'refund' ? -1 : 0;
  if (sign < 0) {
    assert(
      movement.principalMinor <= before.principalMinor,
      'a refund gives back no more principal than was collected',
    );
    assert(movement.interestMinor <= before.interestMinor, 'a refund gives back no more interest than was collected');
  }
  const after = {
    principalMinor: before.principalMinor + sign * movement.principalMinor,
    interestMinor: before.interestMinor + sign * movement.interestMinor,
  };
  const funderPrincipalMinor =
    shareOf(after.principalMinor, shares.principalShareBps) - shareOf(before.principalMinor, shares.principalShareBps);
  const funderInterestMinor =
    shareOf(after.interestMinor, shares.interestShareBps) - shareOf(before.interestMinor, shares.interestShareBps);
  const netCollectedMinor = sign * (movement.principalMinor + movement.interestMinor + movement.otherMinor);
  const funderShareMinor = funderPrincipalMinor + funderInterestMinor;
  return {
    netCollectedMinor,
    funderPrincipalMinor,
    funderInterestMinor,
    funderShareMinor,
    platformShareMinor: netCollectedMinor - funderShareMinor,
    after,
  };
}
