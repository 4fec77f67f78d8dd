// Chasing rent bills (issue #14, DOMAIN §5): the daily tick `rental.collect_rent` looks at every unpaid
// rent bill due within the timers' window and, for the business date, (1) sends the reminder due
// (T−7, T−3, T−1 before, D+1, D+3 after, by default: due-timers.ts) through the notification module,
// once per bill and offset, and (2) charges the bill through the customer's auto-debit agreement on the
// due date, then on each retry day (D+1, D+3, D+5 by default): one payment order per bill and attempt
// (reference `<billId>#<attempt>`), sent after the commit by payments' agreement sweep. The chase itself
// (window, pages, one transaction per bill, `chargeBillAttempt`) is billing's `chaseDueBills`, and the
// reminder's sending notification's `sendBillReminder`, both shared with installment's period bills. A charge that
// succeeds is applied to the bill by the subscriber `rental.rent_auto_debit` (billing's allocation).
// An attempt is skipped while an earlier one is still open at the channel, when the customer has no
// active agreement, or when the amount owed is above the agreement's per-charge cap.
import { applyAutoDebitPayment, autoDebitReference, type ChaseResult, chaseDueBills } from '@zulin/billing';
import { appendEvidence } from '@zulin/contracts';
import type { Executor } from '@zulin/db';
import type { BusinessDate } from '@zulin/kernel';
import { sendBillReminder } from '@zulin/notification';
import type { RentalDeps } from './deps';
import { RentalLimits } from './limits';
import { rentalBillSource } from './read-order-bills';
import { rentalTimers } from './rental-settings';

/** The purpose payments records for a rent bill's auto-debit charge. */
export const rentAutoDebitPurpose = 'rental.rent_auto_debit';

/** The charge of one attempt on one bill: `<billId>#<attempt>` (billing's, shared with installment). */
export { autoDebitReference };

export type CollectionResult = ChaseResult;

/** The day's chase of rent bills: billing's `chaseDueBills` with the rental's timers and templates. */
export async function collectRent(
  db: Executor,
  deps: RentalDeps,
  businessDate: BusinessDate,
): Promise<CollectionResult> {
  const { value: timers } = await rentalTimers.read(db);
  return chaseDueBills(db, deps, {
    sourceTypes: [rentalBillSource],
    businessDate,
    reminderDaysBeforeDue: timers.reminderDaysBeforeDue,
    reminderDaysAfterDue: timers.reminderDaysAfterDue,
    retryDaysAfterDue: timers.autoDebitRetryDaysAfterDue,
    purpose: rentAutoDebitPurpose,
    batchSize: RentalLimits.collectBatchSize,
    pagesMax: RentalLimits.collectPagesPerRun,
    remind: (tx, bill, reminder) =>
      sendBillReminder(tx, deps, {
        bill,
        reminder,
        template: reminder.kind === 'before_due' ? 'bills.rent_due_soon' : 'bills.rent_overdue_reminder',
        dedupePrefix: 'rental.reminder',
        // The reminder is evidence of notice given (DOMAIN §9), in the same transaction as it.
        evidence: {
          append: appendEvidence,
          subject: { kind: 'rental', id: bill.sourceId },
          kind: 'rental.reminder_sent',
        },
      }),
  });
}

/** A successful auto-debit charge pays its bill (billing's shared function). */
export const applyRentAutoDebit = applyAutoDebitPayment;
