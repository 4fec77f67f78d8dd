// Settlements (payouts) to funders: the console previews what a run would pay (amount, from, to), runs
// it (maker, with the bank reference), and a second staff member approves or rejects one held for
// approval (docs/installment.md, "Settlement").
import { staffOf } from '@zulin/identity';
import { readPaymentsSettings } from '@zulin/payments';
import { command, IdParams, Nullable, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { approveFunderSettlement } from '../approve-funder-settlement';
import { installmentDeps } from '../deps';
import { listSettlements, settlementPreview } from '../funder-settlements';
import { InstallmentLimits } from '../limits';
import { rejectFunderSettlement } from '../reject-funder-settlement';
import { settleFunder } from '../settle-funder';

const tags = ['installments'];
const DateString = Type.String({ format: 'date' });

export const FunderSettlementSchema = Type.Object(
  {
    id: Type.String(),
    funderId: Type.String(),
    periodFrom: DateString,
    periodTo: DateString,
    amountMinor: Type.Integer({ description: 'paid to the funder, 分' }),
    bankReference: Type.String(),
    status: Type.Unsafe<'pending_approval' | 'paid' | 'rejected'>(
      Type.Union(['pending_approval', 'paid', 'rejected'].map((v) => Type.Literal(v))),
    ),
    requestedBy: Type.String(),
    requestedAt: Type.String({ format: 'date-time' }),
    decidedBy: Nullable(Type.String()),
    decidedAt: Nullable(Type.String({ format: 'date-time' })),
    paidOn: Nullable(DateString),
    rejectReason: Nullable(Type.String()),
  },
  { $id: 'InstallmentFunderSettlement' },
);

const AccountSide = Type.Object({ accountId: Type.String(), code: Type.Integer(), name: Type.String() });

export const funderSettlementRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps = installmentDeps(ctx);
  const db = ctx.database.db;

  app.get(
    '/v1/admin/installment-funders/:id/settlement-preview',
    {
      config: { auth: { permission: 'ledger.read' } },
      schema: {
        tags,
        summary:
          'What a settlement run would pay the funder now: amount, period, from (its 2210) and to (bank clearing)',
        params: IdParams,
        response: {
          200: Type.Object({
            funderId: Type.String(),
            funderName: Type.String(),
            amountMinor: Type.Integer(),
            periodFrom: DateString,
            periodTo: DateString,
            from: AccountSide,
            to: AccountSide,
            pendingSettlementId: Nullable(Type.String()),
            approvalAboveMinor: Type.Integer({ description: 'runs above this wait for a second staff member' }),
          }),
        },
      },
    },
    async (request) => {
      const preview = await settlementPreview(db, deps, request.params.id);
      const { refundApprovalAboveMinor } = await readPaymentsSettings(db);
      return { ...preview, approvalAboveMinor: refundApprovalAboveMinor };
    },
  );

  app.get(
    '/v1/admin/installment-funders/:id/settlements',
    {
      config: { auth: { permission: 'ledger.read' } },
      schema: {
        tags,
        summary: 'The funder’s settlements, newest first',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Ref('InstallmentFunderSettlement')) }) },
      },
    },
    async (request) => ({ items: await listSettlements(db, request.params.id) }),
  );

  app.post(
    '/v1/admin/installment-funders/:id/settlements',
    {
      config: { auth: { permission: 'ledger.write' } },
      schema: {
        tags,
        summary:
          'Settle with the funder: pay what its payable holds (the amount shown, confirmed) to its bank; above the approval threshold it waits for a second staff member',
        params: IdParams,
        body: Type.Object(
          {
            amountMinor: Type.Integer({
              minimum: 1,
              maximum: Number.MAX_SAFE_INTEGER,
              description: 'the amount shown',
            }),
            bankReference: Type.String({
              minLength: 1,
              maxLength: InstallmentLimits.bankReferenceLengthMax,
              pattern: '\\S',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('InstallmentFunderSettlement') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) =>
        settleFunder(tx, deps, {
          funderId: request.params.id,
          amountMinor: request.body.amountMinor,
          bankReference: request.body.bankReference,
          staff: staffOf(request),
          approvalAboveMinor: (await readPaymentsSettings(tx)).refundApprovalAboveMinor,
        }),
      ),
  );

  app.post(
    '/v1/admin/installment-funder-settlements/:id/approve',
    {
      config: { auth: { permission: 'ledger.write' } },
      schema: {
        tags,
        summary: 'Approve a settlement held for approval (another staff member than its maker): the money is paid',
        params: IdParams,
        response: { 200: Ref('InstallmentFunderSettlement') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        approveFunderSettlement(tx, deps, { settlementId: request.params.id, staff: staffOf(request) }),
      ),
  );

  app.post(
    '/v1/admin/installment-funder-settlements/:id/reject',
    {
      config: { auth: { permission: 'ledger.write' } },
      schema: {
        tags,
        summary: 'Reject a settlement held for approval: the hold is released, the funder is owed it as before',
        params: IdParams,
        body: Type.Object(
          {
            reason: Type.String({
              minLength: 1,
              maxLength: InstallmentLimits.settlementRejectReasonLengthMax,
              pattern: '\\S',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Ref('InstallmentFunderSettlement') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        rejectFunderSettlement(tx, deps, {
          settlementId: request.params.id,
          reason: request.body.reason,
          staff: staffOf(request),
        }),
      ),
  );
};
