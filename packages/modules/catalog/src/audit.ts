// Who did something, and the audit entry of it, through the identity module's contract.

import type { Executor } from '@zulin/db';
import { type AuditActor, type AuditEntryInput, recordAudit } from '@zulin/identity';

export type Actor = AuditActor;

export async function audit(tx: Executor, entry: AuditEntryInput): Promise<void> {
  await recordAudit(tx, entry);
}
