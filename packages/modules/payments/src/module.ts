// Payments as the server sees it: the channels' protocols (WeChat Pay v3, Alipay) and, in sandbox
// mode, a sandbox that plays both channels with its own keys and sends its callbacks by a sweep.
import type { ServerModule } from '@zulin/platform';
import { deliverSandboxCallbacks } from './deliver-sandbox-callbacks';
import { PaymentsLimits } from './limits';
import { paymentsRoutes } from './routes';
import { sandboxKeys } from './sandbox-keys';

export const paymentsModule: ServerModule = {
  name: 'payments',
  routes: paymentsRoutes,
  sweeps: (ctx) =>
    ctx.config.sandbox
      ? [
          {
            name: 'payments.sandbox_callbacks',
            description: "The sandbox channel posts its due callbacks to the merchant's notify_url",
            everySeconds: PaymentsLimits.sandboxCallbackSweepSeconds,
            async run({ db, clock }) {
              const keys = await sandboxKeys(db, clock.now());
              return deliverSandboxCallbacks(db, {
                clock,
                keys,
                async post({ url, headers, body }) {
                  const response = await fetch(url, {
                    method: 'POST',
                    headers,
                    body,
                    signal: AbortSignal.timeout(PaymentsLimits.sandboxCallbackTimeoutMs),
                  });
                  return { status: response.status, body: await response.text() };
                },
              });
            },
          },
        ]
      : [],
};
