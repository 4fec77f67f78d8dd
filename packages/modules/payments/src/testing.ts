// Helpers other modules' tests may use (`@zulin/payments/testing`).
import type { Clock } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import type { FastifyInstance } from 'fastify';
import { paymentChannelClient } from './channel-client-of';
import { deliverSandboxCallbacks } from './deliver-sandbox-callbacks';
import { sandboxKeys } from './sandbox-keys';
import { startPayment } from './start-payment';

export { usePaymentsBaseUrl } from './channel-settings';
export {
  type CallbackPoster,
  deliverSandboxCallbacks,
  deliverSandboxCallbacksManually,
} from './deliver-sandbox-callbacks';
export { generateAlipayCertificates, sandboxKeys } from './sandbox-keys';
// The channel's side of a WeChat Pay callback: for tests and benchmarks that play the channel.
export { encryptWechatpayResource, signWechatpayMessage } from './wechatpay-protocol';

interface SandboxTestServer {
  app: FastifyInstance;
  ctx: AppContext;
  clock: Clock;
  worker: { runOnce(): Promise<{ busy: boolean }> };
}

/**
 * A day of sandbox payments in a test (`server` is read at each call: tests create it in beforeAll): the sandbox's knobs, a payment started on a channel (customer
 * and reference numbered with `prefix`), paid at the sandbox cashier, and the sandbox's callbacks
 * delivered through the app and applied by the worker.
 */
export function sandboxPaymentsKit(
  server: () => SandboxTestServer,
  options: { prefix: string; description: string; creditAccountId: () => string },
) {
  let n = 0;
  return {
    knobs: (changes: Record<string, unknown>) =>
      server().app.inject({ method: 'PUT', url: '/v1/sandbox/payments/knobs', payload: changes }),
    start: async (channel: 'wechatpay' | 'alipay', amountMinor: number) =>
      startPayment(
        server().ctx.database,
        { clock: server().clock, client: await paymentChannelClient(server().ctx, channel) },
        {
          customerId: `cus_${options.prefix}${n++}`,
          amountMinor,
          description: options.description,
          purpose: 'test.payment',
          reference: `${options.prefix}${n}`,
          creditAccountId: options.creditAccountId(),
        },
      ),
    pay: (cashierUrl: string | null) =>
      server().app.inject({ method: 'POST', url: `/v1/sandbox/payments/cashier/${cashierUrl?.split('/').at(-1)}/pay` }),
    async deliver() {
      await deliverSandboxCallbacks(server().ctx.database.db, {
        clock: server().clock,
        keys: await sandboxKeys(server().ctx.database.db, server().clock.now()),
        post: async ({ url, headers, body }) => {
          const answer = await server().app.inject({
            method: 'POST',
            url: new URL(url).pathname,
            headers,
            payload: body,
          });
          return { status: answer.statusCode, body: answer.body };
        },
      });
      for (let i = 0; i < 10; i++) if (!(await server().worker.runOnce()).busy) break;
    },
  };
}
