// The identity module as the server runs it: the auth hook and rate limits at the root, the
// routes, the SMS sender, and demo data.
import type { ServerModule } from '@zulin/server/context';
import { identityAdapters } from './adapters';
import { registerAuth } from './auth-hook';
import { registerRateLimit } from './rate-limit';
import { identityRoutes } from './routes';
import { seedIdentity } from './seed';
import { deliverQueuedSms } from './sms';

export const identityModule: ServerModule = {
  name: 'identity',
  async rootHooks(app, ctx) {
    await registerRateLimit(app, ctx);
    registerAuth(app, ctx);
  },
  routes: identityRoutes,
  subscribers: (ctx) => [
    {
      name: 'identity.sms_sender',
      eventTypes: ['identity.sms_queued'],
      async handle(event, tx) {
        const { id } = event.payload as { id: string };
        await deliverQueuedSms(tx, ctx.config.masterKey, ctx.clock.now(), identityAdapters(ctx).sms, id);
      },
    },
  ],
  seed: (ctx) => seedIdentity(ctx),
};
