// The notification module's events (docs/modules.md, "Events").
import { defineEvents, type EventPayloads } from '@zulin/db';

export const NotificationEvents = defineEvents({
  /** A notification wants a text; its own subscriber sends it after commit. */
  'notification.sms_requested': (p: { notificationId: string; customerId: string }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof NotificationEvents> {}
}
