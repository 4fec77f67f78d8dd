// Typed events: what the declaration lets through and what it refuses is checked by the type checker
// (`npx tsc`): each `@ts-expect-error` below fails the type check if the line it marks compiles.
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { Tx } from './database';
import { defineEvents, type EventOf, type EventPayloads, type NewEventOf, subscribe } from './events';
import { emitEvent } from './outbox';

const ParcelEvents = defineEvents({
  'typetest.parcel_sent': (p: { parcelId: string; weightGrams: number }) => p,
  'typetest.parcel_lost': (p: { parcelId: string; reason: 'stolen' | 'damaged' }) => p,
});
declare module './events' {
  interface EventMap extends EventPayloads<typeof ParcelEvents> {}
}

describe('typed events', () => {
  test('a subscriber gets the payload its producer declares, and only the types it declares', () => {
    const subscriber = subscribe(ParcelEvents, {
      name: 'typetest.sent',
      eventTypes: ['typetest.parcel_sent'],
      async handle(event) {
        expectTypeOf(event.type).toEqualTypeOf<'typetest.parcel_sent'>();
        expectTypeOf(event.payload).toEqualTypeOf<{ parcelId: string; weightGrams: number }>();
        // @ts-expect-error a field the producer does not declare
        event.payload.weightKg;
      },
    });
    expect(subscriber.name).toBe('typetest.sent');
    expect(subscriber.eventTypes).toEqual(['typetest.parcel_sent']);

    subscribe(ParcelEvents, {
      name: 'typetest.unknown',
      // @ts-expect-error a type the catalog does not declare
      eventTypes: ['typetest.parcel_found'],
      async handle() {},
    });
  });

  test('a subscriber to several types narrows the payload by the type', () => {
    subscribe(ParcelEvents, {
      name: 'typetest.both',
      eventTypes: ['typetest.parcel_sent', 'typetest.parcel_lost'],
      async handle(event) {
        if (event.type === 'typetest.parcel_lost')
          expectTypeOf(event.payload.reason).toEqualTypeOf<'stolen' | 'damaged'>();
        else expectTypeOf(event.payload.weightGrams).toEqualTypeOf<number>();
      },
    });
    expectTypeOf<EventOf<typeof ParcelEvents, 'typetest.parcel_lost'>['payload']>().toEqualTypeOf<{
      parcelId: string;
      reason: 'stolen' | 'damaged';
    }>();
  });

  test('emitEvent takes a declared type with its payload and nothing else', () => {
    // Only compiled: the calls are inside a function that never runs.
    const emits = async (tx: Tx, now: Date) => {
      await emitEvent(tx, now, {
        type: 'typetest.parcel_sent',
        aggregateType: 'parcel',
        aggregateId: 'p1',
        payload: { parcelId: 'p1', weightGrams: 180 },
      });
      await emitEvent(tx, now, {
        type: 'typetest.parcel_sent',
        aggregateType: 'parcel',
        aggregateId: 'p1',
        // @ts-expect-error a changed payload (grams renamed) is refused at the emitter
        payload: { parcelId: 'p1', weightKg: 0.18 },
      });
      await emitEvent(tx, now, {
        // @ts-expect-error an event no events.ts declares
        type: 'typetest.parcel_found',
        aggregateType: 'parcel',
        aggregateId: 'p1',
        payload: {},
      });
    };
    expect(typeof emits).toBe('function');
    expectTypeOf<NewEventOf<'typetest.parcel_lost'>['payload']>().toEqualTypeOf<{
      parcelId: string;
      reason: 'stolen' | 'damaged';
    }>();
  });
});
