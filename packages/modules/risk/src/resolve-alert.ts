// A person looked at an alert and says what was done; audited. A resolved alert stays resolved: a
// later breach the same day counts on it, a breach the next day raises a new one.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { type AlertRow, loadAlert } from './alerts';
import { RiskErrors } from './errors';
import { riskAlerts } from './schema';

export async function resolveAlert(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options: { id: string; resolution: string },
): Promise<AlertRow> {
  const now = clock.now();
  const [row] = await tx
    .update(riskAlerts)
    .set({ status: 'resolved', resolvedBy: staff.staffId, resolvedAt: now, resolution: options.resolution })
    .where(and(eq(riskAlerts.id, options.id), eq(riskAlerts.status, 'open')))
    .returning();
  if (row === undefined) {
    await loadAlert(tx, options.id);
    throw RiskErrors.RISK_ALERT_RESOLVED();
  }
  await recordAudit(tx, {
    actor: staff,
    action: 'risk.alert_resolved',
    targetType: 'risk_alert',
    targetId: row.id,
    detail: { resolution: options.resolution },
    at: now,
  });
  return row;
}
