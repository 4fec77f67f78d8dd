// Issuing a bill: the rental and installment modules call this for each period, staff for a manual
// charge. Issuing is idempotent per (source, period): the same bill again returns the first one, a
// different one is a conflict. The receivable is booked in the ledger in the same transaction: one
// leg per line, customer receivables ← the line's revenue (or principal) account, all or nothing.
import { type Executor, emitEvent } from '@zulin/db';
import { customerIsActive } from '@zulin/identity';
import { addDays, assert, type BusinessDate, isBusinessDate, newId, sumMinor, today } from '@zulin/kernel';
import { createTransfers } from '@zulin/ledger';
import { and, eq } from 'drizzle-orm';
import type { BillingDeps } from './deps';
import { BillingErrors } from './errors';
import { billingCodes, lineAccounts, receivablesAccount, transferIds } from './ledger-accounts';
import { BillingLimits } from './limits';
import { type BillView, getBill } from './read-bills';
import { type BillLineKind, billingBillLines, billingBills, billLineKinds } from './schema';

export interface NewBillLine {
  kind: BillLineKind;
  description: string;
  amountMinor: number;
}

export interface IssueBill {
  customerId: string;
  /** What the bill is for: `rental`, `installment`, `manual`, … */
  sourceType: string;
  sourceId: string;
  /** The period of the source (1-based for schedules; 0 for a one-off charge). */
  period: number;
  title: string;
  dueDate: BusinessDate;
  lines: NewBillLine[];
  /** Who issued it: a module (`rental`) or `staff:<id>`. */
  issuedBy: string;
}

function validate(options: IssueBill, businessDate: BusinessDate): void {
  const errors: { path: string; message: string }[] = [];
  const text = (value: string, max: number) => value.trim().length > 0 && value.length <= max;
  if (!text(options.title, BillingLimits.titleLengthMax))
    errors.push({ path: '/body/title', message: `1–${BillingLimits.titleLengthMax} characters` });
  if (!/^[a-z][a-z_]{1,31}$/.test(options.sourceType))
    errors.push({ path: '/body/sourceType', message: 'a lowercase name' });
  if (!text(options.sourceId, BillingLimits.sourceIdLengthMax))
    errors.push({ path: '/body/sourceId', message: `1–${BillingLimits.sourceIdLengthMax} characters` });
  if (!Number.isSafeInteger(options.period) || options.period < 0 || options.period > 1000)
    errors.push({ path: '/body/period', message: '0–1000' });
  if (
    !isBusinessDate(options.dueDate) ||
    options.dueDate < addDays(businessDate, -BillingLimits.dueDateRangeDays) ||
    options.dueDate > addDays(businessDate, BillingLimits.dueDateRangeDays)
  ) {
    errors.push({ path: '/body/dueDate', message: 'a date (YYYY-MM-DD) within ten years of today' });
  }
  if (options.lines.length < 1 || options.lines.length > BillingLimits.linesMax)
    errors.push({ path: '/body/lines', message: `1–${BillingLimits.linesMax} lines` });
  options.lines.forEach((line, i) => {
    if (!billLineKinds.includes(line.kind))
      errors.push({ path: `/body/lines/${i}/kind`, message: billLineKinds.join(', ') });
    if (!text(line.description, BillingLimits.descriptionLengthMax))
      errors.push({
        path: `/body/lines/${i}/description`,
        message: `1–${BillingLimits.descriptionLengthMax} characters`,
      });
    if (
      !Number.isSafeInteger(line.amountMinor) ||
      line.amountMinor <= 0 ||
      line.amountMinor > BillingLimits.billMaxMinor
    )
      errors.push({ path: `/body/lines/${i}/amountMinor`, message: 'a positive whole number of 分' });
  });
  if (errors.length === 0 && sumMinor(options.lines.map((l) => l.amountMinor)) > BillingLimits.billMaxMinor)
    errors.push({ path: '/body/lines', message: `a bill is at most ${BillingLimits.billMaxMinor} 分` });
  if (errors.length > 0) throw BillingErrors.BILLING_BILL_INVALID({ errors });
}

