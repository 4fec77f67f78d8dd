// A circuit breaker around an outside system. When the system keeps failing (a call throws: a
// timeout, a refused connection, a 5xx), asking it again only piles up waiting requests and retries,
// so after `failureThreshold` failures in a row the breaker opens: for `coolDownMs` every call is
// refused at once with `BreakerOpen` without reaching the system. After the cool-down one trial call
// goes through (half-open): a success closes the breaker, a failure opens it for another cool-down.
// What counts as a failure is what the call throws: an answer such as "card declined" is returned,
// not thrown. Time comes from the injected clock, so tests move it by hand. The module that owns
// the system turns `BreakerOpen` into its own 503 code.
import { assert, type Clock } from '@zulin/kernel';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  clock: Clock;
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker refuses calls before it lets one trial through. */
  coolDownMs: number;
}

/** A call the breaker refused without making it. */
export class BreakerOpen extends Error {
  constructor(
    readonly failureThreshold: number,
    /** When to try again, in whole seconds (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super(`the outside system failed ${failureThreshold} times in a row; try again in ${retryAfterSeconds} s`);
    this.name = 'BreakerOpen';
  }
}

export class CircuitBreaker {
  readonly #options: BreakerOptions;
  #failures = 0;
  #openedAtMs: number | null = null;
  #trialInFlight = false;

  constructor(options: BreakerOptions) {
    assert(Number.isInteger(options.failureThreshold) && options.failureThreshold >= 1, 'threshold ≥ 1');
    assert(Number.isInteger(options.coolDownMs) && options.coolDownMs >= 1, 'cool-down ≥ 1 ms');
    this.#options = options;
  }

  get state(): BreakerState {
    if (this.#openedAtMs === null) return 'closed';
    const elapsedMs = this.#options.clock.now().getTime() - this.#openedAtMs;
    return elapsedMs >= this.#options.coolDownMs ? 'half_open' : 'open';
  }

  /** Runs `fn` unless the breaker is open; counts a thrown error as a failure of the outside system. */
  async call<T>(fn: () => Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half_open' && this.#trialInFlight)) {
      throw new BreakerOpen(this.#options.failureThreshold, Math.max(1, Math.ceil(this.#retryInMs() / 1000)));
    }
    const trial = state === 'half_open';
    if (trial) this.#trialInFlight = true;
    try {
      const result = await fn();
      this.#failures = 0;
      this.#openedAtMs = null;
      return result;
    } catch (error) {
      this.#failures++;
      if (trial || this.#failures >= this.#options.failureThreshold) {
        this.#openedAtMs = this.#options.clock.now().getTime();
      }
      throw error;
    } finally {
      if (trial) this.#trialInFlight = false;
    }
  }

  #retryInMs(): number {
    if (this.#openedAtMs === null) return 0;
    return this.#openedAtMs + this.#options.coolDownMs - this.#options.clock.now().getTime();
  }
}
