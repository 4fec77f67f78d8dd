import { assert } from './assert';

/** One invalid input field. `path` is a JSON pointer into the request, e.g. `/body/phone`. */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

export interface AppErrorOptions {
  detail?: string;
  errors?: FieldError[];
  cause?: unknown;
  headers?: Record<string, string>;
}

const CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/**
 * An operating error: an expected business or request outcome with a stable code that the API
 * returns as an RFC 9457 problem document. Bugs are AssertionErrors instead (see `assert.ts`).
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[];
  /** Response headers that belong to this error, e.g. `Retry-After` on RATE_LIMITED. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: string, status: number, title: string, options: AppErrorOptions = {}) {
    super(options.detail ?? title, 'cause' in options ? { cause: options.cause } : undefined);
    assertErrorShape(code, status, title);
    this.code = code;
    this.status = status;
    this.title = title;
    this.detail = options.detail;
    this.errors = Object.freeze([...(options.errors ?? [])]);
    this.headers = Object.freeze({ ...(options.headers ?? {}) });
  }
}

function assertErrorShape(code: string, status: number, title: string): void {
  assert(CODE_PATTERN.test(code), `AppError code must be UPPER_SNAKE_CASE: ${code}`);
  assert(Number.isInteger(status), `AppError status must be an integer: ${status}`);
  assert(status >= 400, `AppError status must be 4xx or 5xx: ${status}`);
  assert(status <= 599, `AppError status must be 4xx or 5xx: ${status}`);
  assert(title.length > 0, `AppError title must not be empty: ${code}`);
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export interface ErrorSpec {
  readonly status: number;
  readonly title: string;
}

/** Builds the AppError for one catalog entry; also carries the entry's code, status and title. */
export interface ErrorFactory<C extends string = string> {
  (options?: AppErrorOptions): AppError & { readonly code: C };
  readonly code: C;
  readonly status: number;
  readonly title: string;
  /** True when `e` is an AppError with this entry's code, so callers can match without string literals. */
  is(e: unknown): e is AppError & { readonly code: C };
}

export type ErrorCatalog<T extends Record<string, ErrorSpec>> = {
  readonly [C in keyof T & string]: ErrorFactory<C>;
};

/**
 * Declares a module's error catalog once; each key becomes the stable code.
 * The specs are checked here, at import time, so a bad catalog fails on boot rather than on the
 * first request that happens to throw it.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): ErrorCatalog<T> {
  const catalog: Record<string, ErrorFactory> = {};
  for (const [code, spec] of Object.entries(specs)) {
    catalog[code] = errorFactory(code, spec);
  }
  return Object.freeze(catalog) as ErrorCatalog<T>;
}

function errorFactory<C extends string>(code: C, spec: ErrorSpec): ErrorFactory<C> {
  assertErrorShape(code, spec.status, spec.title);
  const create = (options?: AppErrorOptions) =>
    new AppError(code, spec.status, spec.title, options) as AppError & { readonly code: C };
  const is = (e: unknown): e is AppError & { readonly code: C } => isAppError(e) && e.code === code;
  return Object.freeze(Object.assign(create, { code, status: spec.status, title: spec.title, is }));
}

/** Generic errors used by the server and shared by every module. */
export const KernelErrors = defineErrors({
  VALIDATION_FAILED: { status: 422, title: 'Validation failed' },
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, title: 'Route not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'Conflict' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'Idempotency-Key reused with a different request' },
  IDEMPOTENCY_REQUEST_IN_PROGRESS: { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
});
