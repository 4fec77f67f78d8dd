// A failed auto-debit told to the customer (issue #14): the order page shows, per unpaid rent bill
// whose newest auto-debit attempt the channel refused, "自动扣款失败，将于 X 月 X 日重试" with the
// retry day from the timers (D+1, D+3, D+5 by default), or that no retry is left; and the customer is
// notified once per refused attempt (`bills.auto_debit_failed`, or `…_final` after the last). The
// rules are billing's (auto-debit.ts), shared with installment's period bills; the retry days are the
// rental's timers.
import {
  autoDebitAttemptsOf,
  autoDebitFailedNotice,
  autoDebitFailureOf,
  getBill,
  parseAutoDebitReference,
} from '@zulin/billing';
import type { Executor } from '@zulin/db';
import type { BusinessDate } from '@zulin/kernel';
import { notify } from '@zulin/notification';
import { rentAutoDebitPurpose } from './collect-rent';
import type { RentalDeps } from './deps';
import { listOrderBills, rentalBillSource } from './read-order-bills';
import { rentalTimers } from './rental-settings';

export interface AutoDebitFailure {
  billId: string;
  title: string;
  outstandingMinor: number;
  dueDate: BusinessDate;
  /** The attempt refused: 0 on the due date, n on the n-th retry day. */
  attempt: number;
  failedOn: BusinessDate;
  /** The next attempt's day, or null when no retry is left (the customer pays by hand). */
  nextRetryDate: BusinessDate | null;
}

/** The order's unpaid rent bills whose newest auto-debit attempt failed. */
export async function autoDebitFailuresOf(
  db: Executor,
  deps: Pick<RentalDeps, 'clock' | 'timeZone'>,
  options: { orderId: string; customerId: string },
): Promise<AutoDebitFailure[]> {
  const bills = (await listOrderBills(db, deps, { ...options, status: 'unpaid' })).data.filter(
    (b) => b.sourceType === rentalBillSource,
  );
  if (bills.length === 0) return [];
  const { value: timers } = await rentalTimers.read(db);
  const retryDaysAfterDue = timers.autoDebitRetryDaysAfterDue;
  const attempts = await autoDebitAttemptsOf(db, deps, {
    billIds: bills.map((b) => b.id),
    purpose: rentAutoDebitPurpose,
    attemptsMax: retryDaysAfterDue.length + 1,
  });
  const failures: AutoDebitFailure[] = [];
  for (const bill of bills) {
    const failure = autoDebitFailureOf({
      dueDate: bill.dueDate,
      attempts: attempts.get(bill.id) ?? [],
      retryDaysAfterDue,
    });
    if (failure === null) continue;
    failures.push({
      billId: bill.id,
      title: bill.title,
      outstandingMinor: bill.outstandingMinor,
      dueDate: bill.dueDate,
      ...failure,
    });
  }
  return failures;
}

/** Tells the customer that an auto-debit of their rent was refused, and when it is tried again. */
export async function notifyAutoDebitFailed(
  tx: Executor,
  deps: RentalDeps,
  payment: { reference: string; customerId: string },
): Promise<void> {
  const parsed = parseAutoDebitReference(payment.reference);
  if (parsed === null) return;
  const bill = await getBill(tx, deps, parsed.billId, payment.customerId);
  if (bill.outstandingMinor === 0) return;
  const { value: timers } = await rentalTimers.read(tx);
  const notice = autoDebitFailedNotice({
    bill,
    attempt: parsed.attempt,
    retryDaysAfterDue: timers.autoDebitRetryDaysAfterDue,
  });
  await notify(tx, deps, {
    customerId: payment.customerId,
    category: 'bills',
    ...notice,
    dedupeKey: `rental.auto_debit_failed:${payment.reference}`,
  });
}
