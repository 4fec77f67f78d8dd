// The outside systems a decision reads: the credit bureau (a Sesame-style score, 350–950), the
// judicial blacklist (失信被执行人名单) and the payment channels' own risk levels (Alipay's
// rental-scene risk level, WeChat Pay Score's user level), used as facts, never as a separate gate.
// Each has a sandbox that answers deterministically for the test identities in docs/risk.md, and
// an `unconfigured` implementation that refuses with a clear error (production until a provider
// is built).
import { assert, type Clock } from '@zulin/kernel';
import { BreakerOpen, CircuitBreaker } from '@zulin/platform';
import { RiskErrors } from './errors';
import type { ChannelRiskLevel } from './facts';
import { RiskLimits } from './limits';

export interface PersonQuery {
  idNumber: string;
  name: string;
  phone: string;
}

export interface BureauAdapter {
  readonly name: string;
  score(query: PersonQuery, signal: AbortSignal): Promise<{ score: number; reference: string }>;
}

export interface JudicialAdapter {
  readonly name: string;
  check(query: PersonQuery, signal: AbortSignal): Promise<{ listed: boolean; reference: string }>;
}

export type RiskChannel = 'alipay' | 'wechat';

export interface ChannelRiskAdapter {
  readonly name: string;
  level(query: PersonQuery, signal: AbortSignal): Promise<{ level: ChannelRiskLevel; reference: string }>;
}

/** The 3-digit sequence of an 18-digit ID number (characters 15–17): the sandbox keys on it. */
const sequenceOf = (idNumber: string) => Number(idNumber.slice(14, 17));

/**
 * Sandbox bureau: an ID number whose sequence is 350–950 scores exactly that (`…700X` → 700);
 * sequence 504 is a bureau that is down; every other sequence scores 680.
 */
export const sandboxBureau: BureauAdapter = {
  name: 'sandbox',
  async score(query) {
    const sequence = sequenceOf(query.idNumber);
    if (sequence === SANDBOX_UNAVAILABLE_SEQUENCE)
      throw RiskErrors.RISK_BUREAU_UNAVAILABLE({ detail: 'Sandbox: bureau down.' });
    const score = sequence >= 350 && sequence <= 950 ? sequence : SANDBOX_DEFAULT_SCORE;
    return { score, reference: `sbx_bureau_${query.idNumber.slice(-4)}` };
  },
};

export const SANDBOX_DEFAULT_SCORE = 680;
export const SANDBOX_UNAVAILABLE_SEQUENCE = 504;
/** ID sequences the sandbox judicial blacklist names. */
export const SANDBOX_JUDICIAL_SEQUENCES: readonly number[] = Object.freeze([13, 666]);

export const sandboxJudicial: JudicialAdapter = {
  name: 'sandbox',
  async check(query) {
    return {
      listed: SANDBOX_JUDICIAL_SEQUENCES.includes(sequenceOf(query.idNumber)),
      reference: `sbx_judicial_${query.idNumber.slice(-4)}`,
    };
  },
};

/**
 * Sandbox channel levels, from the phone's last digit: 7 → medium, 8 → high, 9 → low, any other →
 * none (the channel has no view of the customer). Both channels answer the same.
 */
export function sandboxChannelRisk(channel: RiskChannel): ChannelRiskAdapter {
  return {
    name: 'sandbox',
    async level(query) {
      const last = query.phone.slice(-1);
      const level: ChannelRiskLevel = last === '7' ? 'medium' : last === '8' ? 'high' : last === '9' ? 'low' : 'none';
      return { level, reference: `sbx_${channel}_${query.phone.slice(-4)}` };
    },
  };
}

export const unconfiguredBureau: BureauAdapter = {
  name: 'unconfigured',
  async score() {
    throw RiskErrors.RISK_BUREAU_UNAVAILABLE({ detail: 'No credit bureau is configured.' });
  },
};

export const unconfiguredJudicial: JudicialAdapter = {
  name: 'unconfigured',
  async check() {
    throw RiskErrors.RISK_JUDICIAL_UNAVAILABLE({ detail: 'No judicial blacklist provider is configured.' });
  },
};

export function unconfiguredChannelRisk(channel: RiskChannel): ChannelRiskAdapter {
  return {
    name: 'unconfigured',
    async level() {
      throw RiskErrors.RISK_CHANNEL_UNAVAILABLE({ detail: `No ${channel} risk-level provider is configured.` });
    },
  };
}

/**
 * Calls an outside system with a timeout, retries (the calls are reads, so retrying is safe) with
 * exponential backoff, and the platform's circuit breaker: after `breakerFailures` failed calls in a
 * row the system is not called for `breakerOpenMs`, and callers get its error at once; then one
 * trial call decides whether it closes again.
 */
export interface GuardOptions {
  timeoutMs: number;
  attempts: number;
  backoffMs: number;
  breakerFailures: number;
  breakerOpenMs: number;
}

export class GuardedCall {
  readonly #breaker: CircuitBreaker;

  constructor(
    clock: Clock,
    private readonly unavailable: () => Error,
    private readonly options: GuardOptions = {
      timeoutMs: RiskLimits.outsideCallTimeoutMs,
      attempts: RiskLimits.outsideCallAttempts,
      backoffMs: RiskLimits.outsideCallBackoffMs,
      breakerFailures: RiskLimits.breakerFailures,
      breakerOpenMs: RiskLimits.breakerOpenMs,
    },
  ) {
    assert(options.attempts >= 1, 'at least one attempt');
    this.#breaker = new CircuitBreaker({
      clock,
      failureThreshold: options.breakerFailures,
      coolDownMs: options.breakerOpenMs,
    });
  }

  get open(): boolean {
    return this.#breaker.state === 'open';
  }

  async run<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await this.#breaker.call(() => this.#attempts(call));
    } catch (e) {
      throw e instanceof BreakerOpen ? this.unavailable() : e;
    }
  }

  /** Every attempt with its timeout; the last attempt's error when none answers. */
  async #attempts<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    let last: unknown;
    for (let attempt = 0; attempt < this.options.attempts; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, this.options.backoffMs * 2 ** (attempt - 1)));
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
      try {
        return await Promise.race([
          call(controller.signal),
          new Promise<never>((_, reject) =>
            controller.signal.addEventListener('abort', () => reject(this.unavailable()), { once: true }),
          ),
        ]);
      } catch (e) {
        last = e;
      } finally {
        clearTimeout(timer);
      }
    }
    throw last;
  }
}
