// Releasing deposit holds (DOMAIN §5): a hold is given back when its order no longer needs it —
// cancelled (by the customer, staff or the unpaid timer), rejected, or bought out. The channel is
// called outside any transaction (payments' `releaseAuthorisation` records the operation before it
// calls, and is idempotent on our request number), so this is a sweep, not part of the command that
// ended the order; the order then records the release in its own transaction. A settled return's
// hold is released by the settlement after its captures (settle-inspection.ts), not here.
import type { Database, Executor } from '@zulin/db';
import { type Clock, isAppError } from '@zulin/kernel';
import {
  type AuthorisationChannelClient,
  type DepositAuthorisation,
  getAuthorisation,
  type PaymentChannelName,
  releaseAuthorisation,
} from '@zulin/payments';
import { runCommand } from '@zulin/platform';
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { RentalLimits } from './limits';
import type { OrderState } from './order-machine';
import { rentalOrders } from './schema';

/** The states in which an order no longer needs its deposit hold. */
export const releaseDepositStates: readonly OrderState[] = ['cancelled', 'rejected', 'bought_out', 'closed'];

const openHoldStates: readonly DepositAuthorisation['state'][] = ['authorised', 'partially_captured'];

export async function releaseDeposits(
  database: Database,
  deps: { clock: Clock; clientOf: (channel: PaymentChannelName) => Promise<AuthorisationChannelClient> },
): Promise<{ released: number; failed: number }> {
  const due = await database.db
    .select({ id: rentalOrders.id, authorisationId: rentalOrders.depositAuthorisationId })
    .from(rentalOrders)
    .where(
      and(
        isNotNull(rentalOrders.depositAuthorisationId),
        isNull(rentalOrders.depositReleasedAt),
        inArray(rentalOrders.status, [...releaseDepositStates]),
      ),
    )
    .orderBy(asc(rentalOrders.updatedAt))
    .limit(RentalLimits.depositReleaseBatch);
  let released = 0;
  let failed = 0;
  for (const order of due) {
    if (order.authorisationId === null) continue;
    const before = await getAuthorisation(database.db, order.authorisationId);
    let after = before;
    if (openHoldStates.includes(before.state)) {
      try {
        const result = await releaseAuthorisation(
          database,
          { clock: deps.clock, client: await deps.clientOf(before.channel) },
          { authorisationId: before.id, outRequestNo: `${order.id}_release` },
        );
        after = result.authorisation;
      } catch (error) {
        // Refused now (a channel unconfigured, an operation still unknown): the next run asks again,
        // and the request number makes the release happen once. Anything else is a bug.
        if (!isAppError(error)) throw error;
        failed += 1;
        continue;
      }
    }
    if (openHoldStates.includes(after.state) || after.state === 'unknown' || after.state === 'requested') {
      failed += 1;
      continue;
    }
    await runCommand(database, (tx) => markReleased(tx, deps.clock, order.id));
    released += 1;
  }
  return { released, failed };
}

async function markReleased(tx: Executor, clock: Clock, orderId: string): Promise<void> {
  await tx
    .update(rentalOrders)
    .set({ depositReleasedAt: clock.now() })
    .where(and(eq(rentalOrders.id, orderId), isNull(rentalOrders.depositReleasedAt)));
}
