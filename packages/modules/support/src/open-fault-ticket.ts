// A customer reports a fault on a rented phone (rental's `rental.fault_reported`): support opens a
// `fault` ticket (high priority, its SLA timers) on the order, sourced from the fault record so the
// desk links back to it, with the customer's words and the phone's IMEI. Runs in the event's delivery
// transaction: exactly once per report.
import type { Executor } from '@zulin/db';
import type { SupportDeps } from './deps';
import { openTicket } from './open-ticket';
import type { TicketRow } from './ticket-store';

export async function openFaultTicket(
  tx: Executor,
  deps: SupportDeps,
  fault: {
    faultId: string;
    orderId: string;
    customerId: string;
    description: string;
    imei: string | null;
    photos: number;
  },
): Promise<TicketRow> {
  const photos = fault.photos > 0 ? `（附照片 ${fault.photos} 张）` : '';
  return openTicket(tx, deps, {
    customerId: fault.customerId,
    kind: 'fault',
    subject: fault.imei !== null ? `租赁手机报修（IMEI ${fault.imei}）` : '租赁手机报修',
    body: `${fault.description}${photos}`,
    orderId: fault.orderId,
    source: { type: 'rental_fault', id: fault.faultId },
  });
}
