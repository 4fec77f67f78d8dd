// One order as the console's order page shows it (issue #14): the order and its timeline with the
// actors named, the customer (masked), the phone and its unit, the bills, the payments and the deposit
// hold, the ledger postings of the order, its bills and its payments, the evidence entries of the order
// and its contract, and — when staff may cancel — the refund a cancellation would send. Read through the
// other modules' index functions only, in one snapshot-free read (each part is its own consistent read).
import { type BillView, listBills } from '@zulin/billing';
import { getSku, readSkuNames } from '@zulin/catalog';
import { evidenceOfSubject, getContract, type StoredEvidence } from '@zulin/contracts';
import type { Executor } from '@zulin/db';
import { customerLabels, staffNames } from '@zulin/identity';
import { getUnit } from '@zulin/inventory';
import { businessDateOf } from '@zulin/kernel';
import { type Posting, postingsOf } from '@zulin/ledger';
import { type DepositAuthorisation, getAuthorisation, type PaymentOrder, paymentsOfReferences } from '@zulin/payments';
import type { RentalDeps } from './deps';
import { paidFromWallet, walletFirstPaymentId } from './first-payment';
import { RentalLimits } from './limits';
import { rentalBillSources } from './read-order-bills';
import { getOrder, type OrderView } from './read-orders';

export interface OrderDetail {
  view: OrderView;
  customerLabel: string | null;
  productName: string | null;
  sku: { storageLabel: string; colour: string; conditionLabel: string } | null;
  unit: { id: string; imei: string; serialNumber: string; state: string } | null;
  /** Staff names of the timeline's staff actors, by staff id. */
  actorNames: Map<string, string>;
  bills: BillView[];
  payments: PaymentOrder[];
  deposit: DepositAuthorisation | null;
  transfers: Posting[];
  evidence: StoredEvidence[];
  contract: { id: string; status: string; template: string; signedAt: Date | null } | null;
  /** What cancelling now would refund: the first payment, in full, to the channel (or wallet) it came from. */
  cancelRefund: { amountMinor: number; paymentId: string; channel: string } | null;
}

export async function readOrderDetail(db: Executor, deps: RentalDeps, orderId: string): Promise<OrderDetail> {
  const view = await getOrder(db, orderId);
  const { order } = view;
  const [labels, names] = await Promise.all([
    customerLabels(db, deps.masterKey, [order.customerId]),
    readSkuNames(db, [order.skuId]),
  ]);
  const sku = await getSku(db, { skuId: order.skuId, audience: 'staff' });
  const unit =
    order.unitId === null
      ? null
      : await getUnit(db, { unitId: order.unitId, today: businessDateOf(deps.clock.now(), deps.timeZone) });
  const actorNames = await staffNames(
    db,
    view.timeline.flatMap((t) => (t.actor === 'staff' && t.actorId !== null ? [t.actorId] : [])),
  );
  const bills = await listBills(db, deps, {
    customerId: order.customerId,
    sourceType: rentalBillSources,
    sourceId: order.id,
    limit: RentalLimits.detailBillsMax,
  });
  const payments = await paymentsOfReferences(db, [order.id, ...bills.data.map((b) => b.id)]);
  const deposit =
    order.depositAuthorisationId === null ? null : await getAuthorisation(db, order.depositAuthorisationId);
  // The ledger transfers whose reference is the order, one of its bills or one of its payments.
  const transfers = await postingsOf(db, {
    references: [order.id, ...bills.data.map((b) => b.id), ...payments.map((p) => p.id)],
    perReferenceMax: RentalLimits.detailTransfersPerReferenceMax,
  });
  const evidence = [
    ...(await evidenceOfSubject(db, { kind: 'rental', id: order.id })),
    ...(order.contractId === null ? [] : await evidenceOfSubject(db, { kind: 'contract', id: order.contractId })),
  ].sort((a, b) => a.seq - b.seq);
  const contractRow = order.contractId === null ? null : await getContract(db, order.contractId);
  // Paid at a channel: that payment, refunded to it; paid from the wallet: back to the wallet.
  const firstPayment = paidFromWallet(order)
    ? { id: walletFirstPaymentId(order.id), amountMinor: order.firstPaymentMinor, channel: 'wallet' }
    : payments.find((p) => p.id === order.firstPaymentId && p.state === 'succeeded');
  const canCancel = view.staffActions.includes('cancel');
  return {
    view,
    customerLabel: labels.get(order.customerId)?.label ?? null,
    productName: names.get(order.skuId) ?? null,
    sku: { storageLabel: sku.storageLabel, colour: sku.colour, conditionLabel: sku.conditionLabel },
    unit: unit === null ? null : { id: unit.id, imei: unit.imei, serialNumber: unit.serialNumber, state: unit.state },
    actorNames,
    bills: bills.data,
    payments,
    deposit,
    transfers,
    evidence,
    contract:
      contractRow === null
        ? null
        : {
            id: contractRow.id,
            status: contractRow.status,
            template: contractRow.template,
            signedAt: contractRow.signedAt,
          },
    cancelRefund:
      canCancel && firstPayment !== undefined && order.firstPaymentRefundId === null
        ? { amountMinor: firstPayment.amountMinor, paymentId: firstPayment.id, channel: firstPayment.channel }
        : null,
  };
}
