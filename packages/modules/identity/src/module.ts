// The identity module as the server runs it: the route guard (who is calling, and may they call
// this route), the permission check of every route's declaration, the staff audit safety net, the
// routes, the SMS sender, its outside systems, and demo data.
import { subscribe } from '@zulin/db';
import type { ServerModule } from '@zulin/platform';
import { identityAdapterStatuses, identityAdapters } from './adapters';
import { auditStaffRequests, checkDeclaredPermissions, identityGuard } from './auth-hook';
import { identityDashboardFigures } from './dashboard-figures';
import { deliverQueuedSms } from './deliver-queued-sms';
import { IdentityEvents } from './events';
import { identityRoutes } from './routes';
import { seedIdentity } from './seed';

export const identityModule: ServerModule = {
  name: 'identity',
  dashboard: identityDashboardFigures,
  guard: identityGuard,
  async rootHooks(app, ctx) {
    checkDeclaredPermissions(app);
    auditStaffRequests(app, ctx);
  },
  routes: identityRoutes,
  subscribers: (ctx) => [
    subscribe(IdentityEvents, {
      name: 'identity.sms_sender',
      eventTypes: ['identity.sms_queued'],
      async handle(event, tx) {
        await deliverQueuedSms(tx, ctx.config.masterKey, ctx.clock.now(), identityAdapters(ctx).sms, event.payload.id);
      },
    }),
  ],
  adapters: identityAdapterStatuses,
  seed: (ctx) => seedIdentity(ctx),
};
