// The platform's own events (the system module's sandbox webhook channel).
import { defineEvents, type EventPayloads } from '@zulin/db';

export const PlatformEvents = defineEvents({
  /** A sandbox webhook message reached the inbox (sandbox mode only). */
  'platform.sandbox_event_received': (p: { eventType: string; receivedAt: string }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof PlatformEvents> {}
}
