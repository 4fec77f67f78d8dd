// The TypeBox schemas of the inventory API.

import { Instant, Literals, Nullable } from '@zulin/platform';
import { Type } from 'typebox';
import { skuConditions } from './grade-fit';
import { InventoryLimits } from './limits';
import { restockRefusals } from './restock-sku';
import { procurementStatuses, unitGrades, unitStates } from './schema';

export const UnitStateSchema = Literals(
  unitStates,
  'in_stock → reserved → shipped → on_rent → returning → inspecting → (refurbishing →) in_stock; an installment sale shipped → with_buyer → sold; repair, lost, retired',
);
export const GradeSchema = Literals(
  unitGrades,
  'new, or the refurbished grades A (as new), B (light wear), C (visible wear); D: graded beyond repair at a return',
);
export const ProcurementStatusSchema = Literals(procurementStatuses);
const SkuConditionSchema = (description: string) => Literals(skuConditions, description);

export const UnitSchema = Type.Object(
  {
    id: Type.String(),
    skuId: Type.String(),
    imei: Type.String(),
    tac: Type.String({ description: 'Type Allocation Code: the first 8 digits of the IMEI' }),
    serialNumber: Type.String(),
    grade: GradeSchema,
    state: UnitStateSchema,
    warehouseId: Type.String(),
    location: Type.String(),
    costMinor: Type.Integer(),
    currency: Type.String(),
    bookValueMinor: Type.Integer({ description: 'Straight line to 20 % over 24 months, today' }),
    supplierId: Nullable(Type.String()),
    purchaseDate: Type.String({ format: 'date' }),
    procurementOrderId: Nullable(Type.String()),
    orderRef: Nullable(Type.String({ description: 'The order holding the unit' })),
    reservationExpiresAt: Nullable(Instant),
    createdAt: Instant,
    updatedAt: Instant,
    skuName: Type.Optional(
      Nullable(Type.String({ description: 'The phone, as catalog names it: brand, model, storage, colour' })),
    ),
    supplierName: Type.Optional(Nullable(Type.String())),
    skuCondition: Type.Optional(
      Nullable(
        SkuConditionSchema(
          "Staff screens: the condition of the unit's SKU: new (全新), used_99 (99新), used_95 (95新)",
        ),
      ),
    ),
    gradeFitsSku: Type.Optional(
      Type.Boolean({
        description: "Staff screens: the unit's grade fits its SKU's condition (new ↔ new, A ↔ used_99, B ↔ used_95)",
      }),
    ),
  },
  { title: 'Unit' },
);

export const UnitHistorySchema = Type.Object({
  id: Type.String(),
  fromState: Nullable(UnitStateSchema),
  toState: UnitStateSchema,
  actor: Type.Object({
    kind: Type.String(),
    id: Nullable(Type.String()),
    name: Nullable(Type.String({ description: "The staff member's name, for a staff actor" })),
  }),
  reason: Nullable(
    Type.String({
      description:
        'The text staff typed, as written; null for a system change (worded from reasonCode). Rows before the codes hold English here',
    }),
  ),
  reasonCode: Nullable(
    Type.String({ description: "A system change's stable code, worded in the reader's language; null: show reason" }),
  ),
  reasonParams: Type.Record(Type.String(), Type.String()),
  orderRef: Nullable(Type.String()),
  at: Instant,
});

export const UnitDetailSchema = Type.Object(
  { ...UnitSchema.properties, history: Type.Array(UnitHistorySchema) },
  { title: 'UnitDetail' },
);

export const RestockPlanSchema = Type.Object(
  {
    unitId: Type.String(),
    grade: GradeSchema,
    condition: Nullable(
      SkuConditionSchema('The condition the grade fits (new ↔ new, A ↔ used_99, B ↔ used_95); null for C and D'),
    ),
    fromSkuId: Type.String(),
    fromSkuName: Nullable(Type.String()),
    fromCondition: Nullable(SkuConditionSchema("The condition of the unit's SKU now")),
    toSkuId: Nullable(Type.String({ description: 'The SKU the unit goes under back in stock; null when refused' })),
    toSkuName: Nullable(Type.String()),
    toSkuActive: Nullable(Type.Boolean()),
    changesSku: Type.Boolean({ description: 'The unit moves to a sibling SKU of its phone' }),
    refusal: Nullable(
      Literals(restockRefusals, 'Why the unit cannot go back in stock: its grade fits no condition on sale, or no SKU'),
    ),
  },
  { title: 'UnitRestockPlan' },
);

export const WarehouseSchema = Type.Object(
  {
    id: Type.String(),
    code: Type.String(),
    name: Type.String(),
    city: Type.String(),
    address: Type.String(),
    active: Type.Boolean(),
    createdAt: Instant,
  },
  { title: 'Warehouse' },
);

export const SupplierSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    contactName: Type.String(),
    contactPhone: Type.String(),
    partnerId: Nullable(Type.String()),
    active: Type.Boolean(),
    createdAt: Instant,
  },
  { title: 'Supplier' },
);

