// The shapes of the inspection API (TypeBox, shared with /openapi.json and the SDK) and their
// presenters: the customer's view of a graded return, the returns desk's queue and detail.
import { compareDates } from '@zulin/kernel';
import { Instant, Literals, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import type { DeskEntry, InspectionRow } from './inspections';
import { RentalLimits } from './limits';
import { orderStates } from './order-machine';
import { disputeOutcomes, disputeRefundStates } from './schema';
import { type InspectionGrade, inspectionGrades } from './settle-inspection';

const Minor = (description = 'integer minor units (分)') => Type.Integer({ description });
const LocalText = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });
const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const GradeSchema = Literals(inspectionGrades as readonly InspectionGrade[] as readonly ['A', 'B', 'C', 'D']);

const Line = Type.Object({
  code: Type.String(),
  label: LocalText,
  amountMinor: Minor('signed: the cap at the residual value is negative'),
  quantity: Type.Optional(Type.Integer()),
  unitMinor: Type.Optional(Minor()),
});

const DisputeLegSchema = Type.Object({
  to: Literals(['wallet', 'alipay', 'wechatpay'] as const),
  from: Literals(['deposit_capture', 'bill_payment'] as const),
  amountMinor: Minor(),
  refundId: Nullable(Type.String({ description: 'payments’ refund, for a channel leg once requested' })),
});

/** How a person resolved the dispute (resolve-inspection-dispute.ts). */
export const DisputeResolutionSchema = Type.Object({
  outcome: Literals(disputeOutcomes),
  creditMinor: Minor('what the customer is owed back (0 when upheld)'),
  waivedMinor: Minor('the part waived on the inspection’s unpaid bill'),
  refundMinor: Minor('the part given back (to the wallet or the paying channel)'),
  refundState: Literals(disputeRefundStates),
  refunds: Type.Array(DisputeLegSchema),
  note: Type.String(),
  resolvedAt: Instant,
  approvedAt: Nullable(Instant),
});

export const RentalInspectionSchema = Type.Object(
  {
    id: Type.String(),
    orderId: Type.String(),
    state: Literals(['settling', 'settled'] as const),
    grade: GradeSchema,
    findings: Type.Array(Type.Object({ code: Type.String(), quantity: Type.Integer() })),
    lines: Type.Array(Line),
    formula: LocalText,
    note: Nullable(Type.String()),
    chargeMinor: Minor('what the grade costs in all'),
    residualValueMinor: Minor('the phone’s value today (grade D’s price and grade C’s cap)'),
    depositHeldMinor: Minor('what was left of the deposit hold when graded'),
    plannedCaptureMinor: Minor('to be taken from the hold'),
    capturedMinor: Minor('taken from the hold'),
    billedMinor: Minor('billed: the part of the charge the hold did not cover'),
    releasedMinor: Minor('given back from the hold'),
    billId: Nullable(Type.String()),
    photos: Type.Array(Type.Object({ file: Type.String(), contentType: Type.String(), url: Type.String() })),
    inspectedOn: DateString,
    disputeUntil: Type.String({ format: 'date', description: 'the last day a dispute is accepted' }),
    canDispute: Type.Boolean(),
    dispute: Nullable(
      Type.Object({
        at: Instant,
        reason: Type.String(),
        resolution: Nullable(DisputeResolutionSchema),
      }),
    ),
    settledAt: Nullable(Instant),
  },
  { $id: 'RentalInspection', title: 'RentalInspection' },
);

export function presentInspection(row: InspectionRow, options: { photoUrl: (file: string) => string; today: string }) {
  return {
    id: row.id,
    orderId: row.orderId,
    state: row.state,
    grade: row.grade,
    findings: row.findings,
    lines: row.lines as never[],
    formula: row.formula,
    note: row.note,
    chargeMinor: row.chargeMinor,
    residualValueMinor: row.residualValueMinor,
    depositHeldMinor: row.depositHeldMinor,
    plannedCaptureMinor: row.plannedCaptureMinor,
    capturedMinor: row.capturedMinor,
    billedMinor: row.billedMinor,
    releasedMinor: row.releasedMinor,
    billId: row.billId,
    photos: row.photos.map((p) => ({ file: p.file, contentType: p.contentType, url: options.photoUrl(p.file) })),
    inspectedOn: row.inspectedOn,
    disputeUntil: row.disputeUntil,
    canDispute:
      row.state === 'settled' && row.disputedAt === null && compareDates(options.today, row.disputeUntil) <= 0,
    dispute:
      row.disputedAt === null
        ? null
        : { at: row.disputedAt.toISOString(), reason: row.disputeReason ?? '', resolution: presentResolution(row) },
    settledAt: row.settledAt?.toISOString() ?? null,
  };
}

