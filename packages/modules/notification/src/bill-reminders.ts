// Sending a bill's due-date reminder (billing's `billReminderDue` decides which one is due), shared by
// rental's rent bills and installment's period bills: the notice (title, amount owed, due date, days;
// SMS allowed) once per bill and offset, and — in the same transaction — the record of notice given in
// the caller's evidence log (DOMAIN §9), through the append function the caller passes (contracts'
// `appendEvidence`; notification does not depend on contracts).
import { type BillReminder, billReminderDedupeKey } from '@zulin/billing';
import type { Executor } from '@zulin/db';
import type { BusinessDate } from '@zulin/kernel';
import type { NotificationDeps } from './deps';
import { notify } from './notify';

export interface ReminderEvidence {
  append: (
    tx: Executor,
    entry: {
      subject: { kind: string; id: string };
      customerId: string;
      kind: string;
      data: Record<string, unknown>;
      at: Date;
    },
  ) => Promise<unknown>;
  subject: { kind: string; id: string };
  /** The evidence kind: `rental.reminder_sent`, `installment.reminder_sent`. */
  kind: string;
}

/** Sends the reminder unless it went out before; says whether it is new. */
export async function sendBillReminder(
  tx: Executor,
  deps: NotificationDeps,
  options: {
    bill: { id: string; customerId: string; title: string; outstandingMinor: number; dueDate: BusinessDate };
    reminder: BillReminder;
    template: string;
    /** The dedupe key's prefix: `rental.reminder`, `installment.reminder`. */
    dedupePrefix: string;
    evidence: ReminderEvidence;
  },
): Promise<boolean> {
  const { bill, reminder } = options;
  const sent = await notify(tx, deps, {
    customerId: bill.customerId,
    category: 'bills',
    template: options.template,
    params: { title: bill.title, outstandingMinor: bill.outstandingMinor, dueDate: bill.dueDate, days: reminder.days },
    dedupeKey: billReminderDedupeKey(options.dedupePrefix, bill.id, reminder),
  });
  if (!sent.created) return false;
  await options.evidence.append(tx, {
    subject: options.evidence.subject,
    customerId: bill.customerId,
    kind: options.evidence.kind,
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
  return true;
}
