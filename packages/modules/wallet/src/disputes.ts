// Disputes on a wallet transaction (DOMAIN.md §8): charged but failed, charged twice, refund not
// received. A case has an SLA (3 days), evidence, and a resolution by staff: a refund (a transfer
// from suspense into the wallet), a reversal (a new transfer undoing the disputed one, at most its
// amount) or a rejection. Opening and resolving write an outbox event for notifications and the
// audit entry, in the same transaction as the change.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, type Clock, decodeCursor, KernelErrors, newId, type Page, pageLimit, toPage } from '@zulin/kernel';
import { createTransfers, getTransfer, LedgerErrors, platformAccount } from '@zulin/ledger';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import { walletAccount } from './accounts';
import { walletCode } from './codes';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletDisputes } from './schema';

export type DisputeType = 'charged_but_failed' | 'charged_twice' | 'refund_not_received';
export type Dispute = typeof walletDisputes.$inferSelect & { overdue: boolean; breached: boolean };
export interface Evidence {
  kind: 'text' | 'upload';
  text?: string;
  uploadId?: string;
}

function withOverdue(row: typeof walletDisputes.$inferSelect, now: Date): Dispute {
  return {
    ...row,
    overdue: row.status === 'open' && row.slaDueAt.getTime() < now.getTime(),
    breached: row.slaBreachedAt !== null,
  };
}

export async function openDispute(
  tx: Executor,
  clock: Clock,
  options: { customerId: string; transferId: string; type: DisputeType; description: string; evidence: Evidence[] },
): Promise<Dispute> {
  const wallet = await walletAccount(tx, clock, options.customerId);
  let transfer: Awaited<ReturnType<typeof getTransfer>>;
  try {
    transfer = await getTransfer(tx, options.transferId);
  } catch (error) {
    if (LedgerErrors.LEDGER_TRANSFER_NOT_FOUND.is(error)) throw WalletErrors.WALLET_DISPUTE_TRANSACTION_NOT_FOUND();
    throw error;
  }
  // Only a transaction on the customer's own wallet may be disputed; anything else is "not found".
  if (transfer.debitAccountId !== wallet.id && transfer.creditAccountId !== wallet.id) {
    throw WalletErrors.WALLET_DISPUTE_TRANSACTION_NOT_FOUND();
  }
  const [open] = await tx
    .select({ id: walletDisputes.id })
    .from(walletDisputes)
    .where(and(eq(walletDisputes.transferId, transfer.id), eq(walletDisputes.status, 'open')));
  if (open) throw WalletErrors.WALLET_DISPUTE_ALREADY_OPEN({ detail: `Dispute ${open.id} is open.` });
  const now = clock.now();
  const id = newId('dsp', clock);
  const [row] = await tx
    .insert(walletDisputes)
    .values({
      id,
      customerId: options.customerId,
      transferId: transfer.id,
      type: options.type,
      description: options.description,
      evidence: options.evidence.slice(0, WalletLimits.disputeEvidenceMax),
      status: 'open',
      slaDueAt: new Date(now.getTime() + WalletLimits.disputeSlaDays * 86_400_000),
      createdAt: now,
    })
    .returning();
  assert(row, 'the dispute was inserted');
  await emitEvent(tx, now, {
    type: 'wallet.dispute_opened',
    aggregateType: 'dispute',
    aggregateId: id,
    payload: {
      disputeId: id,
      customerId: options.customerId,
      type: options.type,
      transferId: transfer.id,
      amountMinor: transfer.amountMinor,
      slaDueAt: row.slaDueAt.toISOString(),
    },
  });
  await recordAudit(tx, {
    actor: { kind: 'customer', customerId: options.customerId },
    action: 'wallet.dispute_opened',
    targetType: 'dispute',
    targetId: id,
    at: now,
  });
  return withOverdue(row, now);
}

