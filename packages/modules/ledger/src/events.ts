// The ledger module's events (docs/modules.md, "Events"). The wallet subscribes.
import { defineEvents, type EventPayloads } from '@zulin/db';

export const LedgerEvents = defineEvents({
  /** A pending transfer passed its timeout and was voided; the held amount is free again. */
  'ledger.pending_expired': (p: {
    pendingId: string;
    expiryId: string;
    code: string;
    reference: string | null;
    amountMinor: number;
  }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof LedgerEvents> {}
}
