// Typed events. A module declares its events once, in its `src/events.ts`:
//
//   export const WalletEvents = defineEvents({
//     'wallet.top_up_succeeded': (p: { topUpId: string; customerId: string; amountMinor: number }) => p,
//   });
//   declare module '@zulin/db' {
//     interface EventMap extends EventPayloads<typeof WalletEvents> {}
//   }
//
// The declaration types both sides: `emitEvent` accepts only a declared type with its payload (the
// `EventMap` the modules extend), and a subscriber built with `subscribe(WalletEvents, …)` — the
// catalog imported from the producer's index.ts — receives that payload typed. A changed payload is
// a type error at every emitter and in every subscriber.
import type { Tx } from './database';
import type { OutboxEvent, Subscriber } from './outbox';

/** Event type → a function that takes the payload and returns it (it carries the payload's type). */
export type EventDeclarations = { readonly [type: string]: (payload: never) => object };

/** Keeps the declarations as they are; the value is the producer's catalog of its events. */
export function defineEvents<const D extends EventDeclarations>(declarations: D): D {
  return declarations;
}

/** Event type → payload type of one catalog. */
export type EventPayloads<D extends EventDeclarations> = {
  [T in keyof D & string]: D[T] extends (payload: infer P) => unknown ? P : never;
};

/**
 * Every declared event of the program: each module's events.ts extends it (module augmentation),
 * so `emitEvent` knows every type and payload.
 */
// biome-ignore lint/suspicious/noEmptyInterface: the modules extend it
export interface EventMap {}

/** A type some module declared. */
export type EventType = keyof EventMap & string;

/** An event as it is emitted: a declared type with its payload. */
export type NewEventOf<T extends EventType> = {
  [K in T]: { type: K; aggregateType: string; aggregateId: string; payload: EventMap[K] };
}[T];

/** An event as a subscriber of catalog `D` receives it, for one of the types it subscribed to. */
export type EventOf<D extends EventDeclarations, T extends keyof D & string> = {
  [K in T]: Omit<OutboxEvent, 'type' | 'payload'> & { type: K; payload: EventPayloads<D>[K] };
}[T];

/**
 * A subscriber to events of one producer's catalog: `eventTypes` are checked against the catalog,
 * and `handle` receives the payload typed by it.
 */
export function subscribe<D extends EventDeclarations, const T extends keyof D & string>(
  _catalog: D,
  subscriber: {
    name: string;
    eventTypes: readonly T[];
    handle(event: EventOf<D, T>, tx: Tx): Promise<void>;
  },
): Subscriber {
  return subscriber as unknown as Subscriber;
}
