// Settling a graded return against the deposit hold (DOMAIN §5): the charge is captured from the
// hold first (payments' `captureFromAuthorisation`, posting channel clearing → fee revenue), what
// is left of the hold is released the same day (`releaseAuthorisation`), and the part of the charge
// the hold did not cover is billed through billing (source `rental_exit`, like the exit bills:
// customer receivables → fee revenue). Then the order moves `inspecting → settled` and the return
// closes, in one transaction. The channel is called outside any transaction, each call idempotent on
// our request number; a call the channel left unknown (or a release it refused) leaves the
// inspection `settling` for the sweep `rental.settle_inspections` to ask again. A capture the
// channel refuses (the payer's funds are short) is final: the whole charge is billed instead.
// Invariant per order: deposit authorised = captured + released + still held (payments keeps it).
import type { Database, Executor } from '@zulin/db';
import { assert, isAppError } from '@zulin/kernel';
import { platformAccount } from '@zulin/ledger';
import {
  type AuthorisationClient,
  type AuthorisationInstrumentName,
  captureFromAuthorisation,
  type DepositAuthorisation,
  getAuthorisation,
  releaseAuthorisation,
} from '@zulin/payments';
import { runCommand } from '@zulin/platform';
import { and, asc, eq } from 'drizzle-orm';
import { closeAfterSale, type ExitBillLine, issueExitBill, openAfterSaleOf } from './after-sales';
import type { RentalDeps } from './deps';
import { type InspectionRow, lockInspection } from './inspections';
import { RentalLimits } from './limits';
import { loadOrderForUpdate, moveOrder } from './order-store';
import { rentalInspections, rentalOrders } from './schema';
import { yuan } from './text';

export interface SettleDeps extends RentalDeps {
  clientOf: (channel: AuthorisationInstrumentName) => Promise<AuthorisationClient>;
}

const openHoldStates: readonly DepositAuthorisation['state'][] = ['authorised', 'partially_captured'];

/** The request numbers of an inspection's capture and of its n-th release attempt. */
export const captureRequestNo = (orderId: string) => `${orderId}_inspcap`;
export const releaseRequestNo = (orderId: string, attempt: number) => `${orderId}_insprel${attempt}`;

/**
 * Carries out an inspection's plan with the channel, then records it. Answers `settled`, or
 * `pending` when the channel has not decided (the sweep asks again).
 */
