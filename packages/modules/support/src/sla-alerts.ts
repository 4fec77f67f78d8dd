// SLA breach alerts: a sweep looks at every ticket whose clock runs (open or in progress; a ticket
// waiting for the customer has its clock stopped) and raises an alert when its first-response or
// resolution timer is at risk (less than a fifth of its window left) or breached — once per ticket
// and kind, kept by a unique index. The alert goes to the assignee, or to the whole desk while the
// ticket has none; the console shows the open ones as a badge until someone acknowledges them.
import { type Executor, emitEvent } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { newId } from '@zulin/kernel';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { SupportLimits } from './limits';
import { supportSlaAlerts, supportTickets } from './schema';
import { type SlaTimerState, slaTimerState } from './sla';

export const slaAlertKinds = [
  'first_response_at_risk',
  'first_response_breached',
  'resolution_at_risk',
  'resolution_breached',
] as const;
export type SlaAlertKind = (typeof slaAlertKinds)[number];
export type SlaAlertRow = typeof supportSlaAlerts.$inferSelect;

function alertKindOf(timer: 'first_response' | 'resolution', state: SlaTimerState): SlaAlertKind | undefined {
  if (state === 'at_risk') return `${timer}_at_risk`;
  if (state === 'breached') return `${timer}_breached`;
  return undefined;
}

/** One pass of the sweep: the alerts it raised now (none the second time round). */
export async function raiseSlaAlerts(tx: Executor, deps: SupportDeps): Promise<{ raised: number }> {
  const now = deps.clock.now();
  // Only tickets that may still raise an alert (one whose breach is already alerted on every running
  // timer is done), the next timer due first: old breached tickets never crowd out new ones.
  const alerted = (kind: SlaAlertKind) =>
    sql`exists (select 1 from ${supportSlaAlerts} a where a.ticket_id = ${supportTickets.id} and a.kind = ${kind})`;
  const tickets = await tx
    .select()
    .from(supportTickets)
    .where(
      and(
        inArray(supportTickets.state, ['open', 'in_progress']),
        or(
          sql`not ${alerted('resolution_breached')}`,
          and(isNull(supportTickets.firstResponseAt), sql`not ${alerted('first_response_breached')}`),
        ),
      ),
    )
    .orderBy(
      sql`least(case when ${supportTickets.firstResponseAt} is null then ${supportTickets.firstResponseDueAt} end, ${supportTickets.resolutionDueAt})`,
      asc(supportTickets.id),
    )
    .limit(SupportLimits.slaAlertScanMax);
  const candidates = tickets.flatMap((t) => {
    const firstResponse = alertKindOf(
      'first_response',
      slaTimerState({ openedAt: t.openedAt, dueAt: t.firstResponseDueAt, now, doneAt: t.firstResponseAt }),
    );
    const resolution = alertKindOf(
      'resolution',
      slaTimerState({ openedAt: t.openedAt, dueAt: t.resolutionDueAt, now, doneAt: t.resolvedAt }),
    );
    return [
      ...(firstResponse ? [{ ticket: t, kind: firstResponse, dueAt: t.firstResponseDueAt }] : []),
      ...(resolution ? [{ ticket: t, kind: resolution, dueAt: t.resolutionDueAt }] : []),
    ];
  });
  if (candidates.length === 0) return { raised: 0 };
  const inserted = await tx
    .insert(supportSlaAlerts)
    .values(
      candidates.map((c) => ({
        id: newId('sla', deps.clock),
        ticketId: c.ticket.id,
        kind: c.kind,
        assigneeId: c.ticket.assigneeId,
        dueAt: c.dueAt,
        raisedAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning();
  for (const alert of inserted) {
    await emitEvent(tx, now, {
      type: 'support.sla_alert_raised',
      aggregateType: 'ticket',
      aggregateId: alert.ticketId,
      payload: { alertId: alert.id, ticketId: alert.ticketId, kind: alert.kind, assigneeId: alert.assigneeId },
    });
  }
  return { raised: inserted.length };
}

/** The open alerts a staff member should see: theirs and the desk's, newest first. */
export async function listOpenSlaAlerts(db: Executor, staffId: string): Promise<SlaAlertRow[]> {
  return db
    .select()
    .from(supportSlaAlerts)
    .where(
      and(
        isNull(supportSlaAlerts.acknowledgedAt),
        or(eq(supportSlaAlerts.assigneeId, staffId), isNull(supportSlaAlerts.assigneeId)),
      ),
    )
    .orderBy(desc(supportSlaAlerts.raisedAt), desc(supportSlaAlerts.id))
    .limit(SupportLimits.slaAlertsListMax);
}

/** Someone saw the alert: it leaves the badge (acknowledging twice keeps the first). */
export async function acknowledgeSlaAlert(
  tx: Executor,
  deps: SupportDeps,
  options: { staff: StaffPrincipal; alertId: string },
): Promise<SlaAlertRow> {
  const [alert] = await tx
    .select()
    .from(supportSlaAlerts)
    .where(eq(supportSlaAlerts.id, options.alertId))
    .for('update');
  if (alert === undefined) throw SupportErrors.SUPPORT_SLA_ALERT_NOT_FOUND();
  if (alert.acknowledgedAt !== null) return alert;
  const [row] = await tx
    .update(supportSlaAlerts)
    .set({ acknowledgedAt: deps.clock.now(), acknowledgedBy: options.staff.staffId })
    .where(eq(supportSlaAlerts.id, alert.id))
    .returning();
  return row ?? alert;
}
