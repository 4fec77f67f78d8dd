// Adds a blacklist or allowlist entry with who and why.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { type Clock, newId } from '@zulin/kernel';
import { RiskErrors } from './errors';
import { type ListEntryRow, listValueOf } from './list-entries';
import { type ListKind, type ListName, riskListEntries } from './schema';

export async function addListEntry(
  tx: Executor,
  deps: { clock: Clock; masterKey: Buffer },
  staff: StaffPrincipal,
  options: { list: ListName; kind: ListKind; value: string; reason: string },
): Promise<ListEntryRow> {
  const { value, display } = listValueOf(deps.masterKey, options.kind, options.value);
  const now = deps.clock.now();
  const [row] = await tx
    .insert(riskListEntries)
    .values({
      id: newId('rlst', deps.clock),
      list: options.list,
      kind: options.kind,
      value,
      display,
      reason: options.reason,
      addedBy: staff.staffId,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (row === undefined) throw RiskErrors.RISK_LIST_ENTRY_EXISTS();
  await recordAudit(tx, {
    actor: staff,
    action: 'risk.list_entry_added',
    targetType: 'risk_list_entry',
    targetId: row.id,
    detail: { list: row.list, kind: row.kind, display, reason: options.reason },
    at: now,
  });
  return row;
}
