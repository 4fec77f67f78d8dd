// The ownership walk with REAL objects (issue #19, point 6): for every customer route that names an
// object, the owner makes a real one through the API and can reach it; another customer then gets
// 404 for that very object — so the 404 means "not yours", never "does not exist". The identity
// module's walk (auth-coverage.test.ts) probes product routes with made-up ids, which a route that
// forgot its ownership check also answers with 404. A route added later without a fixture here
// fails the first test, so the walk keeps covering every route. Mutant named: removing the
// `customerId` condition from any one of these routes' reads makes its 404 a 200 (checked by hand
// for GET /v1/wallet/top-ups/:id, see the report of issue #19).
import { createInstallmentOffer, publishProduct } from '@zulin/catalog';
import { draftContract } from '@zulin/contracts';
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { idCheckChar } from '@zulin/identity';
import {
  bearer,
  customerObjectRoutes,
  randomTestPhone,
  signInTestCustomer,
  signInTestStaff,
  walkCustomerObjectRoutes,
} from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { prepareApplication, recordApplication, riskDeps } from '@zulin/risk';
import { walletTestKit } from '@zulin/wallet/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

/** Routes whose path parameter does not name an object someone owns, and why. */
const notAnObject: Record<string, string> = {
  // ":file" is a month ("2026-03.csv"): the statement is always the caller's own.
  'GET /v1/wallet/statements/:file': 'names a month of the caller’s own statement',
};

