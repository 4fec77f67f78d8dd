// Rental resolved an inspection dispute (`rental.inspection_dispute_resolved`): the complaint ticket
// support opened for it (source `rental_inspection`, the inspection's id) gets a note saying how it
// ended — shown to the customer, from the system — and is resolved by the system (audited with the
// outcome), in the event's delivery transaction. A ticket the desk resolved or closed already only
// gets the note (not on a closed one); the customer may still reopen a resolved one. A credit above
// the approval threshold is announced first `awaiting_approval`: the ticket gets the note and stays
// open; the approval announces the outcome again and resolves it.
import type { Executor } from '@zulin/db';
import { recordAudit } from '@zulin/identity';
import { formatCny, newId } from '@zulin/kernel';
import { and, eq, inArray } from 'drizzle-orm';
import type { SupportDeps } from './deps';
import { supportTicketMessages, supportTickets } from './schema';
import { changeTicketState, type TicketRow } from './ticket-store';

export interface DisputeOutcomeOfInspection {
  inspectionId: string;
  outcome: 'upheld' | 'adjusted';
  chargeMinor: number;
  creditMinor: number;
  waivedMinor: number;
  refundMinor: number;
  refundState: 'none' | 'awaiting_approval' | 'done';
  note: string;
}

/** The note on the ticket, in the customer's default language (zh-CN), like the ticket's subject. */
export function disputeOutcomeNote(o: DisputeOutcomeOfInspection): string {
  const money = (m: number) => formatCny(m, 'zh-CN');
  if (o.outcome === 'upheld') return `申诉处理结果：维持原判，检测费用 ${money(o.chargeMinor)} 不变。说明：${o.note}`;
  const back =
    o.refundMinor === 0
      ? ''
      : `，退还 ${money(o.refundMinor)}${o.refundState === 'awaiting_approval' ? '（待复核）' : o.refundState === 'done' ? '（已退还）' : ''}`;
  return `申诉处理结果：已调整，检测费用减少 ${money(o.creditMinor)}（账单减免 ${money(o.waivedMinor)}${back}）。说明：${o.note}`;
}

export async function resolveInspectionDisputeCase(
  tx: Executor,
  deps: SupportDeps,
  outcome: DisputeOutcomeOfInspection,
): Promise<TicketRow[]> {
  const tickets = await tx
    .select()
    .from(supportTickets)
    .where(
      and(
        eq(supportTickets.sourceType, 'rental_inspection'),
        eq(supportTickets.sourceId, outcome.inspectionId),
        inArray(supportTickets.state, ['open', 'in_progress', 'waiting_customer', 'resolved']),
      ),
    )
    .for('update');
  const now = deps.clock.now();
  const resolved: TicketRow[] = [];
  for (const ticket of tickets) {
    await tx.insert(supportTicketMessages).values({
      id: newId('tkm', deps.clock),
      ticketId: ticket.id,
      authorKind: 'system',
      authorId: null,
      body: disputeOutcomeNote(outcome),
      internal: false,
      createdAt: now,
    });
    // A credit waiting for a second person's approval is not an end yet: the ticket stays open
    // (with the note) until the approval announces the outcome again.
    if (ticket.state === 'resolved' || outcome.refundState === 'awaiting_approval') continue;
    const updated = await changeTicketState(tx, deps, ticket, 'resolve', 'system');
    await recordAudit(tx, {
      actor: { kind: 'system' },
      action: 'support.ticket_resolve',
      targetType: 'ticket',
      targetId: ticket.id,
      detail: {
        from: ticket.state,
        to: updated.state,
        inspectionId: outcome.inspectionId,
        outcome: outcome.outcome,
        creditMinor: outcome.creditMinor,
      },
      at: now,
    });
    resolved.push(updated);
  }
  return resolved;
}
