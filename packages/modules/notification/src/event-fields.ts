// Reading the fields of another module's event payload: a field it promised and did not send fails
// the delivery (the outbox retries it, and a dead letter shows it), and nothing is written.
import type { OutboxEvent } from '@zulin/db';

/** A payload field another module promised and did not send: the delivery fails and is retried. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

export function text(event: OutboxEvent, field: string): string {
  const value = event.payload[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new PayloadError(`${event.type} ${event.eventId}: payload.${field} is missing`);
  }
  return value;
}

export function minor(event: OutboxEvent, field: string): number {
  const value = event.payload[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new PayloadError(`${event.type} ${event.eventId}: payload.${field} is not an integer`);
  }
  return value;
}

/** The customer an event is about; older events of some types named them differently. */
export function customerOf(event: OutboxEvent, ...fallbacks: string[]): string {
  for (const field of ['customerId', ...fallbacks]) {
    const value = event.payload[field];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  throw new PayloadError(`${event.type} ${event.eventId}: payload.customerId is missing`);
}
