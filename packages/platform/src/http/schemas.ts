// Route schema helpers every module uses the same way: ids in the path, cursor pages, money
// amounts, references to shared schemas. TypeBox, so that handlers get typed requests.
import { Limits } from '@zulin/kernel';
import { type TSchema, Type } from 'typebox';

/** `/:id` — an opaque, prefixed id. */
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** A point in time as the API writes it: ISO 8601 in UTC (`2026-12-05T03:04:05.000Z`). */
export const Instant = Type.String({ format: 'date-time' });

/** One of `values` (an OpenAPI enum of string literals), typed as their union. */
export function Literals<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      description === undefined ? {} : { description },
    ),
  );
}

/** `schema` or `null`: a field that is always present and may be empty. */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** `?limit=&cursor=` of a cursor-paginated list. */
export const PageQuery = {
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: Limits.pageSizeMax,
      description: `page size (default ${Limits.pageSizeDefault}, at most ${Limits.pageSizeMax})`,
    }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: Limits.cursorLengthMax })),
};

/** A reference to a schema registered with `app.addSchema` under `$id`. */
export function Ref<T = unknown>(id: string) {
  return Type.Unsafe<T>({ $ref: `${id}#` });
}

/** `{ data, nextCursor }` of a cursor-paginated list of `item`. */
export function PageOf<T extends TSchema>(item: T) {
  return Type.Object({ data: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

/** A positive amount of minor units (分) with an upper bound of its own. */
export function MinorAmount(description: string, maximum: number, minimum = 1) {
  return Type.Integer({ minimum, maximum, description });
}

/** An id of another object in a body or query (never empty). */
export function IdString(description?: string) {
  return Type.String({ minLength: 1, maxLength: 64, ...(description ? { description } : {}) });
}
