// Who did something, and the audit entry of it, through the identity module's contract.

import type { Executor } from '@zulin/db';
import { type AuditActor, type AuditEntryInput, recordAudit } from '@zulin/identity';
import { catalogChanged } from './read-cache';

export type Actor = AuditActor;

/**
 * Records the audit entry of a catalog change. Every change of the catalog is audited here, in its
 * transaction, so this is also where the change is announced to the public read cache of every server
 * process (read-cache.ts: cleared at commit, nothing announced on a rollback).
 */
export async function audit(tx: Executor, entry: AuditEntryInput): Promise<void> {
  await recordAudit(tx, entry);
  await catalogChanged(tx);
}
