import { describe, expect, test } from 'vitest';
import { AssertionError } from './assert';
import { AppError, defineErrors, isAppError, KernelErrors } from './errors';

describe('AppError', () => {
  test('carries a stable code, an HTTP status, a title and the detail as its message', () => {
    const error = new AppError('RENTAL_UNIT_UNAVAILABLE', 409, 'Unit unavailable', { detail: 'No iPhone 16 Pro left' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AppError');
    expect(error.code).toBe('RENTAL_UNIT_UNAVAILABLE');
    expect(error.status).toBe(409);
    expect(error.title).toBe('Unit unavailable');
    expect(error.detail).toBe('No iPhone 16 Pro left');
    expect(error.message).toBe('No iPhone 16 Pro left');
    expect(error.errors).toEqual([]);
    expect(error.headers).toEqual({});
  });

  test('the message falls back to the title without a detail', () => {
    const error = new AppError('CONFLICT', 409, 'Conflict');
    expect(error.detail).toBeUndefined();
    expect(error.message).toBe('Conflict');
  });

  test('keeps field errors, headers and the cause', () => {
    const cause = new Error('unique violation');
    const error = new AppError('VALIDATION_FAILED', 422, 'Validation failed', {
      errors: [{ path: '/body/phone', message: 'Not a mainland mobile number', code: 'PHONE_INVALID' }],
      headers: { 'Retry-After': '60' },
      cause,
    });
    expect(error.errors).toEqual([
      { path: '/body/phone', message: 'Not a mainland mobile number', code: 'PHONE_INVALID' },
    ]);
    expect(error.headers).toEqual({ 'Retry-After': '60' });
    expect(error.cause).toBe(cause);
  });

  test('a malformed code or a non-error status is a programmer error', () => {
    expect(() => new AppError('not_upper', 400, 'x')).toThrow(AssertionError);
    expect(() => new AppError('OK', 200, 'OK')).toThrow(AssertionError);
    expect(() => new AppError('WEIRD', 600, 'Weird')).toThrow(AssertionError);
    expect(() => new AppError('EMPTY_TITLE', 400, '')).toThrow(AssertionError);
  });
});

describe('defineErrors', () => {
  const RentalErrors = defineErrors({
    RENTAL_NOT_FOUND: { status: 404, title: 'Rental not found' },
    RENTAL_UNIT_UNAVAILABLE: { status: 409, title: 'No unit available' },
  });

  test('each key becomes a factory for an AppError with that code', () => {
    const error = RentalErrors.RENTAL_UNIT_UNAVAILABLE({ detail: 'SKU sold out' });
    expect(isAppError(error)).toBe(true);
    expect(error.code).toBe('RENTAL_UNIT_UNAVAILABLE');
    expect(error.status).toBe(409);
    expect(error.title).toBe('No unit available');
    expect(error.detail).toBe('SKU sold out');
  });

  test('a factory exposes its code, status and title and matches its own errors', () => {
    const factory = RentalErrors.RENTAL_NOT_FOUND;
    expect([factory.code, factory.status, factory.title]).toEqual(['RENTAL_NOT_FOUND', 404, 'Rental not found']);
    expect(factory.is(factory())).toBe(true);
    expect(factory.is(RentalErrors.RENTAL_UNIT_UNAVAILABLE())).toBe(false);
    expect(factory.is(new Error('RENTAL_NOT_FOUND'))).toBe(false);
  });

  test('a bad catalog fails when it is declared, not when it is first thrown', () => {
    expect(() => defineErrors({ lowercase: { status: 400, title: 'x' } })).toThrow(AssertionError);
    expect(() => defineErrors({ REDIRECT: { status: 302, title: 'Found' } })).toThrow(AssertionError);
  });

  test('the catalog is frozen', () => {
    expect(Object.isFrozen(RentalErrors)).toBe(true);
  });
});

describe('KernelErrors', () => {
  test.each([
    ['VALIDATION_FAILED', 422],
    ['BAD_REQUEST', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['ROUTE_NOT_FOUND', 404],
    ['METHOD_NOT_ALLOWED', 405],
    ['CONFLICT', 409],
    ['IDEMPOTENCY_KEY_REUSED', 409],
    ['IDEMPOTENCY_REQUEST_IN_PROGRESS', 409],
    ['PAYLOAD_TOO_LARGE', 413],
    ['UNSUPPORTED_MEDIA_TYPE', 415],
    ['RATE_LIMITED', 429],
    ['INTERNAL', 500],
    ['SERVICE_UNAVAILABLE', 503],
  ] as const)('%s answers %i', (code, status) => {
    const error = KernelErrors[code]();
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  test('the idempotency conflict says what went wrong', () => {
    expect(KernelErrors.IDEMPOTENCY_KEY_REUSED.title).toBe('Idempotency-Key reused with a different request');
  });

  test('usage reads as a throw of a named error', () => {
    expect(() => {
      throw KernelErrors.NOT_FOUND({ detail: 'Rental not found' });
    }).toThrow(expect.objectContaining({ code: 'NOT_FOUND', status: 404, detail: 'Rental not found' }));
  });

  test('isAppError tells operating errors from everything else', () => {
    expect(isAppError(KernelErrors.CONFLICT())).toBe(true);
    expect(isAppError(new Error('boom'))).toBe(false);
    expect(isAppError({ code: 'CONFLICT', status: 409 })).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});
