// What the installment API tests share (test files only): a stocked, published SKU with the standard
// offer, verified customers with funded wallets, and an order placed, signed and down-paid through the
// product's own routes, so that each test reads as its rule and not as its set-up.
import { createInstallmentOffer, publishProduct } from '@zulin/catalog';
import { runTick, transaction } from '@zulin/db';
import { bearer, randomTestPhone, signInTestCustomer } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { type Clock, today } from '@zulin/kernel';
import { fundTestAccount } from '@zulin/ledger/testing';
import type { TestServer } from '@zulin/platform/testing';
import { testIdNumber } from '@zulin/risk/testing';
import { walletAccount } from '@zulin/wallet';
import { expect } from 'vitest';

export interface ApiCustomer {
  token: string;
  phone: string;
  customerId: string;
}

/**
 * The standard offer on a fresh SKU: ¥5,999.00 with 10 % down (¥599.90), 12 months at 12 %,
 * equal instalments.
 */
export async function createStandardOffer(s: TestServer, units = 10) {
  const now = s.clock.now();
  const stock = await createTestStock(s.ctx.database.db, { units, now });
  await publishProduct(s.ctx.database.db, { productId: stock.productId, actor: { kind: 'system' }, now });
  const offer = await transaction(s.ctx.database, (tx) =>
    createInstallmentOffer(tx, {
      input: {
        skuId: stock.skuId,
        termMonths: 12,
        annualRateBps: 1200,
        method: 'equal_installment',
        downPaymentBps: 1000,
      },
      actor: { kind: 'system' },
      now,
    }),
  );
  return { skuId: stock.skuId, productId: stock.productId, offerId: offer.id };
}

/**
 * Customers and orders through the API. `idSequence` and `name` keep a file's customers apart from
 * another file's (risk counts applications per identity).
 */
export function installmentApiKit(
  s: TestServer,
  options: { idSequence: number; name: string; birthYear: string; phoneLastDigit?: string },
) {
  let birthDay = 0;
  const call = (token: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    s.app.inject({ method, url, payload: payload as object, headers: token ? bearer(token) : {} });
  const kit = {
    call,
    async verifiedCustomer(): Promise<ApiCustomer> {
      birthDay += 1;
      const month = String(1 + (Math.floor(birthDay / 28) % 12)).padStart(2, '0');
      const birth = `${options.birthYear}${month}${String(1 + (birthDay % 28)).padStart(2, '0')}`;
      // The sandbox channels' risk level is the phone's last digit (7, 8, 9 flag it; others: none).
      const phone = `${randomTestPhone().slice(0, -1)}${options.phoneLastDigit ?? '0'}`;
      const customer = { ...(await signInTestCustomer(s, phone)), phone };
      const verified = await call(customer.token, 'POST', '/v1/me/identity', {
        name: options.name,
        idNumber: testIdNumber(options.idSequence, birth),
      });
      expect(verified.statusCode).toBe(200);
      return customer;
    },
    async fund(customerId: string, amountMinor: number) {
      const account = await transaction(s.ctx.database, (tx) => walletAccount(tx, s.clock, customerId));
      await fundTestAccount(s.ctx.database.db, s.clock, account.id, amountMinor);
    },
    async place(customer: ApiCustomer, offer: { skuId: string; offerId: string }) {
      const placed = await call(customer.token, 'POST', '/v1/installment-orders', offer);
      expect(placed.statusCode).toBe(201);
      return placed.json();
    },
    /** Signs the order's contract with the SMS code the sandbox sent; answers the signed order. */
    async sign(customer: ApiCustomer, order: { id: string; contractId: string }) {
      expect((await call(customer.token, 'POST', `/v1/contracts/${order.contractId}/sign-codes`)).statusCode).toBe(202);
      const code = (await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(customer.phone)}` })).json()
        .data[0].code;
      const signed = await call(customer.token, 'POST', `/v1/installment-orders/${order.id}/sign`, {
        code,
        signature: { kind: 'typed', name: options.name },
      });
      expect(signed.statusCode).toBe(200);
      return signed.json();
    },
    /** Runs the worker until it has nothing left to do (subscribers, outbox). */
    async drain() {
      for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
    },
    /** Placed, signed and the down payment paid from a funded wallet: the order is active. */
    async activeOrder(customer: ApiCustomer, offer: { skuId: string; offerId: string }) {
      await kit.fund(customer.customerId, 1_000_000);
      const order = await kit.place(customer, offer);
      const signed = await kit.sign(customer, order);
      const paid = await call(customer.token, 'POST', `/v1/bills/${signed.bills[0].billId}/pay`, { method: 'wallet' });
      expect(paid.statusCode).toBe(201);
      await kit.drain();
      return order;
    },
    /** Runs a tick for today's business date, as the scheduler would. */
    async runTickNamed(name: string) {
      const tick = s.worker.ticks.find((t) => t.name === name);
      if (!tick) throw new Error(`no tick ${name}`);
      return runTick(s.ctx.database.db, s.clock as Clock, tick, today(s.clock, s.ctx.config.timeZone), {
        force: true,
      });
    },
  };
  return kit;
}
