// The statuses of a bill and the kinds of its lines (docs/billing.md).
export const billStatuses = ['open', 'overdue', 'paid', 'waived'] as const;
export type BillStatus = (typeof billStatuses)[number];

export const billLineKinds = [
  'penalty',
  'fee',
  'damage',
  'shipping',
  'interest',
  'rent',
  'principal',
  'other',
] as const;
export type BillLineKind = (typeof billLineKinds)[number];
