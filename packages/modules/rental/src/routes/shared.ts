// Schemas the rental route files share.
import { PageQuery as PlatformPageQuery } from '@zulin/platform';
import { Type } from 'typebox';
import { RentalLimits } from '../limits';
import { type OrderState, orderStates } from '../order-machine';
import type { AddOnCode } from '../plan-terms';

export const PageQuery = PlatformPageQuery;

const addOnCodes = ['screen_insurance', 'accident_cover'] as const satisfies readonly AddOnCode[];

export const AddOnCodes = Type.Array(Type.Unsafe<AddOnCode>(Type.Union(addOnCodes.map((c) => Type.Literal(c)))), {
  maxItems: addOnCodes.length,
});

export const OrderStatusFilter = Type.Optional(
  Type.Unsafe<OrderState>(Type.Union(orderStates.map((s) => Type.Literal(s)))),
);

const field = Type.String({ minLength: 1, maxLength: RentalLimits.addressFieldLengthMax });

export const AddressBody = Type.Object(
  {
    name: field,
    phone: Type.String({ minLength: 1, maxLength: 20, description: '+86 and 11 digits' }),
    province: field,
    city: field,
    district: field,
    line: Type.String({ minLength: 1, maxLength: RentalLimits.addressLineLengthMax }),
  },
  { additionalProperties: false },
);