function presentResolution(row: InspectionRow) {
  if (row.disputeOutcome === null || row.disputeResolvedAt === null) return null;
  const refunds = row.disputeRefunds ?? [];
  return {
    outcome: row.disputeOutcome,
    creditMinor: row.disputeCreditMinor ?? 0,
    waivedMinor: row.disputeWaivedMinor ?? 0,
    refundMinor: refunds.reduce((sum, l) => sum + l.amountMinor, 0),
    refundState: row.disputeRefundState ?? 'none',
    refunds: refunds.map((l) => ({ to: l.to, from: l.from, amountMinor: l.amountMinor, refundId: l.refundId ?? null })),
    note: row.disputeNote ?? '',
    resolvedAt: row.disputeResolvedAt.toISOString(),
    approvedAt: row.disputeApprovedAt?.toISOString() ?? null,
  };
}

const DeskCustomer = Nullable(
  Type.Object({ nameMasked: Nullable(Type.String()), phoneMasked: Type.String(), label: Type.String() }),
);
const DeskDevice = Nullable(Type.Object({ productName: Type.String(), imei: Nullable(Type.String()) }));

export const ReturnsDeskEntrySchema = Type.Object(
  {
    orderId: Type.String(),
    status: Literals(orderStates),
    customer: DeskCustomer,
    device: DeskDevice,
    marketPriceMinor: Minor('the market price named in the contract'),
    depositToHoldMinor: Minor('the deposit the order held'),
    rentStartDate: Nullable(DateString),
    waitingSince: Instant,
    inspection: Nullable(
      Type.Object({
        grade: GradeSchema,
        state: Literals(['settling', 'settled'] as const),
        chargeMinor: Minor(),
        capturedMinor: Minor(),
        billedMinor: Minor(),
        releasedMinor: Minor(),
        disputed: Type.Boolean(),
        disputeOutcome: Nullable(Literals(disputeOutcomes)),
      }),
    ),
  },
  { $id: 'ReturnsDeskEntry', title: 'ReturnsDeskEntry' },
);

export function presentDeskEntry(entry: DeskEntry) {
  const { order, inspection } = entry;
  return {
    orderId: order.id,
    status: order.status,
    customer: entry.customer,
    device: entry.device,
    marketPriceMinor: order.marketPriceMinor,
    depositToHoldMinor: order.depositToHoldMinor,
    rentStartDate: order.rentStartDate,
    waitingSince: order.updatedAt.toISOString(),
    inspection:
      inspection === null
        ? null
        : {
            grade: inspection.grade,
            state: inspection.state,
            chargeMinor: inspection.chargeMinor,
            capturedMinor: inspection.capturedMinor,
            billedMinor: inspection.billedMinor,
            releasedMinor: inspection.releasedMinor,
            disputed: inspection.disputedAt !== null,
            disputeOutcome: inspection.disputeOutcome,
          },
  };
}

export const PriceListSchema = Type.Object({
  residualValueMinor: Minor('the phone’s value today'),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      label: LocalText,
      countable: Type.Boolean(),
      unitMinor: Minor('for this phone'),
    }),
  ),
});

export const InspectionQuoteSchema = Type.Object({
  grade: GradeSchema,
  lines: Type.Array(Line),
  formula: LocalText,
  chargeMinor: Minor(),
  residualValueMinor: Minor(),
  depositHeldMinor: Minor('left of the hold now'),
  captureMinor: Minor('to be taken from the hold'),
  billMinor: Minor('to be billed'),
  releaseMinor: Minor('to be given back'),
});

export const InspectionBody = Type.Object(
  {
    grade: GradeSchema,
    findings: Type.Array(
      Type.Object(
        {
          code: Type.String({ minLength: 1, maxLength: 32 }),
          quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        },
        { additionalProperties: false },
      ),
      { maxItems: 30 },
    ),
  },
  { additionalProperties: false },
);

export const ResolveDisputeBody = Type.Object(
  {
    outcome: Literals(disputeOutcomes),
    creditMinor: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'adjusted: 分 owed back' }),
    ),
    note: Type.String({ minLength: 1, maxLength: RentalLimits.disputeNoteLengthMax }),
  },
  { additionalProperties: false },
);

/** What an adjusted outcome would move, before it moves it (the console's confirmation). */
export const DisputeCreditQuoteSchema = Type.Object({
  creditMinor: Minor(),
  waivedMinor: Minor('off the inspection’s unpaid bill'),
  billId: Nullable(Type.String()),
  refundMinor: Minor('given back'),
  refunds: Type.Array(DisputeLegSchema),
  depositInstrument: Nullable(Literals(['alipay', 'wechatpay', 'wallet'] as const)),
  needsApproval: Type.Boolean({
    description:
      'the credit (waived and given back) is above payments’ refund approval threshold: nothing is booked until a second person approves',
  }),
  approvalAboveMinor: Minor('the threshold'),
});