function sameBill(existing: BillView, options: IssueBill): boolean {
  return (
    existing.customerId === options.customerId &&
    existing.dueDate === options.dueDate &&
    existing.title === options.title &&
    existing.lines.length === options.lines.length &&
    existing.lines.every((l, i) => {
      const n = options.lines[i];
      return n !== undefined && l.kind === n.kind && l.description === n.description && l.amountMinor === n.amountMinor;
    })
  );
}

export async function issueBill(
  tx: Executor,
  deps: BillingDeps,
  options: IssueBill,
): Promise<{ bill: BillView; created: boolean }> {
  const businessDate = today(deps.clock, deps.timeZone);
  validate(options, businessDate);
  if (!(await customerIsActive(tx, options.customerId))) {
    throw BillingErrors.BILLING_CUSTOMER_NOT_FOUND({
      errors: [{ path: '/body/customerId', message: 'no such customer' }],
    });
  }
  const now = deps.clock.now();
  const id = newId('bill', deps.clock);
  const amountMinor = sumMinor(options.lines.map((l) => l.amountMinor));
  const overdue = options.dueDate < businessDate;
  const inserted = await tx
    .insert(billingBills)
    .values({
      id,
      customerId: options.customerId,
      sourceType: options.sourceType,
      sourceId: options.sourceId,
      period: options.period,
      title: options.title,
      currency: 'CNY',
      dueDate: options.dueDate,
      amountMinor,
      paidMinor: 0,
      waivedMinor: 0,
      status: overdue ? 'overdue' : 'open',
      issuedBy: options.issuedBy,
      createdAt: now,
      updatedAt: now,
      overdueAt: overdue ? now : null,
    })
    .onConflictDoNothing()
    .returning({ id: billingBills.id });
  if (inserted.length === 0) {
    // The same (source, period) was issued before: the first bill stands.
    const existing = await findBySource(tx, deps, options);
    if (!existing || !sameBill(existing, options)) throw BillingErrors.BILLING_BILL_CONFLICT();
    return { bill: existing, created: false };
  }
  await tx.insert(billingBillLines).values(
    options.lines.map((line, position) => ({
      billId: id,
      position,
      kind: line.kind,
      description: line.description,
      amountMinor: line.amountMinor,
      paidMinor: 0,
      waivedMinor: 0,
    })),
  );
  const receivables = await receivablesAccount(tx, deps.clock);
  const credits = await lineAccounts(
    tx,
    deps.clock,
    options.lines.map((l) => l.kind),
  );
  const legs = options.lines.map((line, position) => {
    const credit = credits.get(line.kind);
    assert(credit, 'every kind has its account');
    return {
      id: transferIds.issue(id, position),
      debitAccountId: receivables.id,
      creditAccountId: credit.id,
      amountMinor: line.amountMinor,
      currency: 'CNY' as const,
      code: billingCodes.issue,
      reference: id,
      metadata: { customerId: options.customerId, kind: line.kind },
    };
  });
  await createTransfers(tx, deps.clock, legs);
  await emitEvent(tx, now, {
    type: 'billing.bill_issued',
    aggregateType: 'bill',
    aggregateId: id,
    payload: {
      billId: id,
      customerId: options.customerId,
      title: options.title,
      sourceType: options.sourceType,
      sourceId: options.sourceId,
      period: options.period,
      amountMinor,
      dueDate: options.dueDate,
    },
  });
  if (overdue) {
    // Issued already past due: overdue from the start, with the same event the daily mark writes.
    await emitEvent(tx, now, {
      type: 'billing.bill_overdue',
      aggregateType: 'bill',
      aggregateId: id,
      payload: {
        billId: id,
        customerId: options.customerId,
        title: options.title,
        dueDate: options.dueDate,
        outstandingMinor: amountMinor,
      },
    });
  }
  return { bill: await getBill(tx, deps, id), created: true };
}

async function findBySource(tx: Executor, deps: BillingDeps, options: IssueBill): Promise<BillView | null> {
  const [match] = await tx
    .select({ id: billingBills.id })
    .from(billingBills)
    .where(
      and(
        eq(billingBills.sourceType, options.sourceType),
        eq(billingBills.sourceId, options.sourceId),
        eq(billingBills.period, options.period),
      ),
    );
  return match ? getBill(tx, deps, match.id) : null;
}
