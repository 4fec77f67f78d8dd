import { type Database, queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BankAdapter, sandboxBankAdapter } from './bank-verification';
import { WalletLimits } from './limits';
import { useBankAdapter, walletTestKit } from './testing';

describeDb('bank cards: removal, verification outside the transaction, circuit breaker', (get, kind) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  let alice: { customerId: string; token: string };
  let bob: { customerId: string; token: string };

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
    alice = await signInTestCustomer(s, randomTestPhone());
    bob = await signInTestCustomer(s, randomTestPhone());
  });
  afterAll(async () => {
    await s?.close();
  });

  describe('DELETE /v1/bank-cards/{id}', () => {
    test('refused while a withdrawal to the card is in flight, then removed and kept for history', async () => {
      useBankAdapter(s, sandboxBankAdapter);
      await kit.topUp(alice, 20_000);
      const card = (await kit.inject(alice, 'POST', '/v1/bank-cards', { cardNumber: '6217000000000000004' })).json();
      // A bank that does not answer payouts yet: the withdrawal stays in flight.
      useBankAdapter(s, {
        verifyCard: sandboxBankAdapter.verifyCard,
        payout: async () => {
          throw new Error('socket hang up');
        },
      });
      const w = await kit.inject(alice, 'POST', '/v1/wallet/withdrawals', { bankCardId: card.id, amountMinor: 3_000 });
      expect(w.statusCode).toBe(201);
      await kit.drain();
      expect((await kit.inject(alice, 'GET', `/v1/wallet/withdrawals/${w.json().id}`)).json().status).toBe(
        'processing',
      );

      expect((await kit.inject(bob, 'DELETE', `/v1/bank-cards/${card.id}`)).statusCode).toBe(404);
      const busy = await kit.inject(alice, 'DELETE', `/v1/bank-cards/${card.id}`);
      expect(busy.statusCode).toBe(409);
      expect(busy.json().code).toBe('WALLET_BANK_CARD_IN_USE');
      expect((await kit.inject(alice, 'GET', '/v1/bank-cards')).json().data).toHaveLength(1);

      // The bank answers the retried payout; the card can go.
      useBankAdapter(s, sandboxBankAdapter);
      s.clock.advance(60_000);
      await kit.drain();
      expect((await kit.inject(alice, 'GET', `/v1/wallet/withdrawals/${w.json().id}`)).json().status).toBe('succeeded');
      const removed = await kit.inject(alice, 'DELETE', `/v1/bank-cards/${card.id}`);
      expect(removed.statusCode).toBe(204);
      expect(removed.body).toBe('');
      expect((await kit.inject(alice, 'GET', '/v1/bank-cards')).json().data).toHaveLength(0);
      expect((await kit.inject(alice, 'DELETE', `/v1/bank-cards/${card.id}`)).statusCode).toBe(404);
      const toRemoved = await kit.inject(alice, 'POST', '/v1/wallet/withdrawals', {
        bankCardId: card.id,
        amountMinor: 100,
      });
      expect(toRemoved.json().code).toBe('WALLET_BANK_CARD_NOT_FOUND');

      // Kept: the row is marked removed, and the withdrawal still names it.
      const [row] = await queryRows<{ status: string; removed_at: unknown }>(
        s.ctx.database.db,
        sql`select status, removed_at from wallet_bank_cards where id = ${card.id}`,
      );
      expect(row?.status).toBe('removed');
      expect(row?.removed_at).not.toBeNull();
      expect((await kit.inject(alice, 'GET', `/v1/wallet/withdrawals/${w.json().id}`)).json().bankCardId).toBe(card.id);
      // The same number may be bound again later, as a new card.
      const again = await kit.inject(alice, 'POST', '/v1/bank-cards', { cardNumber: '6217000000000000004' });
      expect(again.statusCode).toBe(201);
      expect(again.json().id).not.toBe(card.id);
    });
  });

  describe('binding', () => {
    test.skipIf(kind !== 'postgres')(
      'the bank is asked while no transaction of ours is open (PostgreSQL: seen from another connection)',
      async () => {
        const observer: Database = await get().openAnother();
        const seen: number[] = [];
        useBankAdapter(s, {
          async verifyCard(input) {
            const [row] = await queryRows<{ n: number }>(
              observer.db,
              sql`select count(*)::int as n from pg_stat_activity
                   where datname = current_database() and pid <> pg_backend_pid()
                     and state like 'idle in transaction%'`,
            );
            seen.push(row?.n ?? -1);
            return sandboxBankAdapter.verifyCard(input);
          },
          payout: sandboxBankAdapter.payout,
        });
        const bound = await kit.inject(bob, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890128' });
        expect(bound.statusCode).toBe(201);
        expect(seen).toEqual([0]);
      },
    );

    test('a card the bank declines, and a bank that fails, leave nothing behind', async () => {
      useBankAdapter(s, sandboxBankAdapter);
      const carol = await signInTestCustomer(s, randomTestPhone());
      expect(
        (await kit.inject(carol, 'POST', '/v1/bank-cards', { cardNumber: '6222020000000000000' })).json().code,
      ).toBe('WALLET_BANK_CARD_DECLINED');
      useBankAdapter(s, {
        verifyCard: async () => {
          throw new Error('connect ECONNREFUSED');
        },
        payout: sandboxBankAdapter.payout,
      });
      const failed = await kit.inject(carol, 'POST', '/v1/bank-cards', { cardNumber: '6217000000000000004' });
      expect(failed.statusCode).toBe(503);
      expect(failed.json().code).toBe('WALLET_BANK_UNAVAILABLE');
      expect((await kit.inject(carol, 'GET', '/v1/bank-cards')).json().data).toHaveLength(0);
    });

    test(`after ${WalletLimits.bankBreakerFailures} bank failures in a row the breaker answers 503 without asking the bank, until the cool-down ends`, async () => {
      const dave = await signInTestCustomer(s, randomTestPhone());
      const bank = { up: false, calls: 0 };
      const flaky: BankAdapter = {
        async verifyCard(input) {
          bank.calls++;
          if (!bank.up) throw new Error('bank timeout');
          return sandboxBankAdapter.verifyCard(input);
        },
        payout: sandboxBankAdapter.payout,
      };
      useBankAdapter(s, flaky);
      const bind = () => kit.inject(dave, 'POST', '/v1/bank-cards', { cardNumber: '6217000000000000004' });
      for (let i = 0; i < WalletLimits.bankBreakerFailures; i++) expect((await bind()).statusCode).toBe(503);
      expect(bank.calls).toBe(WalletLimits.bankBreakerFailures);
      bank.up = true;
      const open = await bind();
      expect(open.statusCode).toBe(503);
      expect(open.json().code).toBe('WALLET_BANK_UNAVAILABLE');
      expect(Number(open.headers['retry-after'])).toBeGreaterThan(0);
      expect(bank.calls).toBe(WalletLimits.bankBreakerFailures);
      s.clock.advance(WalletLimits.bankBreakerCoolDownMs);
      expect((await bind()).statusCode).toBe(201);
      expect(bank.calls).toBe(WalletLimits.bankBreakerFailures + 1);
    });
  });
});
