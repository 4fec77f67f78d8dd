import { describe, expect, test } from 'vitest';
import { operationIdOf } from './app';

describe('operationIdOf', () => {
  test('names an operation by its method and path words', () => {
    expect(operationIdOf('POST', '/v1/bills/:id/pay')).toBe('postBillsIdPay');
    expect(operationIdOf('GET', '/v1/admin/ledger/trial-balance')).toBe('getAdminLedgerTrialBalance');
  });

  test('two methods on one path get two names', () => {
    expect(operationIdOf('GET', '/v1/me')).not.toBe(operationIdOf('PATCH', '/v1/me'));
  });
});
