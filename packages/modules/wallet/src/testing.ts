// Helpers for tests of the wallet and of modules that use it.
import { runTick, type TickDefinition } from '@zulin/db';
import { type Clock, today } from '@zulin/kernel';
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
    wallet: async (who: { token: string }) => (await inject(who, 'GET', '/v1/wallet')).json(),
    /** Tops up through the sandbox cashier and lets the worker apply the notification. */
    async topUp(who: { token: string }, amountMinor: number) {
      const created = await inject(who, 'POST', '/v1/wallet/top-ups', { amountMinor });
      if (created.statusCode !== 201) throw new Error(`top-up refused: ${created.body}`);
      await inject(null, 'POST', `/v1/wallet/sandbox-cashier/${created.json().outTradeNo}/pay`, {});
      await drain();
      return created.json();
    },
    /** Runs a tick for today's business date in the server's clock, as the scheduler would. */
    async runTick(name: string, options: { force?: boolean } = {}) {
      const tick = s.worker.ticks.find((t) => t.name === name);
      if (!tick) throw new Error(`no tick ${name}`);
      return runTick(s.ctx.database.db, s.clock, tick, today(s.clock, s.ctx.config.timeZone), options);
    },
  };
}
