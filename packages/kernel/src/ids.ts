import { assert } from './assert';
import { type Clock, systemClock } from './clock';

/**
 * Ids are `${prefix}_${body}`: a type prefix (`cus`, `ord`, `unit`) and a 26-character ULID-style
 * body in Crockford base32, 10 characters of millisecond timestamp then 16 of randomness. Ids from one
 * clock sort by creation, so they make good keyset-pagination cursors and B-tree keys.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
const TIME_MAX_MS = 2 ** 48 - 1;
const PREFIX_PATTERN = /^[a-z0-9]{2,8}$/;
// The first body character is at most 7 because the timestamp has 48 bits, not 50.
const ID_PATTERN = /^([a-z0-9]{2,8})_([0-7][0-9A-HJKMNP-TV-Z]{25})$/;

interface MonotonicState {
  lastMs: number;
  /** 16 base32 digits (80 bits), most significant first. */
  random: number[];
}

// Kept per clock so a test's fixed or rewound clock does not borrow the system clock's timestamps.
const stateByClock = new WeakMap<Clock, MonotonicState>();

function assertPrefix(prefix: string): void {
  assert(PREFIX_PATTERN.test(prefix), `Id prefix must be 2–8 lowercase letters or digits: ${prefix}`);
}

function freshRandom(): number[] {
  // 256 is a multiple of 32, so masking each byte to 5 bits keeps every digit uniform.
  return Array.from(globalThis.crypto.getRandomValues(new Uint8Array(RANDOM_CHARS)), (byte) => byte & 31);
}

function incrementRandom(random: number[]): void {
  for (let index = random.length - 1; index >= 0; index--) {
    const digit = (random[index] ?? 0) + 1;
    if (digit < 32) {
      random[index] = digit;
      return;
    }
    random[index] = 0;
  }
  assert(false, 'Id randomness exhausted within one millisecond');
}

function encodeTime(timeMs: number): string {
  let rest = timeMs;
  let encoded = '';
  for (let index = 0; index < TIME_CHARS; index++) {
    const digit = rest % 32;
    encoded = CROCKFORD.charAt(digit) + encoded;
    rest = (rest - digit) / 32;
  }
  return encoded;
}

function nextState(clock: Clock): MonotonicState {
  const nowMs = clock.now().getTime();
  assert(Number.isSafeInteger(nowMs), 'Clock gave an invalid instant');
  assert(nowMs >= 0 && nowMs <= TIME_MAX_MS, `Clock instant out of the id range: ${nowMs}`);
  const state = stateByClock.get(clock);
  // Within one millisecond, or if the clock stepped back, keep the last timestamp and count up the
  // random part, so ids from this clock still sort in creation order.
  if (state !== undefined && nowMs <= state.lastMs) {
    incrementRandom(state.random);
    return state;
  }
  const fresh = { lastMs: nowMs, random: freshRandom() };
  stateByClock.set(clock, fresh);
  return fresh;
}

export function newId(prefix: string, clock: Clock = systemClock): string {
  assertPrefix(prefix);
  const state = nextState(clock);
  const randomChars = state.random.map((digit) => CROCKFORD.charAt(digit)).join('');
  const id = `${prefix}_${encodeTime(state.lastMs)}${randomChars}`;
  assert(ID_PATTERN.test(id), `Generated a malformed id: ${id}`);
  return id;
}

/** The prefix of a well-formed id (`ord_01J…` → `ord`), or null when `id` is not one. */
export function idPrefix(id: string): string | null {
  return ID_PATTERN.exec(id)?.[1] ?? null;
}

/** True when `value` is a well-formed id, with the given prefix when one is given. */
export function isId(value: unknown, prefix?: string): value is string {
  if (prefix !== undefined) assertPrefix(prefix);
  if (typeof value !== 'string') return false;
  const actualPrefix = idPrefix(value);
  return actualPrefix !== null && (prefix === undefined || actualPrefix === prefix);
}
