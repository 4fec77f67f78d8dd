// The bank adapter behind the platform's circuit breaker: after `failureThreshold` failures in a row
// every call is refused at once with 503 WALLET_BANK_UNAVAILABLE (and Retry-After) without reaching
// the bank, until a trial call after the cool-down succeeds. A declined card or a refused payout is
// an answer, not a failure.
import { isAppError } from '@zulin/kernel';
import { BreakerOpen, type CircuitBreaker } from '@zulin/platform';
import type { BankAdapter } from './bank-verification';
import { WalletErrors } from './errors';

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
      if (error instanceof BreakerOpen) {
        throw WalletErrors.WALLET_BANK_UNAVAILABLE({
          detail: `The bank failed ${error.failureThreshold} times in a row; try again in ${error.retryAfterSeconds} s.`,
          headers: { 'retry-after': String(error.retryAfterSeconds) },
        });
      }
      if (isAppError(error)) throw error;
      throw WalletErrors.WALLET_BANK_UNAVAILABLE({ detail: 'The bank did not answer.', cause: error });
    }
  };
  return {
    verifyCard: (input) => guarded(() => adapter.verifyCard(input)),
    payout: (input) => guarded(() => adapter.payout(input)),
  };
}
