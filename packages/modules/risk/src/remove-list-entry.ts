// Removes a list entry, keeping it with who removed it and why.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { and, eq, isNull } from 'drizzle-orm';
import { RiskErrors } from './errors';
import type { ListEntryRow } from './list-entries';
import { riskListEntries } from './schema';

export async function removeListEntry(
  tx: Executor,
  clock: Clock,
  staff: StaffPrincipal,
  options: { id: string; reason: string },
): Promise<ListEntryRow> {
  const now = clock.now();
  const [row] = await tx
    .update(riskListEntries)
    .set({ removedAt: now, removedBy: staff.staffId })
    .where(and(eq(riskListEntries.id, options.id), isNull(riskListEntries.removedAt)))
    .returning();
  if (row === undefined) throw RiskErrors.RISK_LIST_ENTRY_NOT_FOUND();
  await recordAudit(tx, {
    actor: staff,
    action: 'risk.list_entry_removed',
    targetType: 'risk_list_entry',
    targetId: row.id,
    detail: { list: row.list, kind: row.kind, display: row.display, reason: options.reason },
    at: now,
  });
  return row;
}