export const ProcurementOrderSchema = Type.Object(
  {
    id: Type.String(),
    supplierId: Type.String(),
    warehouseId: Type.String(),
    status: ProcurementStatusSchema,
    note: Type.String(),
    currency: Type.String(),
    totalCostMinor: Type.Integer(),
    lines: Type.Array(
      Type.Object({
        id: Type.String(),
        lineNo: Type.Integer(),
        skuId: Type.String(),
        quantity: Type.Integer(),
        unitCostMinor: Type.Integer(),
        receivedQuantity: Type.Integer(),
      }),
    ),
    createdAt: Instant,
    orderedAt: Nullable(Instant),
    receivedAt: Nullable(Instant),
  },
  { title: 'ProcurementOrder' },
);

export const FeedItemSchema = Type.Object(
  {
    id: Type.String(),
    partnerId: Type.String(),
    supplierId: Nullable(Type.String()),
    supplierName: Nullable(Type.String()),
    model: Type.String(),
    description: Type.String(),
    skuId: Nullable(Type.String()),
    quantity: Type.Integer(),
    priceMinor: Type.Integer(),
    currency: Type.String(),
    reportedAt: Instant,
  },
  { title: 'SupplierFeedItem' },
);

export const ImportReportSchema = Type.Object(
  {
    dryRun: Type.Boolean(),
    committed: Type.Boolean({ description: 'true when the valid rows were written' }),
    totalRows: Type.Integer(),
    validRows: Type.Integer(),
    importedCount: Type.Integer(),
    unitIds: Type.Array(Type.String()),
    invalidRows: Type.Array(
      Type.Object({
        line: Type.Integer({ description: 'Line number in the file (the header is line 1)' }),
        imei: Nullable(Type.String()),
        errors: Type.Array(Type.Object({ column: Type.String(), code: Type.String(), message: Type.String() })),
      }),
    ),
  },
  { title: 'UnitImportReport' },
);

export const pageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T, title: string) =>
  Type.Object({ data: Type.Array(item), nextCursor: Nullable(Type.String()) }, { title });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'Page size (default 20, at most 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 1024 })),
};

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

const Minor = (description: string) =>
  Type.Integer({ minimum: 0, maximum: InventoryLimits.amountMinorMax, description: `${description} (分)` });

export const UnitBody = Type.Object(
  {
    skuId: Type.String({ maxLength: 64 }),
    imei: Type.String({ maxLength: 32, description: '15 digits with a Luhn check digit' }),
    serialNumber: Type.String({ minLength: 1, maxLength: 64 }),
    warehouseId: Type.String({ maxLength: 64 }),
    costMinor: Minor('Purchase cost'),
    grade: Type.Optional(GradeSchema),
    location: Type.Optional(Type.String({ maxLength: 64, description: 'Shelf / bin in the warehouse' })),
    supplierId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    purchaseDate: Type.Optional(Type.String({ format: 'date' })),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    to: UnitStateSchema,
    reason: Type.String({ minLength: 1, maxLength: 200 }),
    expectedFrom: Type.Optional(UnitStateSchema),
    location: Type.Optional(Type.String({ maxLength: 64 })),
    grade: Type.Optional(
      Literals(unitGrades, 'Back in stock after refurbishing or repair: the grade the phone now has (graded again)'),
    ),
  },
  { additionalProperties: false },
);

export const WarehouseBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 16, pattern: '^[A-Za-z0-9_-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 60 }),
    city: Type.String({ minLength: 1, maxLength: 60 }),
    address: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const WarehousePatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const SupplierBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    contactName: Type.Optional(Type.String({ maxLength: 60 })),
    contactPhone: Type.Optional(Type.String({ maxLength: 30 })),
    partnerId: Type.Optional(
      Nullable(Type.String({ maxLength: 64, description: 'Partner whose API key pushes the feed' })),
    ),
  },
  { additionalProperties: false },
);

export const ProcurementBody = Type.Object(
  {
    supplierId: Type.String({ maxLength: 64 }),
    warehouseId: Type.String({ maxLength: 64 }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
    lines: Type.Array(
      Type.Object(
        {
          skuId: Type.String({ maxLength: 64 }),
          quantity: Type.Integer({ minimum: 1, maximum: InventoryLimits.quantityPerLineMax }),
          unitCostMinor: Minor('Unit cost'),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: InventoryLimits.linesPerProcurementMax },
    ),
  },
  { additionalProperties: false },
);

export const ReceiveBody = Type.Object(
  {
    units: Type.Array(
      Type.Object(
        {
          lineId: Type.String({ maxLength: 64 }),
          imei: Type.String({ maxLength: 32 }),
          serialNumber: Type.String({ minLength: 1, maxLength: 64 }),
          grade: Type.Optional(GradeSchema),
          location: Type.Optional(Type.String({ maxLength: 64 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: InventoryLimits.unitsPerReceiptMax },
    ),
  },
  { additionalProperties: false },
);

export const FeedBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          model: Type.String({ minLength: 1, maxLength: 100, description: "The supplier's model code" }),
          description: Type.Optional(Type.String({ maxLength: 200 })),
          skuId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
          quantity: Type.Integer({ minimum: 0 }),
          priceMinor: Minor('Unit price offered'),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: InventoryLimits.feedItemsMax },
    ),
  },
  { additionalProperties: false },
);
