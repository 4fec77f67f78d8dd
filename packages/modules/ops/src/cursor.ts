// Reading the cursors of the operations lists: a cursor we produced holds the sort keys of the
// last row of a page, in a known shape; anything else is a 422 on /query/cursor.
import { decodeCursor, KernelErrors } from '@zulin/kernel';

function invalid() {
  return KernelErrors.VALIDATION_FAILED({
    detail: 'The cursor is not valid; use the nextCursor of a previous page',
    errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
  });
}

/** A cursor of `[number]`. */
export function numberCursor(cursor: string): number {
  const [value, ...rest] = decodeCursor(cursor);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || rest.length > 0) throw invalid();
  return value;
}

/** A cursor of `[number, string]`. */
export function numberStringCursor(cursor: string): [number, string] {
  const [first, second, ...rest] = decodeCursor(cursor);
  if (typeof first !== 'number' || !Number.isSafeInteger(first) || typeof second !== 'string' || rest.length > 0) {
    throw invalid();
  }
  return [first, second];
}
