// The outside systems of risk, chosen once per app: sandboxes when the configuration says so
// (never in production), otherwise implementations that refuse until a provider is configured.
import type { Clock } from '@zulin/kernel';
import type { AdapterStatus, AppContext } from '@zulin/platform';
import type { RiskDeps } from './deps';
import { RiskErrors } from './errors';
import { RiskLimits } from './limits';
import { type MdmAdapter, mdmWebhookSecret, unconfiguredMdm } from './mdm';
import { sandboxMdm } from './mdm-sandbox';
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
  return [
    'risk.bureau',
    'risk.judicial_blacklist',
    'risk.alipay_risk_level',
    'risk.wechat_payscore_level',
    'risk.mdm',
  ].map((name) => ({ name, mode, ...(detail ? { detail } : {}) }));
}

/** What the device use cases need: the clock, the time zone (alert days) and the MDM behind its breaker. */
export interface MdmDeps {
  clock: Clock;
  timeZone: string;
  mdm: MdmAdapter;
  guard: GuardedCall;
}

const mdmByContext = new WeakMap<AppContext, MdmDeps>();

export function mdmDeps(ctx: AppContext): MdmDeps {
  let deps = mdmByContext.get(ctx);
  if (deps === undefined) {
    deps = {
      clock: ctx.clock,
      timeZone: ctx.config.timeZone,
      mdm: ctx.config.sandbox ? sandboxMdm(ctx.database, ctx.clock) : unconfiguredMdm,
      // One try per call: a command is retried by the next sweep run, not within this one.
      guard: new GuardedCall(ctx.clock, () => RiskErrors.RISK_MDM_UNAVAILABLE(), {
        timeoutMs: RiskLimits.mdmCallTimeoutMs,
        attempts: 1,
        backoffMs: RiskLimits.outsideCallBackoffMs,
        breakerFailures: RiskLimits.breakerFailures,
        breakerOpenMs: RiskLimits.breakerOpenMs,
      }),
    };
    mdmByContext.set(ctx, deps);
  }
  return deps;
}

/** The secret the MDM signs its webhook messages with (sandbox: derived from the master key). */
export function mdmSecretOf(ctx: AppContext): Buffer | null {
  return ctx.config.sandbox ? mdmWebhookSecret(ctx.config.masterKey) : null;
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