export async function getDispute(tx: Executor, clock: Clock, id: string, customerId?: string): Promise<Dispute> {
  const [row] = await tx.select().from(walletDisputes).where(eq(walletDisputes.id, id));
  if (!row || (customerId !== undefined && row.customerId !== customerId))
    throw WalletErrors.WALLET_DISPUTE_NOT_FOUND();
  return withOverdue(row, clock.now());
}

/** The staff queue: open cases first by SLA due time, or any status newest first. */
export async function listDisputes(
  tx: Executor,
  clock: Clock,
  options: {
    status?: 'open' | 'resolved' | 'rejected';
    customerId?: string;
    breached?: boolean;
    limit?: number;
    cursor?: string;
  },
): Promise<Page<Dispute>> {
  const limit = pageLimit(options.limit);
  const conditions: (SQL | undefined)[] = [];
  if (options.status) conditions.push(eq(walletDisputes.status, options.status));
  if (options.breached !== undefined) {
    conditions.push(options.breached ? isNotNull(walletDisputes.slaBreachedAt) : isNull(walletDisputes.slaBreachedAt));
  }
  if (options.customerId) conditions.push(eq(walletDisputes.customerId, options.customerId));
  const byDue = options.status === 'open';
  if (options.cursor) {
    const [a, b] = decodeCursor(options.cursor);
    if (typeof b !== 'string' || (byDue && typeof a !== 'number') || (!byDue && typeof a !== 'string')) {
      throw KernelErrors.VALIDATION_FAILED({ errors: [{ path: '/query/cursor', message: 'Invalid cursor' }] });
    }
    conditions.push(
      byDue
        ? or(
            gt(walletDisputes.slaDueAt, new Date(a as number)),
            and(eq(walletDisputes.slaDueAt, new Date(a as number)), gt(walletDisputes.id, b)),
          )
        : lt(walletDisputes.id, b),
    );
  }
  const rows = await tx
    .select()
    .from(walletDisputes)
    .where(and(...conditions))
    .orderBy(...(byDue ? [asc(walletDisputes.slaDueAt), asc(walletDisputes.id)] : [desc(walletDisputes.id)]))
    .limit(limit + 1);
  const now = clock.now();
  return toPage(
    rows.map((r) => withOverdue(r, now)),
    limit,
    (d) => (byDue ? [d.slaDueAt.getTime(), d.id] : [d.id, d.id]),
  );
}

