// The notification module as the server runs it: the inbox routes, the subscribers that turn wallet,
// billing and payments events into notifications, and the one that sends a requested SMS after commit.
import { subscribe } from '@zulin/db';
import type { ServerModule } from '@zulin/platform';
import { billingSubscribers } from './billing-subscribers';
import type { NotificationDeps } from './deps';
import { NotificationEvents } from './events';
import { smsRequestedEvent } from './notify';
import { paymentsSubscribers } from './payments-subscribers';
import { notificationRoutes } from './routes';
import { sendNotificationSms } from './send-sms';
import { walletSubscribers } from './wallet-subscribers';

export const notificationModule: ServerModule = {
  name: 'notification',
  routes: notificationRoutes,
  subscribers: (ctx) => {
    const deps: NotificationDeps = {
      clock: ctx.clock,
      masterKey: ctx.config.masterKey,
      timeZone: ctx.config.timeZone,
    };
    return [
      ...walletSubscribers(deps),
      ...billingSubscribers(deps),
      ...paymentsSubscribers(deps),
      subscribe(NotificationEvents, {
        name: 'notification.sms_sender',
        eventTypes: [smsRequestedEvent],
        async handle(event, tx) {
          await sendNotificationSms(tx, deps, event.payload.notificationId);
        },
      }),
    ];
  },
};
