// The wallet's outside services, chosen once per app: the bank adapter (card verification and
// payouts) behind its circuit breaker, so every route and the payout subscriber of one process share
// one breaker. The sandbox bank only in sandbox mode; otherwise a bank that refuses until a real
// partner is configured — never the sandbox. Tests swap the adapter with `useBankAdapter` from
// `@zulin/wallet/testing`.
import { type AdapterStatus, type AppContext, CircuitBreaker } from '@zulin/platform';
import { guardBankAdapter } from './bank-breaker';
import { type BankAdapter, sandboxBankAdapter, unconfiguredBankAdapter } from './bank-verification';
import { WalletLimits } from './limits';

const byContext = new WeakMap<AppContext, BankAdapter>();

/** Installs `adapter`, behind a new breaker, as the bank of this app. */
export function installBankAdapter(ctx: AppContext, adapter: BankAdapter): BankAdapter {
  const breaker = new CircuitBreaker({
    clock: ctx.clock,
    failureThreshold: WalletLimits.bankBreakerFailures,
    coolDownMs: WalletLimits.bankBreakerCoolDownMs,
  });
  const guarded = guardBankAdapter(adapter, breaker);
  byContext.set(ctx, guarded);
  return guarded;
}

export function walletBankAdapter(ctx: AppContext): BankAdapter {
  return (
    byContext.get(ctx) ?? installBankAdapter(ctx, ctx.config.sandbox ? sandboxBankAdapter : unconfiguredBankAdapter)
  );
}

export function walletAdapterStatuses(ctx: AppContext): AdapterStatus[] {
  return [
    ctx.config.sandbox
      ? { name: 'wallet.bank', mode: 'sandbox' }
      : {
          name: 'wallet.bank',
          mode: 'unconfigured',
          detail: 'no bank partner adapter is built yet (README, known gaps)',
        },
  ];
}
