// Releasing deposit holds (DOMAIN §5): a hold is given back when its order no longer needs it —
// cancelled (by the customer, staff or the unpaid timer), rejected, or bought out. The channel is
// called outside any transaction (payments' `releaseAuthorisation` records the operation before it
// calls, and is idempotent on our request number), so this is a sweep, not part of the command that
// ended the order; the order then records the release in its own transaction. A settled return's
// hold is released by the settlement after its captures (settle-inspection.ts), not here — except a
// return whose parcel the carrier lost (confirm-return-lost.ts): settled with a zero charge and a
// carrier claim, its whole hold is released here.
import type { Database, Executor } from '@zulin/db';
import { type Clock, isAppError } from '@zulin/kernel';
import {
  type AuthorisationClient,
  type AuthorisationInstrumentName,
  type DepositAuthorisation,
  getAuthorisation,
  releaseAuthorisation,
} from '@zulin/payments';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, exists, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { RentalLimits } from './limits';
import type { OrderState } from './order-machine';
import { rentalCarrierClaims, rentalOrders } from './schema';

/** The states in which an order no longer needs its deposit hold. */
export const releaseDepositStates: readonly OrderState[] = ['cancelled', 'rejected', 'bought_out', 'closed'];

const openHoldStates: readonly DepositAuthorisation['state'][] = ['authorised', 'partially_captured'];

export async function releaseDeposits(
  database: Database,
  deps: { clock: Clock; clientOf: (channel: AuthorisationInstrumentName) => Promise<AuthorisationClient> },
): Promise<{ released: number; failed: number }> {
  const due = await database.db
    .select({ id: rentalOrders.id, authorisationId: rentalOrders.depositAuthorisationId })
    .from(rentalOrders)
    .where(
      and(
        isNotNull(rentalOrders.depositAuthorisationId),
        isNull(rentalOrders.depositReleasedAt),
        or(
          inArray(rentalOrders.status, [...releaseDepositStates]),
          and(
            eq(rentalOrders.status, 'settled'),
            exists(
              database.db
                .select({ id: rentalCarrierClaims.id })
                .from(rentalCarrierClaims)
                .where(
                  and(eq(rentalCarrierClaims.orderId, rentalOrders.id), eq(rentalCarrierClaims.direction, 'return')),
                ),
            ),
          ),
        ),
      ),
    )
    .orderBy(asc(rentalOrders.updatedAt))
    .limit(RentalLimits.depositReleaseBatch);
  let released = 0;
  let failed = 0;
  for (const order of due) {
    if (order.authorisationId === null) continue;
    if (await releaseOrderDeposit(database, deps, { orderId: order.id, authorisationId: order.authorisationId }))
      released += 1;
    else failed += 1;
  }
  return { released, failed };
}

/**
 * Releases what is left of one order's hold with the channel (outside any transaction), then records
 * it on the order. `false` when the channel has not released it yet: the sweep asks again, and the
 * request number makes the release happen once.
 */
export async function releaseOrderDeposit(
  database: Database,
  deps: { clock: Clock; clientOf: (channel: AuthorisationInstrumentName) => Promise<AuthorisationClient> },
  order: { orderId: string; authorisationId: string },
): Promise<boolean> {
  const before = await getAuthorisation(database.db, order.authorisationId);
  let after = before;
  if (openHoldStates.includes(before.state)) {
    try {
      const result = await releaseAuthorisation(
        database,
        { clock: deps.clock, client: await deps.clientOf(before.channel) },
        { authorisationId: before.id, outRequestNo: `${order.orderId}_release` },
      );
      after = result.authorisation;
    } catch (error) {
      // Refused now (a channel unconfigured, an operation still unknown): the next run asks again.
      // Anything else is a bug.
      if (!isAppError(error)) throw error;
      return false;
    }
  }
  if (openHoldStates.includes(after.state) || after.state === 'unknown' || after.state === 'requested') return false;
  await runCommand(database, (tx) => markReleased(tx, deps.clock, order.orderId));
  return true;
}

async function markReleased(tx: Executor, clock: Clock, orderId: string): Promise<void> {
  await tx
    .update(rentalOrders)
    .set({ depositReleasedAt: clock.now() })
    .where(and(eq(rentalOrders.id, orderId), isNull(rentalOrders.depositReleasedAt)));
}
