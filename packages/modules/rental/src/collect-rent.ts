// Chasing rent bills (issue #14, DOMAIN §5): the daily tick `rental.collect_rent` looks at every unpaid
// rent bill due within the timers' window and, for the business date, (1) sends the reminder due
// (T−7, T−3, T−1 before, D+1, D+3 after, by default: due-timers.ts) through the notification module,
// once per bill and offset, and (2) charges the bill through the customer's auto-debit agreement on the
// due date, then on each retry day (D+1, D+3, D+5 by default): one payment order per bill and attempt
// (reference `<billId>#<attempt>`), sent after the commit by payments' agreement sweep. A charge that
// succeeds is applied to the bill by the subscriber `rental.rent_auto_debit` (billing's allocation).
// An attempt is skipped while an earlier one is still open at the channel, when the customer has no
// active agreement, or when the amount owed is above the agreement's per-charge cap.
import { applyChannelPaymentToBill, unpaidBillsDueBetween } from '@zulin/billing';
import { appendEvidence } from '@zulin/contracts';
import { type Executor, transaction } from '@zulin/db';
import { addDays, type BusinessDate } from '@zulin/kernel';
import { platformAccount } from '@zulin/ledger';
import { notify } from '@zulin/notification';
import { activeAgreementOf, chargeAgreement, paymentsOfReferences } from '@zulin/payments';
import type { RentalDeps } from './deps';
import { autoDebitAttemptDue, reminderDue } from './due-timers';
import { RentalLimits } from './limits';
import { rentalBillSource } from './read-order-bills';
import { readRentalTimers } from './rental-settings';

/** The purpose payments records for a rent bill's auto-debit charge. */
export const rentAutoDebitPurpose = 'rental.rent_auto_debit';

/** The charge of one attempt on one bill: `<billId>#<attempt>` (0 = the due date, 1… = the retries). */
export const autoDebitReference = (billId: string, attempt: number) => `${billId}#${attempt}`;

export type CollectionResult = {
  reminded: number;
  charged: number;
  /** Attempts due but not made: no agreement, above its cap, made already, or an earlier one still open. */
  skipped: number;
};

export async function collectRent(
  db: Executor,
  deps: RentalDeps,
  businessDate: BusinessDate,
): Promise<CollectionResult> {
  const { timers } = await readRentalTimers(db);
  const daysBack = Math.max(0, ...timers.reminderDaysAfterDue, ...timers.autoDebitRetryDaysAfterDue);
  const daysAhead = Math.max(0, ...timers.reminderDaysBeforeDue);
  const result: CollectionResult = { reminded: 0, charged: 0, skipped: 0 };
  let after: { dueDate: BusinessDate; id: string } | undefined;
  for (let page = 0; page < RentalLimits.collectPagesPerRun; page++) {
    const bills = await unpaidBillsDueBetween(db, {
      sourceTypes: [rentalBillSource],
      fromDate: addDays(businessDate, -daysBack),
      toDate: addDays(businessDate, daysAhead),
      limit: RentalLimits.collectBatchSize,
      ...(after === undefined ? {} : { after }),
    });
    for (const bill of bills) {
      const reminder = reminderDue({ dueDate: bill.dueDate, businessDate, timers });
      const attempt = autoDebitAttemptDue({ dueDate: bill.dueDate, businessDate, timers });
      if (reminder === null && attempt === null) continue;
      await transaction(db, async (tx) => {
        if (reminder !== null) {
          const sent = await notify(tx, deps, {
            customerId: bill.customerId,
            category: 'bills',
            template: reminder.kind === 'before_due' ? 'bills.rent_due_soon' : 'bills.rent_overdue_reminder',
            params: {
              title: bill.title,
              outstandingMinor: bill.outstandingMinor,
              dueDate: bill.dueDate,
              days: reminder.days,
            },
            dedupeKey: `rental.reminder:${bill.id}:${reminder.kind}:${reminder.days}`,
          });
          if (sent.created) {
            result.reminded += 1;
            // The reminder is evidence of notice given (DOMAIN §9), in the same transaction as it.
            await appendEvidence(tx, {
              subject: { kind: 'rental', id: bill.sourceId },
              customerId: bill.customerId,
              kind: 'rental.reminder_sent',
              data: {
                notificationId: sent.notificationId,
                billId: bill.id,
                dueDate: bill.dueDate,
                outstandingMinor: bill.outstandingMinor,
                reminder: reminder.kind,
                days: reminder.days,
                channels: [...(sent.inApp ? ['in_app'] : []), ...(sent.smsRequested ? ['sms'] : [])],
              },
              at: deps.clock.now(),
            });
          }
        }
        if (attempt !== null) {
          const charged = await chargeAttempt(tx, deps, bill, attempt.attempt);
          if (charged) result.charged += 1;
          else result.skipped += 1;
        }
      });
    }
    const last = bills.at(-1);
    if (last === undefined || bills.length < RentalLimits.collectBatchSize) break;
    after = { dueDate: last.dueDate, id: last.id };
  }
  return result;
}

async function chargeAttempt(
  tx: Executor,
  deps: RentalDeps,
  bill: { id: string; customerId: string; title: string; outstandingMinor: number },
  attempt: number,
): Promise<boolean> {
  const agreement = await activeAgreementOf(tx, bill.customerId);
  if (agreement === null || bill.outstandingMinor > agreement.perChargeMaxMinor) return false;
  // Every attempt so far, this one included: a second run for the same date charges nothing more.
  const made = await paymentsOfReferences(
    tx,
    Array.from({ length: attempt + 1 }, (_, i) => autoDebitReference(bill.id, i)),
  );
  if (made.some((p) => p.reference === autoDebitReference(bill.id, attempt))) return false;
  // An earlier attempt still open, or one that succeeded but is not yet applied to the bill (the
  // outbox delivers it): charging again would debit the customer twice.
  if (made.some((p) => ['created', 'pending', 'unknown', 'succeeded'].includes(p.state))) return false;
  const receivables = await platformAccount(tx, deps.clock, 'customer_receivables');
  await chargeAgreement(
    tx,
    { clock: deps.clock },
    {
      agreementId: agreement.id,
      amountMinor: bill.outstandingMinor,
      reference: autoDebitReference(bill.id, attempt),
      purpose: rentAutoDebitPurpose,
      creditAccountId: receivables.id,
      description: bill.title,
    },
  );
  return true;
}

/** A successful auto-debit charge pays its bill (what the bill no longer owes goes to the wallet). */
export async function applyRentAutoDebit(
  tx: Executor,
  deps: Pick<RentalDeps, 'clock' | 'timeZone'>,
  payment: {
    orderId: string;
    reference: string;
    customerId: string;
    amountMinor: number;
    channel: string;
    transferId: string;
  },
): Promise<void> {
  const billId = payment.reference.split('#')[0] ?? payment.reference;
  if (payment.channel !== 'alipay' && payment.channel !== 'wechatpay') return;
  await applyChannelPaymentToBill(tx, deps, { ...payment, billId, channel: payment.channel });
}
