// A customer disputes the graded inspection of a returned phone (rental's `rental.inspection_disputed`):
// support opens a complaint ticket on the order for a person, with the grade, the charge and the
// customer's words, sourced from the inspection (so the desk links back to it). Runs in the event's
// delivery transaction: exactly once per dispute.
import type { Executor } from '@zulin/db';
import { formatCny } from '@zulin/kernel';
import type { SupportDeps } from './deps';
import { openTicket } from './open-ticket';
import type { TicketRow } from './ticket-store';

export async function openInspectionDisputeCase(
  tx: Executor,
  deps: SupportDeps,
  dispute: {
    orderId: string;
    customerId: string;
    inspectionId: string;
    grade: string;
    chargeMinor: number;
    reason: string;
  },
): Promise<TicketRow> {
  const charge = formatCny(dispute.chargeMinor, 'zh-CN');
  return openTicket(tx, deps, {
    customerId: dispute.customerId,
    kind: 'complaint',
    subject: `归还检测结果申诉（${dispute.grade} 级，${charge}）`,
    body: dispute.reason,
    orderId: dispute.orderId,
    source: { type: 'rental_inspection', id: dispute.inspectionId },
  });
}
