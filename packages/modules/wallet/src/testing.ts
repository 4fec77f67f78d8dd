// Helpers for tests of the wallet and of modules that use it.
import type { AddressInfo } from 'node:net';
import { runTick, type TickDefinition } from '@zulin/db';
import { type Clock, today } from '@zulin/kernel';
import { usePaymentsBaseUrl } from '@zulin/payments';
import type { AppContext } from '@zulin/platform';
import type { FastifyInstance } from 'fastify';
import { installBankAdapter } from './adapters';
import type { BankAdapter } from './bank-verification';

/** Replaces the app's bank adapter (behind a fresh circuit breaker): a bank that fails, hangs or never pays. */
export function useBankAdapter(server: { ctx: AppContext }, adapter: BankAdapter): void {
  installBankAdapter(server.ctx, adapter);
}

export { CircuitBreaker } from '@zulin/platform';

/** The parts of `TestServer` (apps/server/src/testing.ts) the helpers below use. */
interface TestServerLike {
  app: FastifyInstance;
  ctx: AppContext;
  clock: Clock;
  worker: { runOnce(): Promise<{ busy: boolean }>; ticks: readonly TickDefinition[] };
}

/** The payment channels' clients call the sandbox over HTTP: the test server listens once, on a free port. */
async function listenForChannels(s: TestServerLike): Promise<void> {
  if (s.app.server.listening) return;
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
}

/** Short ways to drive the wallet API in tests: requests as a customer, the worker, top-ups, ticks. */
export function walletTestKit(s: TestServerLike) {
  const inject = (who: { token: string } | null, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    s.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: who ? { authorization: `Bearer ${who.token}` } : {},
    });
  const drain = async () => {
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
  };
  return {
    inject,
    drain,
    /** Makes the server listen (once) so that the payment channels' clients reach the sandbox. */
    listen: () => listenForChannels(s),
    wallet: async (who: { token: string }) => (await inject(who, 'GET', '/v1/wallet')).json(),
    /**
     * Tops up through payments as a customer would: the top-up (its payment order submitted to the
     * sandbox channel over HTTP — the server listens on a free port for that), the sandbox cashier's
     * pay button (which posts the channel's signed callback to our webhook at once), and the worker.
     */
    async topUp(who: { token: string }, amountMinor: number, channel: 'alipay' | 'wechatpay' = 'alipay') {
      await listenForChannels(s);
      const created = await inject(who, 'POST', '/v1/wallet/top-ups', { amountMinor, channel });
      if (created.statusCode !== 201) throw new Error(`top-up refused: ${created.body}`);
      const payment = (await inject(who, 'GET', `/v1/payments/${created.json().paymentId}`)).json();
      if (payment.state !== 'pending') throw new Error(`the top-up's payment is ${payment.state}`);
      const paid = await inject(
        null,
        'POST',
        `/v1/sandbox/payments/cashier/${payment.cashierUrl.split('/').at(-1)}/pay`,
      );
      if (paid.statusCode !== 200) throw new Error(`the sandbox cashier refused: ${paid.body}`);
      await drain();
      return (await inject(who, 'GET', `/v1/wallet/top-ups/${created.json().id}`)).json();
    },
    /** Runs a tick for today's business date in the server's clock, as the scheduler would. */
    async runTick(name: string, options: { force?: boolean } = {}) {
      const tick = s.worker.ticks.find((t) => t.name === name);
      if (!tick) throw new Error(`no tick ${name}`);
      return runTick(s.ctx.database.db, s.clock, tick, today(s.clock, s.ctx.config.timeZone), options);
    },
  };
}
