// A circuit breaker around the bank adapter. When the bank keeps failing (the adapter throws: a
// timeout, a refused connection, a 5xx), asking it again only piles up waiting requests and payout
// retries, so after `failureThreshold` failures in a row the breaker opens: for `coolDownMs` every
// call is refused at once with 503 WALLET_BANK_UNAVAILABLE without reaching the bank. After the
// cool-down one trial call goes through (half-open): a success closes the breaker, a failure opens
// it for another cool-down. A declined card or a refused payout is an answer, not a failure.
// Time comes from the injected clock, so tests move it by hand.
import { assert, type Clock, isAppError } from '@zulin/kernel';
import type { BankAdapter } from './bank-verification';
import { WalletErrors } from './errors';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  clock: Clock;
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long an open breaker refuses calls before it lets one trial through. */
  coolDownMs: number;
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
      const retryAfterS = Math.max(1, Math.ceil(this.#retryInMs() / 1000));
      throw WalletErrors.WALLET_BANK_UNAVAILABLE({
        detail: `The bank failed ${this.#options.failureThreshold} times in a row; try again in ${retryAfterS} s.`,
        headers: { 'retry-after': String(retryAfterS) },
      });
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

/**
 * The adapter behind a breaker. An error the adapter throws becomes 503 WALLET_BANK_UNAVAILABLE
 * (the cause kept for the log), so callers see one stable code whether the bank failed just now or
 * the breaker refused the call.
 */
export function guardBankAdapter(adapter: BankAdapter, breaker: CircuitBreaker): BankAdapter {
  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await breaker.call(fn);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw WalletErrors.WALLET_BANK_UNAVAILABLE({ detail: 'The bank did not answer.', cause: error });
    }
  };
  return {
    verifyCard: (input) => guarded(() => adapter.verifyCard(input)),
    payout: (input) => guarded(() => adapter.payout(input)),
  };
}
