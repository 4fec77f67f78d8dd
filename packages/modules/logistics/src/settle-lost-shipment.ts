// A parcel confirmed lost stays on the desk's 丢失处理 list until the order module decides what becomes
// of it: another parcel went instead (补发, `reshipped`) or the order was cancelled with a refund
// (`order_cancelled`). The order module calls this in the same transaction as that decision; the parcel
// then leaves the list (listShipments `awaitingLostDecision`). Settling twice keeps the first decision.
import type { Executor } from '@zulin/db';
import { and, eq, isNull } from 'drizzle-orm';
import { type LostSettlement, logisticsShipments } from './schema';

export async function settleLostShipment(
  tx: Executor,
  options: { shipmentId: string; settlement: LostSettlement; now: Date },
): Promise<{ settled: boolean }> {
  const rows = await tx
    .update(logisticsShipments)
    .set({ lostSettledAt: options.now, lostSettlement: options.settlement, updatedAt: options.now })
    .where(
      and(
        eq(logisticsShipments.id, options.shipmentId),
        eq(logisticsShipments.state, 'lost'),
        isNull(logisticsShipments.lostSettledAt),
      ),
    )
    .returning({ id: logisticsShipments.id });
  return { settled: rows.length === 1 };
}
