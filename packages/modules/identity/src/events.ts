// The identity module's events (docs/modules.md, "Events").
import { defineEvents, type EventPayloads } from '@zulin/db';

export const IdentityEvents = defineEvents({
  'identity.customer_registered': (p: { customerId: string }) => p,
  'identity.customer_verified': (p: { customerId: string; birthDate: string }) => p,
  /** A text waits in identity_sms_outbox; the `identity.sms_sender` subscriber sends it after commit. */
  'identity.sms_queued': (p: { id: string }) => p,
  /**
   * A staff member's access changed under them: disabled (every session revoked) or given another
   * role. Holders of open sockets and of work (a live chat) look again at what they may still do.
   */
  'identity.staff_access_changed': (p: {
    staffId: string;
    status: 'active' | 'disabled';
    role: string;
    sessionsRevoked: boolean;
  }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof IdentityEvents> {}
}
