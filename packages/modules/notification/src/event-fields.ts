// Reading the fields of another module's event payload: a field it promised and did not send fails
// the delivery (the outbox retries it, and a dead letter shows it), and nothing is written.
import { type EventDeclarations, type EventOf, type Subscriber, subscribe, type Tx } from '@zulin/db';
import type { NotificationDeps } from './deps';

// The field names are checked against the producer's declared payload (see events.ts there); the
// values are checked here, because a row may predate the declaration.

/** An event as a subscriber receives it, with the payload its producer declares. */
interface TypedEvent<P> {
  type: string;
  eventId: string;
  payload: P;
}

function field<P>(event: TypedEvent<P>, name: string): unknown {
  return (event.payload as Record<string, unknown>)[name];
}

/** A payload field another module promised and did not send: the delivery fails and is retried. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

export function text<P>(event: TypedEvent<P>, name: keyof P & string): string {
  const value = field(event, name);
  if (typeof value !== 'string' || value.length === 0) {
    throw new PayloadError(`${event.type} ${event.eventId}: payload.${name} is missing`);
  }
  return value;
}

export function minor<P>(event: TypedEvent<P>, name: keyof P & string): number {
  const value = field(event, name);
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new PayloadError(`${event.type} ${event.eventId}: payload.${name} is not an integer`);
  }
  return value;
}

/** The customer an event is about; older events of some types named them differently. */
export function customerOf<P>(event: TypedEvent<P>, ...fallbacks: (keyof P & string)[]): string {
  for (const name of ['customerId', ...fallbacks]) {
    const value = field(event, name);
    if (typeof value === 'string' && value.length > 0) return value;
  }
  throw new PayloadError(`${event.type} ${event.eventId}: payload.customerId is missing`);
}

/**
 * `on(type, handle)` for one producer's catalog: the subscriber `notification.<type>`, its payload
 * typed by the producer's declaration. One subscriber per event type, so a failing one holds back
 * only its own kind.
 */
export function notifierOf<D extends EventDeclarations>(catalog: D) {
  return <T extends keyof D & string>(
    eventType: T,
    handle: (event: EventOf<D, T>, tx: Tx, deps: NotificationDeps) => Promise<unknown>,
  ) => ({
    eventType,
    subscriber: (deps: NotificationDeps): Subscriber =>
      subscribe(catalog, {
        name: `notification.${eventType}`,
        eventTypes: [eventType],
        async handle(event, tx) {
          await handle(event, tx, deps);
        },
      }),
  });
}
