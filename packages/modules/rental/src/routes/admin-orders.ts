// The console's order page (issue #14): one order with everything staff need to act on it — the
// timeline with actors named, the customer masked, the phone, bills, payments, the deposit hold, ledger
// postings, evidence, the contract and the refund a cancellation would send.
import { IdParams, Instant, Nullable, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentOrder, presentRentalBill } from '../api-schemas';
import type { RentalDeps } from '../deps';
import { type OrderDetail, readOrderDetail } from '../order-detail';

const Minor = (description = 'integer minor units (分)') => Type.Integer({ description });

const OrderDetailSchema = Type.Object({
  order: Ref('RentalOrder'),
  customer: Type.Object({ id: Type.String(), label: Nullable(Type.String({ description: 'masked name and phone' })) }),
  product: Type.Object({
    skuId: Type.String(),
    name: Nullable(Type.String({ description: 'brand, model, storage, colour' })),
    conditionLabel: Nullable(Type.String()),
  }),
  plan: Type.Object({
    termUnit: Type.String({ description: 'month or day' }),
    termCount: Type.Integer(),
    rentMinor: Minor('per month, or per day for a day plan'),
    upfrontPeriods: Type.Integer(),
  }),
  unit: Nullable(
    Type.Object({ id: Type.String(), imei: Type.String(), serialNumber: Type.String(), state: Type.String() }),
  ),
  timeline: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      action: Type.String(),
      from: Type.String(),
      to: Type.String(),
      actor: Type.String({ description: 'customer, staff or system' }),
      actorName: Nullable(Type.String({ description: 'the staff member’s name, or the customer masked' })),
      at: Instant,
      facts: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  bills: Type.Array(Ref('RentalBill')),
  payments: Type.Array(
    Type.Object({
      id: Type.String(),
      channel: Type.String(),
      state: Type.String(),
      purpose: Type.String(),
      reference: Type.String(),
      description: Type.String(),
      amountMinor: Minor(),
      refundedMinor: Minor(),
      agreement: Type.Boolean({ description: 'an auto-debit charge' }),
      createdAt: Instant,
      completedAt: Nullable(Instant),
    }),
  ),
  deposit: Nullable(
    Type.Object({
      id: Type.String(),
      channel: Type.String(),
      state: Type.String(),
      amountMinor: Minor('the hold'),
      creditMinor: Minor('covered by the payer’s credit'),
      fundMinor: Minor('frozen'),
      capturedMinor: Minor(),
      releasedMinor: Minor(),
    }),
  ),
  transfers: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      code: Type.String(),
      reference: Nullable(Type.String()),
      amountMinor: Minor(),
      debitAccountName: Type.String(),
      creditAccountName: Type.String(),
      debitAccountCode: Type.Integer({ description: 'the chart code; the console names the account by it' }),
      creditAccountCode: Type.Integer(),
      recordedAt: Instant,
    }),
  ),
  evidence: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      kind: Type.String(),
      subject: Type.Object({ kind: Type.String(), id: Type.String() }),
      at: Type.String(),
      hash: Type.String(),
    }),
  ),
  contract: Nullable(
    Type.Object({ id: Type.String(), status: Type.String(), template: Type.String(), signedAt: Nullable(Instant) }),
  ),
  cancelRefund: Nullable(
    Type.Object(
      { amountMinor: Minor(), paymentId: Type.String(), channel: Type.String() },
      {
        description:
          'what cancelling now refunds: the first payment in full, to the channel it came from, or to the wallet (channel `wallet`) when the wallet paid it',
      },
    ),
  ),
});

function presentDetail(d: OrderDetail) {
  const order = presentOrder(d.view);
  const { order: row } = d.view;
  return {
    order,
    customer: { id: row.customerId, label: d.customerLabel },
    product: { skuId: row.skuId, name: d.productName, conditionLabel: d.sku?.conditionLabel ?? null },
    plan: {
      termUnit: row.plan.termUnit,
      termCount: row.plan.termCount,
      rentMinor: row.plan.rentMinor,
      upfrontPeriods: row.plan.upfrontPeriods,
    },
    unit: d.unit,
    timeline: d.view.timeline.map((t) => ({
      seq: t.seq,
      action: t.action,
      from: t.from,
      to: t.to,
      actor: t.actor,
      actorName:
        t.actor === 'staff' && t.actorId !== null
          ? (d.actorNames.get(t.actorId) ?? null)
          : t.actor === 'customer'
            ? d.customerLabel
            : null,
      at: t.at.toISOString(),
      facts: t.facts,
    })),
    bills: d.bills.map(presentRentalBill),
    payments: d.payments.map((p) => ({
      id: p.id,
      channel: p.channel,
      state: p.state,
      purpose: p.purpose,
      reference: p.reference,
      description: p.description,
      amountMinor: p.amountMinor,
      refundedMinor: p.refundedMinor,
      agreement: p.agreementId !== null,
      createdAt: p.createdAt.toISOString(),
      completedAt: p.completedAt?.toISOString() ?? null,
    })),
    deposit:
      d.deposit === null
        ? null
        : {
            id: d.deposit.id,
            channel: d.deposit.channel,
            state: d.deposit.state,
            amountMinor: d.deposit.amountMinor,
            creditMinor: d.deposit.creditMinor,
            fundMinor: d.deposit.fundMinor,
            capturedMinor: d.deposit.capturedMinor,
            releasedMinor: d.deposit.releasedMinor,
          },
    transfers: d.transfers.map((t) => ({
      id: t.id,
      kind: t.kind,
      code: String(t.code),
      reference: t.reference,
      amountMinor: t.amountMinor,
      debitAccountName: t.debit.name,
      creditAccountName: t.credit.name,
      debitAccountCode: t.debit.code,
      creditAccountCode: t.credit.code,
      recordedAt: t.recordedAt.toISOString(),
    })),
    evidence: d.evidence.map((e) => ({ seq: e.seq, kind: e.kind, subject: e.subject, at: e.at, hash: e.hash })),
    contract:
      d.contract === null
        ? null
        : {
            id: d.contract.id,
            status: d.contract.status,
            template: d.contract.template,
            signedAt: d.contract.signedAt?.toISOString() ?? null,
          },
    cancelRefund: d.cancelRefund,
  };
}

export const rentalAdminOrderRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: RentalDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };

  app.get(
    '/v1/admin/rentals/:id/detail',
    {
      config: { auth: { permission: 'orders.read' } },
      schema: {
        tags: ['rentals'],
        summary:
          'One order for the console: timeline with actors named, customer (masked), phone, bills, payments, deposit hold, ledger postings, evidence, contract, and what cancelling would refund',
        params: IdParams,
        response: { 200: OrderDetailSchema },
      },
    },
    async (request) => presentDetail(await readOrderDetail(ctx.database.db, deps, request.params.id)),
  );
};