export async function resolveDispute(
  tx: Executor,
  clock: Clock,
  options: {
    disputeId: string;
    staff: StaffPrincipal;
    outcome: 'refund' | 'reversal' | 'rejected';
    amountMinor?: number;
    note: string;
  },
): Promise<Dispute> {
  const [row] = await tx.select().from(walletDisputes).where(eq(walletDisputes.id, options.disputeId)).for('update');
  if (!row) throw WalletErrors.WALLET_DISPUTE_NOT_FOUND();
  if (row.status !== 'open') throw WalletErrors.WALLET_DISPUTE_NOT_OPEN();
  const now = clock.now();
  let resolutionTransferId: string | null = null;
  let amountMinor: number | null = null;
  if (options.outcome !== 'rejected') {
    const original = await getTransfer(tx, row.transferId);
    const wallet = await walletAccount(tx, clock, row.customerId);
    amountMinor = options.amountMinor ?? original.amountMinor;
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
      throw WalletErrors.WALLET_DISPUTE_RESOLUTION_INVALID({
        errors: [{ path: '/body/amountMinor', message: 'a positive amount' }],
      });
    }
    resolutionTransferId = `txn_dsp_${row.id.slice(4)}`;
    if (options.outcome === 'reversal') {
      // Undo a charge out of the wallet: the original's accounts, swapped. The ledger refuses more
      // than the original or a transfer that did not debit this wallet.
      if (original.debitAccountId !== wallet.id || (original.kind !== 'posted' && original.kind !== 'post_pending')) {
        throw WalletErrors.WALLET_DISPUTE_RESOLUTION_INVALID({
          detail: 'Only a completed charge out of the wallet can be reversed; refund instead.',
        });
      }
      try {
        await createTransfers(tx, clock, [
          {
            id: resolutionTransferId,
            debitAccountId: original.creditAccountId,
            creditAccountId: wallet.id,
            amountMinor,
            code: walletCode('dispute_reversal'),
            reference: row.id,
            reversesId: original.id,
            metadata: { description: 'Dispute reversal' },
          },
        ]);
      } catch (error) {
        if (LedgerErrors.LEDGER_REVERSAL_EXCEEDS_ORIGINAL.is(error))
          throw WalletErrors.WALLET_DISPUTE_RESOLUTION_INVALID({ detail: 'More than the original charge.' });
        throw error;
      }
    } else {
      // Money the customer lost outside the wallet (a card charge for a failed payment): paid from
      // suspense, where the channel's unmatched money waits, until reconciliation settles it.
      const suspense = await platformAccount(tx, clock, 'suspense');
      await createTransfers(tx, clock, [
        {
          id: resolutionTransferId,
          debitAccountId: suspense.id,
          creditAccountId: wallet.id,
          amountMinor,
          code: walletCode('dispute_refund'),
          reference: row.id,
          metadata: { description: 'Dispute refund' },
        },
      ]);
    }
  }
  const [updated] = await tx
    .update(walletDisputes)
    .set({
      status: options.outcome === 'rejected' ? 'rejected' : 'resolved',
      resolution: options.outcome,
      resolutionAmountMinor: amountMinor,
      resolutionNote: options.note,
      resolutionTransferId,
      resolvedBy: options.staff.staffId,
      resolvedAt: now,
    })
    .where(and(eq(walletDisputes.id, row.id), eq(walletDisputes.status, 'open')))
    .returning();
  assert(updated, 'the open dispute was updated under its lock');
  await emitEvent(tx, now, {
    type: 'wallet.dispute_resolved',
    aggregateType: 'dispute',
    aggregateId: row.id,
    payload: { disputeId: row.id, customerId: row.customerId, outcome: options.outcome, amountMinor },
  });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'wallet.dispute_resolved',
    targetType: 'dispute',
    targetId: row.id,
    detail: { outcome: options.outcome, amountMinor },
    at: now,
  });
  return withOverdue(updated, now);
}

/**
 * Tick: open disputes past their SLA due time are marked breached, each exactly once — the update
 * takes only rows still open and not yet marked, under their row locks — and each gets the outbox
 * event `wallet.dispute_sla_breached` in the same transaction. One batch per call.
 */
export async function markBreachedDisputes(tx: Executor, clock: Clock): Promise<number> {
  const now = clock.now();
  const due = tx
    .select({ id: walletDisputes.id })
    .from(walletDisputes)
    .where(
      and(eq(walletDisputes.status, 'open'), isNull(walletDisputes.slaBreachedAt), lte(walletDisputes.slaDueAt, now)),
    )
    .orderBy(asc(walletDisputes.slaDueAt))
    .limit(WalletLimits.tickBatchSize)
    .for('update', { skipLocked: true });
  const breached = await tx
    .update(walletDisputes)
    .set({ slaBreachedAt: now })
    .where(
      and(inArray(walletDisputes.id, due), eq(walletDisputes.status, 'open'), isNull(walletDisputes.slaBreachedAt)),
    )
    .returning({ id: walletDisputes.id, customerId: walletDisputes.customerId, slaDueAt: walletDisputes.slaDueAt });
  for (const d of breached) {
    await emitEvent(tx, now, {
      type: 'wallet.dispute_sla_breached',
      aggregateType: 'dispute',
      aggregateId: d.id,
      payload: { disputeId: d.id, customerId: d.customerId, slaDueAt: d.slaDueAt.toISOString() },
    });
  }
  return breached.length;
}
