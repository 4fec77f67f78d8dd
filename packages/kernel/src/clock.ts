import { assert } from './assert';

/**
 * The only source of "now". Domain code receives a Clock (or a business date) instead of calling
 * `new Date()`, so tests and simulations control time. `now()` returns a fresh Date every call, so a
 * caller that mutates it cannot move the clock.
 */
export interface Clock {
  now(): Date;
}

const MS_PER_DAY = 86_400_000;

export const systemClock: Clock = Object.freeze({
  now: () => new Date(),
});

function toInstantMs(instant: Date | string): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  assert(Number.isFinite(ms), `Invalid instant: ${String(instant)}`);
  return ms;
}

/** A clock that always reads the same instant. */
export class FixedClock implements Clock {
  readonly #instantMs: number;

  constructor(instant: Date | string) {
    this.#instantMs = toInstantMs(instant);
  }

  now(): Date {
    return new Date(this.#instantMs);
  }
}

/** A clock that tests and simulations move by hand. It never moves on its own. */
export class AdjustableClock implements Clock {
  #instantMs: number;

  constructor(instant: Date | string) {
    this.#instantMs = toInstantMs(instant);
  }

  now(): Date {
    return new Date(this.#instantMs);
  }

  set(instant: Date | string): void {
    this.#instantMs = toInstantMs(instant);
  }

  /** Moves the clock by `ms` (may be negative, to simulate a clock that steps back). */
  advance(ms: number): void {
    assert(Number.isSafeInteger(ms), `advance needs an integer of milliseconds: ${ms}`);
    const nextMs = this.#instantMs + ms;
    assert(Number.isFinite(new Date(nextMs).getTime()), `Clock moved out of the Date range: ${nextMs}`);
    this.#instantMs = nextMs;
  }

  /** Moves the clock by whole 24-hour days; a local day across a DST change is not exactly this long. */
  advanceDays(days: number): void {
    assert(Number.isSafeInteger(days), `advanceDays needs an integer of days: ${days}`);
    this.advance(days * MS_PER_DAY);
  }
}

/** A clock that can be moved forward by hand: the tests' AdjustableClock, the sandbox's OffsetClock. */
export interface MovableClock extends Clock {
  advance(ms: number): void;
}

export function isMovableClock(clock: Clock): clock is MovableClock {
  return typeof (clock as Partial<MovableClock>).advance === 'function';
}

/**
 * Another clock moved by a fixed offset: the sandbox's test clock (`POST /v1/sandbox/clock`). Time
 * still runs; the offset only ever grows, and the server stores it so that a restart keeps it.
 */
export class OffsetClock implements MovableClock {
  readonly #base: Clock;
  #offsetMs: number;

  constructor(base: Clock, offsetMs = 0) {
    assert(Number.isSafeInteger(offsetMs) && offsetMs >= 0, `an offset is a whole, non-negative ms: ${offsetMs}`);
    this.#base = base;
    this.#offsetMs = offsetMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  now(): Date {
    return new Date(this.#base.now().getTime() + this.#offsetMs);
  }

  advance(ms: number): void {
    assert(Number.isSafeInteger(ms) && ms >= 0, `the test clock only moves forward: ${ms}`);
    this.#offsetMs += ms;
  }
}
