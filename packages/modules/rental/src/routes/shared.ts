// Schemas and request readers the rental route files share.
import { ContractsLimits } from '@zulin/contracts';
import { PageQuery as PlatformPageQuery } from '@zulin/platform';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { RentalErrors } from '../errors';
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

export { AddressBody } from '@zulin/logistics';

/** The signature of a contract, as the contracts module's own signing route takes it. */
export const SignBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 12 }),
    // One object rather than a union: the validator strips unknown properties branch by branch.
    signature: Type.Object(
      {
        kind: Type.Union([Type.Literal('drawn'), Type.Literal('typed')]),
        dataUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 420_000 })),
        name: Type.Optional(Type.String({ minLength: 1, maxLength: ContractsLimits.typedSignatureLengthMax })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const billFilters = ['open', 'overdue', 'paid', 'waived', 'unpaid'] as const;

export const BillStatusFilter = Type.Optional(
  Type.Unsafe<(typeof billFilters)[number]>(
    Type.Union(
      billFilters.map((s) => Type.Literal(s)),
      { description: 'unpaid = open or overdue (listed soonest due first)' },
    ),
  ),
);

/**
 * The bytes of a photo sent as multipart/form-data (`file`), refused with
 * RENTAL_INSPECTION_PHOTO_INVALID when the request is not a form, has no file, or is larger than
 * `RentalLimits.inspectionPhotoBytesMax` (the route's multipart limit). Its type is checked where
 * it is stored, from its first bytes.
 */
export async function readUploadedPhoto(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({ detail: 'Send multipart/form-data with a "file" field.' });
  }
  const part = await request.file();
  if (part === undefined) throw RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({ detail: 'The form has no file.' });
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw RentalErrors.RENTAL_INSPECTION_PHOTO_INVALID({
        detail: `A photo is at most ${RentalLimits.inspectionPhotoBytesMax} bytes.`,
      });
    }
    throw error;
  }
}
