// The outside systems of risk, chosen once per app: sandboxes when the configuration says so
// (never in production), otherwise implementations that refuse until a provider is configured.
import type { Clock } from '@zulin/kernel';
import type { AdapterStatus, AppContext } from '@zulin/platform';
import type { RiskDeps } from './deps';
import { RiskErrors } from './errors';
import {
  type BureauAdapter,
  type ChannelRiskAdapter,
  GuardedCall,
  type JudicialAdapter,
  type RiskChannel,
  sandboxBureau,
  sandboxChannelRisk,
  sandboxJudicial,
  unconfiguredBureau,
  unconfiguredChannelRisk,
  unconfiguredJudicial,
} from './outside-systems';

export interface RiskAdapters {
  bureau: BureauAdapter;
  judicial: JudicialAdapter;
  channels: Record<RiskChannel, ChannelRiskAdapter>;
  /** One breaker per system, shared by every call of this process. */
  guards: Record<'bureau' | 'judicial' | RiskChannel, GuardedCall>;
}

export function buildRiskAdapters(sandbox: boolean, clock: Clock): RiskAdapters {
  return {
    bureau: sandbox ? sandboxBureau : unconfiguredBureau,
    judicial: sandbox ? sandboxJudicial : unconfiguredJudicial,
    channels: {
      alipay: sandbox ? sandboxChannelRisk('alipay') : unconfiguredChannelRisk('alipay'),
      wechat: sandbox ? sandboxChannelRisk('wechat') : unconfiguredChannelRisk('wechat'),
    },
    guards: {
      bureau: new GuardedCall(clock, () => RiskErrors.RISK_BUREAU_UNAVAILABLE()),
      judicial: new GuardedCall(clock, () => RiskErrors.RISK_JUDICIAL_UNAVAILABLE()),
      alipay: new GuardedCall(clock, () => RiskErrors.RISK_CHANNEL_UNAVAILABLE()),
      wechat: new GuardedCall(clock, () => RiskErrors.RISK_CHANNEL_UNAVAILABLE()),
    },
  };
}

const byContext = new WeakMap<AppContext, RiskAdapters>();

export function riskAdapters(ctx: AppContext): RiskAdapters {
  let adapters = byContext.get(ctx);
  if (adapters === undefined) {
    adapters = buildRiskAdapters(ctx.config.sandbox, ctx.clock);
    byContext.set(ctx, adapters);
  }
  return adapters;
}

/** How each outside system of risk is configured here, for `/readyz` and the production check. */
export function riskAdapterStatuses(ctx: AppContext): AdapterStatus[] {
  const mode = ctx.config.sandbox ? ('sandbox' as const) : ('unconfigured' as const);
  const detail = ctx.config.sandbox ? undefined : 'no production provider is built yet (docs/risk.md, known gaps)';
  return ['risk.bureau', 'risk.judicial_blacklist', 'risk.alipay_risk_level', 'risk.wechat_payscore_level'].map(
    (name) => ({ name, mode, ...(detail ? { detail } : {}) }),
  );
}

/** The use cases' dependencies for this app. */
export function riskDeps(ctx: AppContext): RiskDeps {
  return {
    clock: ctx.clock,
    timeZone: ctx.config.timeZone,
    masterKey: ctx.config.masterKey,
    adapters: riskAdapters(ctx),
  };
}
