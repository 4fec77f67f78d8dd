// The contracts module's events: type and payload, shared by the producer and every subscriber.
import { defineEvents, type EventPayloads } from '@zulin/db';

export const ContractsEvents = defineEvents({
  /** A customer signed a contract; its sealed PDF is stored and its evidence appended. */
  'contracts.contract_signed': (p: {
    contractId: string;
    customerId: string;
    subjectKind: string;
    subjectId: string;
    signedAt: string;
  }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof ContractsEvents> {}
}