export async function settleInspectionDeposit(
  database: Database,
  deps: SettleDeps,
  inspectionId: string,
): Promise<'settled' | 'pending'> {
  const [inspection] = await database.db.select().from(rentalInspections).where(eq(rentalInspections.id, inspectionId));
  assert(inspection !== undefined, `inspection ${inspectionId} exists`);
  if (inspection.state === 'settled') return 'settled';
  const [order] = await database.db.select().from(rentalOrders).where(eq(rentalOrders.id, inspection.orderId));
  assert(order !== undefined, 'an inspection has its order');
  const authorisationId = inspection.depositHeldMinor > 0 ? order.depositAuthorisationId : null;
  if (authorisationId !== null) {
    const before = await getAuthorisation(database.db, authorisationId);
    const client = await deps.clientOf(before.channel);
    try {
      if (inspection.plannedCaptureMinor > 0) {
        const fee = await platformAccount(database.db, deps.clock, 'fee_revenue');
        const captured = await captureFromAuthorisation(
          database,
          { clock: deps.clock, client },
          {
            authorisationId,
            outRequestNo: captureRequestNo(order.id),
            amountMinor: inspection.plannedCaptureMinor,
            creditAccountId: fee.id,
            description: '手机归还检测损坏费',
          },
        );
        if (captured.operation.state === 'pending' || captured.operation.state === 'unknown') {
          return pending(database, inspection, `capture ${captured.operation.state}`, false);
        }
      }
      const now = await getAuthorisation(database.db, authorisationId);
      const left = now.amountMinor - now.capturedMinor - now.releasedMinor;
      if (openHoldStates.includes(now.state) && left > 0) {
        const released = await releaseAuthorisation(
          database,
          { clock: deps.clock, client },
          { authorisationId, outRequestNo: releaseRequestNo(order.id, inspection.settleAttempts) },
        );
        const state = released.operation.state;
        if (state !== 'succeeded') {
          // A refused release takes a new request number next time; an unknown one asks the same again.
          return pending(database, inspection, `release ${state}`, state === 'failed');
        }
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      return pending(database, inspection, error.code, false);
    }
  }
  await runCommand(database, (tx) => finishInspection(tx, deps, inspection.id));
  return 'settled';
}

async function pending(
  database: Database,
  inspection: InspectionRow,
  reason: string,
  nextAttempt: boolean,
): Promise<'pending'> {
  await runCommand(database, (tx) =>
    tx
      .update(rentalInspections)
      .set({
        lastSettleError: reason.slice(0, 200),
        settleAttempts: inspection.settleAttempts + (nextAttempt ? 1 : 0),
      })
      .where(and(eq(rentalInspections.id, inspection.id), eq(rentalInspections.state, 'settling'))),
  );
  return 'pending';
}

/**
 * Records the settlement in one transaction: what the hold gave (payments' running amounts: the hold
 * belongs to this order alone), the rest of the charge billed, the order `settled`, the return closed.
 */
export async function finishInspection(tx: Executor, deps: RentalDeps, inspectionId: string): Promise<InspectionRow> {
  const inspection = await lockInspection(tx, inspectionId);
  if (inspection.state === 'settled') return inspection;
  const order = await loadOrderForUpdate(tx, inspection.orderId);
  const hold =
    order.depositAuthorisationId !== null && inspection.depositHeldMinor > 0
      ? await getAuthorisation(tx, order.depositAuthorisationId)
      : null;
  const { capturedMinor, releasedMinor, heldMinor, billedMinor } = settlementOf(inspection.chargeMinor, hold);
  const settledHold = heldMinor === 0;
  // The exit bills of an order are numbered 1, 2, … across its after-sale actions and its inspection.
  const billId = await issueExitBill(tx, deps, {
    order,
    title: '归还检测费用',
    lines: [damageLine(inspection, billedMinor, capturedMinor)],
  });
  const now = deps.clock.now();
  const facts = { inspection_graded: true, deposit_settled: settledHold };
  await moveOrder(tx, {
    order,
    action: 'settle',
    by: { actor: 'staff', audit: { kind: 'system' } },
    now,
    facts,
    set: hold === null ? {} : { depositReleasedAt: now },
    detail: {
      inspectionId: inspection.id,
      grade: inspection.grade,
      chargeMinor: inspection.chargeMinor,
      capturedMinor,
      billedMinor,
      releasedMinor,
      billId,
    },
  });
  const returnAction = await openAfterSaleOf(tx, order.id, 'return');
  if (returnAction !== undefined) await closeAfterSale(tx, deps, returnAction.id, 'done');
  const [updated] = await tx
    .update(rentalInspections)
    .set({ state: 'settled', capturedMinor, billedMinor, releasedMinor, billId, settledAt: now, lastSettleError: null })
    .where(eq(rentalInspections.id, inspection.id))
    .returning();
  assert(updated !== undefined, 'the inspection is updated');
  return updated;
}

/**
 * What the settlement comes to, from the hold's running amounts as payments keeps them (the hold
 * is this order's alone): captured and released by the channel, still held, and the rest of the
 * charge billed. authorised = captured + released + held, and charge = captured + billed, always.
 */
export function settlementOf(
  chargeMinor: number,
  hold: Pick<DepositAuthorisation, 'amountMinor' | 'capturedMinor' | 'releasedMinor'> | null,
): { capturedMinor: number; releasedMinor: number; heldMinor: number; billedMinor: number } {
  const capturedMinor = hold?.capturedMinor ?? 0;
  const releasedMinor = hold?.releasedMinor ?? 0;
  const heldMinor = hold === null ? 0 : hold.amountMinor - capturedMinor - releasedMinor;
  assert(heldMinor >= 0, 'never more is captured and released than the hold');
  assert(capturedMinor <= chargeMinor, 'never more is captured than the charge');
  return { capturedMinor, releasedMinor, heldMinor, billedMinor: chargeMinor - capturedMinor };
}

/** The damage charge's line on the order's exit bill: what the hold did not cover. */
function damageLine(inspection: InspectionRow, billedMinor: number, capturedMinor: number): ExitBillLine {
  const description =
    capturedMinor > 0
      ? `检测损坏费用（${inspection.grade} 级，押金已抵扣 ${yuan(capturedMinor)}）`
      : `检测损坏费用（${inspection.grade} 级）`;
  return { kind: 'damage', description, amountMinor: billedMinor };
}

/** Sweep `rental.settle_inspections`: finishes the inspections the channel left undecided. */
export async function settleInspections(
  database: Database,
  deps: SettleDeps,
): Promise<{ settled: number; pending: number }> {
  const due = await database.db
    .select({ id: rentalInspections.id })
    .from(rentalInspections)
    .where(eq(rentalInspections.state, 'settling'))
    .orderBy(asc(rentalInspections.createdAt))
    .limit(RentalLimits.inspectionSettleBatch);
  let settled = 0;
  let waiting = 0;
  for (const { id } of due) {
    if ((await settleInspectionDeposit(database, deps, id)) === 'settled') settled += 1;
    else waiting += 1;
  }
  return { settled, pending: waiting };
}
