import { AdjustableClock, isAppError } from '@zulin/kernel';
import { CircuitBreaker } from '@zulin/platform';
import { describe, expect, test } from 'vitest';
import { guardBankAdapter } from './bank-breaker';
import type { BankAdapter } from './bank-verification';

function flakyBank() {
  const bank = {
    up: false,
    calls: 0,
    adapter: {
      async verifyCard() {
        bank.calls++;
        if (!bank.up) throw new Error('connect ETIMEDOUT');
        return { ok: true, token: 'bct_test', bankName: '测试银行' };
      },
      async payout() {
        bank.calls++;
        if (!bank.up) throw new Error('connect ETIMEDOUT');
        return { ok: true };
      },
    } satisfies BankAdapter,
  };
  return bank;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return isAppError(error) ? error.code : 'thrown';
  }
}

describe('the bank circuit breaker', () => {
  const card = { cardNumber: '6222021234567890128', customerId: 'cus_test' };

  test('opens after 3 failures in a row, refuses without calling the bank for the cool-down, then lets one trial through', async () => {
    const clock = new AdjustableClock('2026-03-02T02:00:00Z');
    const breaker = new CircuitBreaker({ clock, failureThreshold: 3, coolDownMs: 30_000 });
    const bank = flakyBank();
    const guarded = guardBankAdapter(bank.adapter, breaker);

    for (let i = 0; i < 3; i++) expect(await codeOf(guarded.verifyCard(card))).toBe('WALLET_BANK_UNAVAILABLE');
    expect(bank.calls).toBe(3);
    expect(breaker.state).toBe('open');
    // Open: refused at once, the bank is not asked; Retry-After says when to come back.
    clock.advance(29_000);
    const refused = await guarded.payout({ token: 't', amountMinor: 1, reference: 'wdr_1' }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('WALLET_BANK_UNAVAILABLE');
    expect(isAppError(refused) && refused.status).toBe(503);
    expect(isAppError(refused) && refused.headers['retry-after']).toBe('1');
    expect(bank.calls).toBe(3);

    // Cool-down over: one trial; it fails, so the breaker opens for another full cool-down.
    clock.advance(1_000);
    expect(breaker.state).toBe('half_open');
    expect(await codeOf(guarded.verifyCard(card))).toBe('WALLET_BANK_UNAVAILABLE');
    expect(bank.calls).toBe(4);
    expect(breaker.state).toBe('open');
    clock.advance(29_999);
    expect(await codeOf(guarded.verifyCard(card))).toBe('WALLET_BANK_UNAVAILABLE');
    expect(bank.calls).toBe(4);

    // The bank is back: the next trial succeeds and closes the breaker.
    bank.up = true;
    clock.advance(1);
    expect(await codeOf(guarded.verifyCard(card))).toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(await codeOf(guarded.payout({ token: 't', amountMinor: 1, reference: 'wdr_2' }))).toBe('ok');
    expect(bank.calls).toBe(6);
  });

  test('a success resets the count: failures must be consecutive', async () => {
    const clock = new AdjustableClock('2026-03-02T02:00:00Z');
    const breaker = new CircuitBreaker({ clock, failureThreshold: 3, coolDownMs: 30_000 });
    const bank = flakyBank();
    const guarded = guardBankAdapter(bank.adapter, breaker);
    for (const up of [false, false, true, false, false]) {
      bank.up = up;
      await codeOf(guarded.verifyCard(card));
    }
    expect(breaker.state).toBe('closed');
    bank.up = false;
    await codeOf(guarded.verifyCard(card));
    expect(breaker.state).toBe('open');
  });

  test('a declined card is an answer, not a failure', async () => {
    const clock = new AdjustableClock('2026-03-02T02:00:00Z');
    const breaker = new CircuitBreaker({ clock, failureThreshold: 1, coolDownMs: 30_000 });
    const guarded = guardBankAdapter(
      {
        verifyCard: async () => ({ ok: false, reason: 'card reported lost' }),
        payout: async () => ({ ok: false, reason: 'account frozen' }),
      },
      breaker,
    );
    expect(await guarded.verifyCard(card)).toEqual({ ok: false, reason: 'card reported lost' });
    expect(await guarded.payout({ token: 't', amountMinor: 1, reference: 'wdr_3' })).toMatchObject({ ok: false });
    expect(breaker.state).toBe('closed');
  });
});
