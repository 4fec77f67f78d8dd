// The outside services of this module, chosen once per app: sandboxes when the configuration says
// so (never in production), and otherwise adapters that refuse until a real provider is configured.
import type { AdapterStatus, AppContext } from '@zulin/platform';
import { type IdentityProvider, sandboxIdentityProvider, unconfiguredIdentityProvider } from './identity-provider';
import { type OauthProvider, type OauthProviderName, sandboxOauthProvider, unconfiguredOauthProvider } from './oauth';
import { type SmsAdapter, sandboxSmsAdapter, unconfiguredSmsAdapter } from './sms';

export interface IdentityAdapters {
  sms: SmsAdapter;
  identity: IdentityProvider;
  oauth: Record<OauthProviderName, OauthProvider>;
  sandboxOauth: Record<OauthProviderName, ReturnType<typeof sandboxOauthProvider>> | null;
}

const byContext = new WeakMap<AppContext, IdentityAdapters>();

export function identityAdapters(ctx: AppContext): IdentityAdapters {
  let adapters = byContext.get(ctx);
  if (adapters !== undefined) return adapters;
  if (ctx.config.sandbox) {
    const sandboxOauth = {
      wechat: sandboxOauthProvider('wechat', ctx.config.masterKey),
      alipay: sandboxOauthProvider('alipay', ctx.config.masterKey),
    };
    adapters = { sms: sandboxSmsAdapter, identity: sandboxIdentityProvider, oauth: sandboxOauth, sandboxOauth };
  } else {
    adapters = {
      sms: unconfiguredSmsAdapter,
      identity: unconfiguredIdentityProvider,
      oauth: { wechat: unconfiguredOauthProvider('wechat'), alipay: unconfiguredOauthProvider('alipay') },
      sandboxOauth: null,
    };
  }
  byContext.set(ctx, adapters);
  return adapters;
}

/** How each outside system of identity is configured here, for `/readyz` and the production check. */
export function identityAdapterStatuses(ctx: AppContext): AdapterStatus[] {
  const mode = ctx.config.sandbox ? ('sandbox' as const) : ('unconfigured' as const);
  const detail = ctx.config.sandbox ? undefined : 'no production provider is built yet (README, known gaps)';
  return ['identity.sms', 'identity.verification', 'identity.oauth_wechat', 'identity.oauth_alipay'].map((name) => ({
    name,
    mode,
    ...(detail ? { detail } : {}),
  }));
}
