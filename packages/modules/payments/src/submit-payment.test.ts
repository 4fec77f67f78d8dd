// Orders recorded by a command and left unsubmitted (the process died after the commit) are sent by
// the submission sweep once they are a minute old, and not before; submitting again is harmless
// (the channel answers the same trade for the same out_trade_no).
import type { AddressInfo } from 'node:net';
import { describeDb } from '@zulin/db/testing';
import { platformAccount } from '@zulin/ledger';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { paymentChannelClient } from './channel-client-of';
import { usePaymentsBaseUrl } from './channel-settings';
import { createPaymentOrder, getPaymentOrder } from './payment-orders';
import { paymentsSandboxTrades } from './schema';
import { submitCreatedPayments, submitPayment } from './submit-payment';

describeDb('submitting recorded payments', (get) => {
  let s: TestServer;
  let creditAccountId: string;

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules, now: new Date().toISOString() });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    creditAccountId = (await platformAccount(s.ctx.database.db, s.clock, 'customer_receivables')).id;
  });
  afterAll(async () => {
    await s?.close();
  });

  test('the sweep submits an order left created, after the grace minute; a second submission is the same trade', async () => {
    const orders = await Promise.all(
      (['wechatpay', 'alipay'] as const).map((channel, i) =>
        s.ctx.database.db.transaction((tx) =>
          createPaymentOrder(tx, s.clock, {
            channel,
            customerId: `cus_submit${i}`,
            amountMinor: 1 + i * 99_999_999,
            description: '租金',
            purpose: 'test.payment',
            reference: `submit${i}`,
            creditAccountId,
          }),
        ),
      ),
    );
    const sweep = () =>
      submitCreatedPayments(s.ctx.database, {
        clock: s.clock,
        clientOf: (channel) => paymentChannelClient(s.ctx, channel),
      });
    // Just recorded: its request may still be submitting it.
    expect(await sweep()).toMatchObject({ submitted: 0 });
    s.clock.advance(61_000);
    expect(await sweep()).toEqual({ submitted: 2, pending: 2, unknown: 0, failed: 0 });
    for (const order of orders) {
      const after = await getPaymentOrder(s.ctx.database.db, order.id);
      expect(after).toMatchObject({ state: 'pending', amountMinor: order.amountMinor });
      expect(after.cashierUrl).toMatch(/cashier/);
      // Submitting a pending order calls nothing and answers it as it is.
      const again = await submitPayment(
        s.ctx.database,
        { clock: s.clock, client: await paymentChannelClient(s.ctx, order.channel) },
        order.id,
      );
      expect(again.state).toBe('pending');
      const trades = await s.ctx.database.db
        .select()
        .from(paymentsSandboxTrades)
        .where(eq(paymentsSandboxTrades.outTradeNo, order.outTradeNo));
      expect(trades).toHaveLength(1);
    }
    expect(await sweep()).toMatchObject({ submitted: 0 });
  });
});