describeDb('customer objects: another customer gets 404 for a real object of the owner', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('every customer object route has a real object here, the owner reaches it, a stranger gets 404', async () => {
    // Ends in 0: the risk sandboxes read 7, 8 and 9 as a payment channel's risk level (docs/risk.md).
    const ownerPhone = `${randomTestPhone().slice(0, -1)}0`;
    const friendPhone = randomTestPhone();
    const owner = await signInTestCustomer(s, ownerPhone);
    const friend = await signInTestCustomer(s, friendPhone);
    await kit.topUp(owner, 100_000);
    await kit.topUp(friend, 10_000);

    const topUp = (await kit.inject(owner, 'POST', '/v1/wallet/top-ups', { amountMinor: 1_000 })).json();
    const card = (await kit.inject(owner, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890128' })).json();
    const withdrawal = (
      await kit.inject(owner, 'POST', '/v1/wallet/withdrawals', { bankCardId: card.id, amountMinor: 1_000 })
    ).json();
    const transfer = (
      await kit.inject(owner, 'POST', '/v1/wallet/transfers', { toPhone: friendPhone, amountMinor: 500 })
    ).json();
    const dispute = (
      await kit.inject(owner, 'POST', '/v1/disputes', {
        transferId: transfer.transferId,
        type: 'charged_twice',
        description: '扣了两次',
      })
    ).json();
    // A split the owner made, with the friend in it: the friend's share is unpaid.
    const split = (
      await kit.inject(owner, 'POST', '/v1/bill-splits', {
        title: '火锅',
        totalMinor: 3_000,
        friendPhones: [friendPhone],
      })
    ).json();
    const finance = await signInTestStaff(s, 'finance');
    const bill = (
      await s.app.inject({
        method: 'POST',
        url: '/v1/admin/bills',
        headers: bearer(finance.token),
        payload: {
          customerId: owner.customerId,
          title: '配件费',
          dueDate: '2026-03-10',
          lines: [{ kind: 'fee', description: '充电器', amountMinor: 2_000 }],
        },
      })
    ).json();
    // A payment of the owner's: a channel attempt for part of the bill (whatever the channel answered).
    const payment = (
      await kit.inject(owner, 'POST', `/v1/bills/${bill.id}/pay`, { method: 'alipay', amountMinor: 100 })
    ).json().channelPayment;
    await kit.drain();
    const notification = (await kit.inject(owner, 'GET', '/v1/me/notifications')).json().data[0];
    // A risk decision of the owner's: without a verified identity the default rule set rejects it,
    // so it is one the owner may appeal.
    const deps = riskDeps(s.ctx);
    const prepared = await prepareApplication(s.ctx.database.db, deps, {
      customerId: owner.customerId,
      purpose: 'rental',
      deviceFingerprint: `dev-${owner.customerId}`,
      ip: null,
      address: null,
      orderValueMinor: 200_000,
      depositMinor: 300_000,
      history: { activeOrders: 0, openBalanceMinor: 0, onTimeRateBps: 10_000, maxDaysPastDue: 0 },
    });
    const decision = await transaction(s.ctx.database, (tx) => recordApplication(tx, deps, prepared));
    expect(decision.outcome).toBe('reject');
    // A rental order of the owner's, approved and holding a phone: verified now (after the decision
    // above), with a sandbox bureau score of 700 (ID sequence 700).
    // Two phones: one held by the rental, one by the installment order.
    const stock = await createTestStock(s.ctx.database.db, { units: 2, now: s.clock.now() });
    await publishProduct(s.ctx.database.db, {
      productId: stock.productId,
      actor: { kind: 'system' },
      now: s.clock.now(),
    });
    const first17 = '11010119850505700';
    const verified = await kit.inject(owner, 'POST', '/v1/me/identity', {
      name: '张三',
      idNumber: `${first17}${idCheckChar(first17)}`,
    });
    expect(verified.statusCode).toBe(200);
    const rental = (
      await kit.inject(owner, 'POST', '/v1/rentals', {
        skuId: stock.skuId,
        planId: stock.planId,
        address: {
          name: '张三',
          phone: ownerPhone,
          province: '浙江省',
          city: '杭州市',
          district: '西湖区',
          line: '文三路 1 号',
        },
      })
    ).json();
    expect(rental.status).toBe('awaiting_signature'); // approved, its contract drafted
    // An installment order of the owner's on the same phone: 6 months, no interest, no down payment,
    // so it starts at once and has a prepay quote.
    const offer = await transaction(s.ctx.database, (tx) =>
      createInstallmentOffer(tx, {
        input: { skuId: stock.skuId, termMonths: 6, annualRateBps: 0, method: 'equal_installment' },
        actor: { kind: 'system' },
        now: s.clock.now(),
      }),
    );
    const placedInstallment = (
      await kit.inject(owner, 'POST', '/v1/installment-orders', { skuId: stock.skuId, offerId: offer.id })
    ).json();
    expect(placedInstallment.status).toBe('awaiting_signature');
    // Signed (no down payment: it starts at once); the clock then moves past the one-a-minute code rule.
    expect(
      (await kit.inject(owner, 'POST', `/v1/contracts/${placedInstallment.contractId}/sign-codes`)).statusCode,
    ).toBe(202);
    const sms = await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(ownerPhone)}` });
    const installment = (
      await kit.inject(owner, 'POST', `/v1/installment-orders/${placedInstallment.id}/sign`, {
        code: sms.json().data[0].code,
        signature: { kind: 'typed', name: '张三' },
      })
    ).json();
    expect(installment.status).toBe('active');
    s.clock.set(new Date(s.clock.now().getTime() + 61_000));
    const ticket = (
      await kit.inject(owner, 'POST', '/v1/tickets', { kind: 'fault', subject: '屏幕不亮', body: '黑屏' })
    ).json();
    const feedback = (await kit.inject(owner, 'POST', '/v1/feedback', { text: '很好用', anonymous: true })).json();
    const chat = (await kit.inject(owner, 'POST', '/v1/chats')).json();
    const contract = await transaction(s.ctx.database, (tx) =>
      draftContract(
        tx,
        { clock: s.clock },
        {
          customerId: owner.customerId,
          subject: { kind: 'rental', id: 'rnt_ownership' },
          template: 'rental',
          locale: 'zh-CN',
          terms: { productName: 'iPhone 16', months: 12, rentMinor: 29_900 },
        },
      ),
    );
    const agreement = (await kit.inject(owner, 'POST', '/v1/payments/agreements', { channel: 'alipay' })).json();
    for (const [name, made] of Object.entries({
      agreement,
      topUp,
      card,
      withdrawal,
      dispute,
      split,
      bill,
      notification,
      rental,
      installment,
      ticket,
      feedback,
      chat,
    })) {
      expect(made?.id, name).toEqual(expect.any(String));
    }

    const fixtures: Record<string, { params: Record<string, string>; body?: unknown }> = {
      'GET /v1/wallet/top-ups/:id': { params: { id: topUp.id } },
      'GET /v1/wallet/withdrawals/:id': { params: { id: withdrawal.id } },
      'DELETE /v1/bank-cards/:id': { params: { id: card.id } },
      'GET /v1/bill-splits/:id': { params: { id: split.id } },
      'POST /v1/bill-splits/:id/pay': { params: { id: split.id } },
      'GET /v1/disputes/:id': { params: { id: dispute.id } },
      'POST /v1/me/notifications/:id/read': { params: { id: notification.id } },
      'GET /v1/bills/:id': { params: { id: bill.id } },
      'GET /v1/payments/:id': { params: { id: payment.id } },
      'POST /v1/payments/agreements/:id/refresh': { params: { id: agreement.id } },
      'POST /v1/payments/agreements/:id/unsign': { params: { id: agreement.id } },
      'POST /v1/bills/:id/pay': { params: { id: bill.id }, body: { method: 'wallet' } },
      'POST /v1/risk/decisions/:id/appeal': { params: { id: decision.decisionId }, body: { text: '我已还清' } },
      'GET /v1/rentals/:id': { params: { id: rental.id } },
      'POST /v1/rentals/:id/rating': {
        params: { id: rental.id },
        body: { rating: 'good', text: '好', anonymous: false },
      },
      'GET /v1/tickets/:id': { params: { id: ticket.id } },
      'POST /v1/tickets/:id/messages': { params: { id: ticket.id }, body: { body: '还在吗' } },
      'POST /v1/tickets/:id/actions': { params: { id: ticket.id }, body: { action: 'cancel' } },
      'GET /v1/tickets/:id/files/:key': { params: { id: ticket.id, key: `${'a'.repeat(64)}.png` } },
      'GET /v1/chats/:id': { params: { id: chat.id } },
      'GET /v1/chats/:id/files/:key': { params: { id: chat.id, key: `${'a'.repeat(64)}.png` } },
      'POST /v1/chats/:id/end': { params: { id: chat.id } },
      'POST /v1/chats/:id/rating': { params: { id: chat.id }, body: { rating: 5 } },
      'POST /v1/chats/:id/ticket': { params: { id: chat.id }, body: { kind: 'fault', subject: '屏幕不亮' } },
      'GET /v1/feedback/:id': { params: { id: feedback.id } },
      'GET /v1/feedback/:id/media/:key': { params: { id: feedback.id, key: `${'a'.repeat(64)}.png` } },
      'POST /v1/rentals/:id/cancel': { params: { id: rental.id } },
      // The owner gets 409 here (no priced exit before the rent starts; rent-tick.test.ts prices one),
      // so it is not in the owner's list below; the stranger's 404 comes before any state check.
      'POST /v1/rentals/:id/quotes': { params: { id: rental.id }, body: { kind: 'buyout' } },
      'POST /v1/rentals/:id/sign': {
        params: { id: rental.id },
        body: { code: '123456', signature: { kind: 'typed', name: '张三' } },
      },
      'GET /v1/rentals/:id/contract.pdf': { params: { id: rental.id } },
      'GET /v1/rentals/:id/bills': { params: { id: rental.id } },
      'GET /v1/rentals/:id/summary': { params: { id: rental.id } },
      'GET /v1/rentals/:id/tracking': { params: { id: rental.id } },
      // As for quotes: the owner's order is not yet renewable, buyable or returnable (409 for them);
      // after-sales.test.ts walks those; the stranger's 404 comes first.
      'POST /v1/rentals/:id/renew': { params: { id: rental.id }, body: { months: 3 } },
      'POST /v1/rentals/:id/buyout': { params: { id: rental.id }, body: {} },
      'POST /v1/rentals/:id/return': {
        params: { id: rental.id },
        body: { pickup: { date: '2026-12-03', slot: '09-12' } },
      },
      // The owner's order is not signed yet (409 for them; pay-order.test.ts pays one); the stranger's
      // 404 comes before the state check and before any channel is asked.
      'POST /v1/rentals/:id/pay': { params: { id: rental.id }, body: { channel: 'alipay', payerToken: 'x' } },
      'POST /v1/rentals/:id/after-sale/abandon': { params: { id: rental.id }, body: { kind: 'buyout' } },
      'GET /v1/rentals/:id/inspection': { params: { id: rental.id } },
      'POST /v1/rentals/:id/inspection/dispute': { params: { id: rental.id }, body: { reason: '不同意' } },
      'GET /v1/rentals/:id/inspection/photos/:file': { params: { id: rental.id, file: `${'a'.repeat(64)}.png` } },
      'POST /v1/rentals/:id/faults/photos': { params: { id: rental.id } },
      'POST /v1/rentals/:id/faults': { params: { id: rental.id }, body: { description: '屏幕闪烁' } },
      'GET /v1/rentals/:id/faults': { params: { id: rental.id } },
      'GET /v1/installment-orders/:id': { params: { id: installment.id } },
      'POST /v1/installment-orders/:id/prepay-quote': {
        params: { id: installment.id },
        body: { strategy: 'reduce_term', prepayMinor: 10_000 },
      },
      'POST /v1/installment-orders/:id/prepay': {
        params: { id: installment.id },
        body: { strategy: 'reduce_term', prepayMinor: 10_000 },
      },
      'POST /v1/installment-orders/:id/sign': {
        params: { id: installment.id },
        body: { code: '123456', signature: { kind: 'typed', name: '张三' } },
      },
      'GET /v1/installment-orders/:id/contract.pdf': { params: { id: installment.id } },
      'POST /v1/installment-orders/:id/cancel': { params: { id: installment.id }, body: {} },
      'GET /v1/installment-orders/:id/tracking': { params: { id: installment.id } },
      'GET /v1/installment-orders/:id/payoff-certificate': { params: { id: installment.id } },
      'GET /v1/contracts/:id': { params: { id: contract.contractId } },
      'GET /v1/contracts/:id/pdf': { params: { id: contract.contractId } },
      'POST /v1/contracts/:id/sign-codes': { params: { id: contract.contractId } },
      'POST /v1/contracts/:id/sign': {
        params: { id: contract.contractId },
        body: { code: '123456', signature: { kind: 'typed', name: '张三' } },
      },
      'GET /v1/contracts/:id/esign': { params: { id: contract.contractId } },
      'POST /v1/contracts/:id/esign-flows': { params: { id: contract.contractId } },
    };
    const routes = customerObjectRoutes(s.app).map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in fixtures) && !(r in notAnObject))).toEqual([]);

    // A stranger, with money (so a payment is refused for ownership, not for the balance).
    const strangerPhone = randomTestPhone();
    const stranger = await signInTestCustomer(s, strangerPhone);
    await kit.topUp(stranger, 100_000);
    const results = await walkCustomerObjectRoutes(s.app, stranger.token, fixtures);
    // In the order the modules registered their routes, not the fixtures' order.
    const byRoute = (a: { route: string }, b: { route: string }) => a.route.localeCompare(b.route);
    expect(results.filter((r) => r.route in fixtures).sort(byRoute)).toEqual(
      Object.keys(fixtures)
        .map((route) => ({ route, status: 404, reachedHandler: true }))
        .sort(byRoute),
    );
    expect((await kit.wallet(stranger)).availableMinor).toBe(100_000);

    // The same objects answer their owner: the 404 above was about ownership, not existence.
    const owners: [string, 'GET' | 'POST' | 'DELETE', string, unknown?][] = [
      ['owner', 'GET', `/v1/wallet/top-ups/${topUp.id}`],
      ['owner', 'GET', `/v1/wallet/withdrawals/${withdrawal.id}`],
      ['owner', 'GET', `/v1/bill-splits/${split.id}`],
      ['owner', 'GET', `/v1/disputes/${dispute.id}`],
      ['owner', 'GET', `/v1/bills/${bill.id}`],
      ['owner', 'GET', `/v1/tickets/${ticket.id}`],
      ['owner', 'GET', `/v1/feedback/${feedback.id}`],
      ['owner', 'GET', `/v1/payments/${payment.id}`],
      ['owner', 'POST', `/v1/payments/agreements/${agreement.id}/refresh`],
      ['friend', 'POST', `/v1/bill-splits/${split.id}/pay`],
      ['owner', 'POST', `/v1/me/notifications/${notification.id}/read`],
      ['owner', 'POST', `/v1/bills/${bill.id}/pay`, { method: 'wallet' }],
      ['owner', 'DELETE', `/v1/bank-cards/${card.id}`],
      ['owner', 'POST', `/v1/risk/decisions/${decision.decisionId}/appeal`, { text: '我已还清' }],
      ['owner', 'GET', `/v1/rentals/${rental.id}`],
      ['owner', 'GET', `/v1/rentals/${rental.id}/contract.pdf`],
      ['owner', 'GET', `/v1/rentals/${rental.id}/bills`],
      ['owner', 'POST', `/v1/rentals/${rental.id}/cancel`],
      ['owner', 'GET', `/v1/installment-orders/${installment.id}`],
      ['owner', 'POST', `/v1/installment-orders/${installment.id}/prepay-quote`, { strategy: 'payoff' }],
      ['owner', 'GET', `/v1/contracts/${contract.contractId}`],
      ['owner', 'GET', `/v1/contracts/${contract.contractId}/pdf`],
      ['owner', 'POST', `/v1/contracts/${contract.contractId}/sign-codes`],
      ['owner', 'GET', `/v1/contracts/${contract.contractId}/esign`],
      ['owner', 'GET', `/v1/installment-orders/${installment.id}/contract.pdf`],
      ['owner', 'GET', `/v1/installment-orders/${installment.id}/tracking`],
      // Last: it ends the order (active, no period billed yet: cancellable).
      ['owner', 'POST', `/v1/installment-orders/${installment.id}/cancel`, {}],
    ];
    for (const [who, method, url, payload] of owners) {
      const status = (await kit.inject(who === 'owner' ? owner : friend, method, url, payload)).statusCode;
      expect(status >= 200 && status < 300, `${method} ${url} as ${who}: ${status}`).toBe(true);
    }
  }, 300_000); // one walk over every customer object route: minutes on a loaded 2-core machine
});
