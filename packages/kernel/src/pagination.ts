import { assert } from './assert';
import { KernelErrors } from './errors';
import { Limits } from './limits';

/** The sort-key values of the last row on a page, from which the next page continues. */
export type CursorValues = (string | number)[];

export type Page<T> = { data: T[]; nextCursor: string | null };

const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

function assertCursorValues(values: readonly (string | number)[]): void {
  assert(values.length >= 1, 'A cursor needs at least one value');
  assert(values.length <= Limits.cursorValuesMax, `A cursor holds at most ${Limits.cursorValuesMax} values`);
  for (const value of values) {
    assert(typeof value === 'string' || Number.isFinite(value), `Cursor values must be strings or finite numbers`);
  }
}

/** An opaque cursor: base64url of the JSON array of sort-key values. */
export function encodeCursor(values: readonly (string | number)[]): string {
  assertCursorValues(values);
  const cursor = toBase64Url(JSON.stringify(values));
  assert(cursor.length <= Limits.cursorLengthMax, `Cursor longer than ${Limits.cursorLengthMax} characters`);
  return cursor;
}

/**
 * Reads a cursor that came back from a client. Anything we did not produce is a 422 on
 * `/query/cursor`; re-encoding must give the same text, which rejects hand-edited variants.
 */
export function decodeCursor(cursor: string): CursorValues {
  if (cursor.length > Limits.cursorLengthMax || !BASE64URL_PATTERN.test(cursor)) throw invalidCursor();
  const values = parseJson(fromBase64Url(cursor));
  if (!isCursorValues(values)) throw invalidCursor();
  // Compared without encodeCursor's assertions: a crafted cursor must be a 422, never a crash.
  if (toBase64Url(JSON.stringify(values)) !== cursor) throw invalidCursor();
  return values;
}

// btoa, atob and TextEncoder exist in Node and in browsers alike, so the front ends can share this file.
function toBase64Url(text: string): string {
  const binary = Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join('');
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(cursor: string): string {
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidCursor();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidCursor();
  }
}

function isCursorValues(values: unknown): values is CursorValues {
  if (!Array.isArray(values)) return false;
  if (values.length < 1 || values.length > Limits.cursorValuesMax) return false;
  return values.every((value) => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)));
}

function invalidCursor() {
  return KernelErrors.VALIDATION_FAILED({
    detail: 'The cursor is not valid; use the nextCursor of a previous page',
    errors: [{ path: '/query/cursor', message: 'Invalid cursor', code: 'INVALID_CURSOR' }],
  });
}

/**
 * The page size to fetch: the default when absent, capped at the maximum (asking for more is not an
 * error, the client simply gets a full page and a cursor). Below 1 or not an integer is a 422.
 */
export function pageLimit(limit?: number): number {
  if (limit === undefined) return Limits.pageSizeDefault;
  if (!Number.isInteger(limit) || limit < 1) {
    throw KernelErrors.VALIDATION_FAILED({
      detail: `limit must be an integer from 1 to ${Limits.pageSizeMax}`,
      errors: [{ path: '/query/limit', message: 'Must be an integer of at least 1', code: 'INVALID_LIMIT' }],
    });
  }
  return Math.min(limit, Limits.pageSizeMax);
}

/**
 * Builds a page from rows fetched with `LIMIT limit + 1`: the extra row only tells that another page
 * exists, and the cursor points at the last row that is returned.
 */
export function toPage<T>(rows: readonly T[], limit: number, cursorOf: (row: T) => CursorValues): Page<T> {
  assert(Number.isInteger(limit) && limit >= 1, `limit must be a positive integer: ${limit}`);
  assert(limit <= Limits.pageSizeMax, `limit must be at most ${Limits.pageSizeMax}: ${limit}`);
  assert(rows.length <= limit + 1, `Fetch at most limit + 1 rows, got ${rows.length} for limit ${limit}`);
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  const hasMore = rows.length > limit;
  return { data, nextCursor: hasMore && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}
