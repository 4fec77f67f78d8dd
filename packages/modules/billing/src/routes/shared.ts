// Schemas the billing route files share.
import { Ref } from '@zulin/platform';
import { Type } from 'typebox';
import { billStatuses } from '../kinds';
import type { BillFilter } from '../read-bills';

export const DateString = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, description: 'page size (default 20, at most 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 1024 })),
};

export const StatusFilter = Type.Optional(
  Type.Unsafe<BillFilter>(
    Type.Union(
      [...billStatuses, 'unpaid'].map((s) => Type.Literal(s)),
      { description: 'unpaid = open or overdue (listed soonest due first)' },
    ),
  ),
);

export const BillPage = Type.Object({
  data: Type.Array(Ref('AdminBill')),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
