// How this process talks to each channel: the merchant's identifiers and keys, the channel's
// verifying keys, the base URL and our notify URLs. In sandbox mode they are the sandbox's own keys
// (payments_sandbox_keys) and the sandbox's endpoints on this server; outside sandbox mode they come
// from the environment, and a channel without a complete configuration is `unconfigured` (refused).
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Executor } from '@zulin/db';
import type { AdapterStatus, AppContext } from '@zulin/platform';
import { alipayCertPublicKey, alipayCertSn, alipayRootCertSn } from './alipay-protocol';
import { sandboxKeys } from './sandbox-keys';
import { sandboxPayscoreServiceId } from './sandbox-payscore';
import { wechatpaySandboxPrefix } from './sandbox-wechatpay';
import { sandboxPapayPlanId } from './sandbox-wechatpay-agreements';
import {
  platformCertificateKey,
  type WechatpayKeyring,
  wechatpayKeyring,
  wechatpayPublicKey,
} from './wechatpay-protocol';

export interface WechatpaySettings {
  baseUrl: string;
  appId: string;
  mchid: string;
  merchantSerial: string;
  merchantPrivateKey: KeyObject;
  apiV3Key: string;
  keyring: WechatpayKeyring;
  notifyUrl: string;
  /** The Pay Score service (支付分服务 ID) deposit authorisations use; without it they are refused. */
  payscoreServiceId: string | undefined;
  /** The entrusted-debit plan (委托代扣模板 plan_id) agreements sign under; without it WeChat agreements are refused. */
  papayPlanId: string | undefined;
}

export interface AlipaySettings {
  gateway: string;
  appId: string;
  sellerId: string;
  appPrivateKey: KeyObject;
  alipayPublicKey: KeyObject;
  notifyUrl: string;
  /**
   * Public-key certificate mode (absent in key mode): the SNs every request carries, and the SN of
   * our Alipay certificate, which every signed answer's `alipay_cert_sn` must be.
   */
  certificates?: { appCertSn: string; alipayRootCertSn: string; alipayCertSn: string };
}

export interface ChannelSettings {
  wechatpay: WechatpaySettings | undefined;
  alipay: AlipaySettings | undefined;
}

const baseUrls = new WeakMap<AppContext, string>();

/** Where this server is reachable by the sandbox and itself (tests listen on a random port). */
export function usePaymentsBaseUrl(ctx: AppContext, url: string): void {
  baseUrls.set(ctx, url.replace(/\/$/, ''));
}

function baseUrlOf(ctx: AppContext): string {
  return baseUrls.get(ctx) ?? `http://127.0.0.1:${ctx.config.port}`;
}

const wechatpayVariables = [
  'ZULIN_WECHATPAY_APPID',
  'ZULIN_WECHATPAY_MCHID',
  'ZULIN_WECHATPAY_SERIAL',
  'ZULIN_WECHATPAY_PRIVATE_KEY',
  'ZULIN_WECHATPAY_APIV3_KEY',
  'ZULIN_WECHATPAY_NOTIFY_URL',
] as const;
const alipayVariables = [
  'ZULIN_ALIPAY_APPID',
  'ZULIN_ALIPAY_SELLER_ID',
  'ZULIN_ALIPAY_PRIVATE_KEY',
  'ZULIN_ALIPAY_NOTIFY_URL',
] as const;
// Key mode: Alipay's public key. Certificate mode (公钥证书模式): the three certificates (PEM text).
const alipayCertVariables = ['ZULIN_ALIPAY_APP_CERT', 'ZULIN_ALIPAY_PUBLIC_CERT', 'ZULIN_ALIPAY_ROOT_CERT'] as const;

function missing(names: readonly string[], env: NodeJS.ProcessEnv): string[] {
  return names.filter((name) => !env[name]?.trim());
}

/** Alipay's mode from the environment: exactly one of key mode and certificate mode, complete. */
function alipayMode(env: NodeJS.ProcessEnv): { mode: 'key' | 'cert' } | { missing: string[]; conflict?: string } {
  const common = missing(alipayVariables, env);
  const hasKey = Boolean(env.ZULIN_ALIPAY_PUBLIC_KEY?.trim());
  const certsMissing = missing(alipayCertVariables, env);
  const certsStarted = certsMissing.length < alipayCertVariables.length;
  if (hasKey && certsStarted) {
    return {
      missing: common,
      conflict: `ZULIN_ALIPAY_PUBLIC_KEY (key mode) or ${alipayCertVariables.join(', ')} (certificate mode), not both`,
    };
  }
  if (certsStarted) {
    return common.length + certsMissing.length === 0 ? { mode: 'cert' } : { missing: [...common, ...certsMissing] };
  }
  if (!hasKey) {
    return {
      missing: [
        ...common,
        `ZULIN_ALIPAY_PUBLIC_KEY (key mode) or ${alipayCertVariables.join(', ')} (certificate mode)`,
      ],
    };
  }
  return common.length === 0 ? { mode: 'key' } : { missing: common };
}

/**
 * A production start with Alipay's certificate mode begun but incomplete, or both modes set, is
 * refused (a half-made certificate set is a mistake, not an unused channel); this names what to fix.
 */
export function alipayConfigurationError(env: NodeJS.ProcessEnv): string | undefined {
  const mode = alipayMode(env);
  if ('mode' in mode) return undefined;
  if (mode.conflict) return `Alipay: set ${mode.conflict}.`;
  const certsStarted = missing(alipayCertVariables, env).length < alipayCertVariables.length;
  return certsStarted ? `Alipay certificate mode needs ${mode.missing.join(', ')}.` : undefined;
}

/** Production settings from the environment; a channel missing anything is left out. */
export function productionSettings(env: NodeJS.ProcessEnv): ChannelSettings {
  let wechatpay: WechatpaySettings | undefined;
  // At least one verifying key: a platform certificate, a public key with its id, or both during a rotation.
  const hasKey = Boolean(
    env.ZULIN_WECHATPAY_PLATFORM_CERT?.trim() ||
      (env.ZULIN_WECHATPAY_PUBLIC_KEY?.trim() && env.ZULIN_WECHATPAY_PUBLIC_KEY_ID?.trim()),
  );
  if (missing(wechatpayVariables, env).length === 0 && hasKey) {
    const keys = [];
    if (env.ZULIN_WECHATPAY_PLATFORM_CERT?.trim()) keys.push(platformCertificateKey(env.ZULIN_WECHATPAY_PLATFORM_CERT));
    if (env.ZULIN_WECHATPAY_PUBLIC_KEY?.trim() && env.ZULIN_WECHATPAY_PUBLIC_KEY_ID?.trim()) {
      keys.push(wechatpayPublicKey(env.ZULIN_WECHATPAY_PUBLIC_KEY_ID, env.ZULIN_WECHATPAY_PUBLIC_KEY));
    }
    wechatpay = {
      baseUrl: 'https://api.mch.weixin.qq.com',
      appId: String(env.ZULIN_WECHATPAY_APPID),
      mchid: String(env.ZULIN_WECHATPAY_MCHID),
      merchantSerial: String(env.ZULIN_WECHATPAY_SERIAL),
      merchantPrivateKey: createPrivateKey(String(env.ZULIN_WECHATPAY_PRIVATE_KEY)),
      apiV3Key: String(env.ZULIN_WECHATPAY_APIV3_KEY),
      keyring: wechatpayKeyring(keys),
      notifyUrl: String(env.ZULIN_WECHATPAY_NOTIFY_URL),
      payscoreServiceId: env.ZULIN_WECHATPAY_PAYSCORE_SERVICE_ID?.trim() || undefined,
      papayPlanId: env.ZULIN_WECHATPAY_PAPAY_PLAN_ID?.trim() || undefined,
    };
  }
  let alipay: AlipaySettings | undefined;
  const alipayModeOfEnv = alipayMode(env);
  if ('mode' in alipayModeOfEnv) {
    const cert = alipayModeOfEnv.mode === 'cert';
    alipay = {
      gateway: 'https://openapi.alipay.com/gateway.do',
      appId: String(env.ZULIN_ALIPAY_APPID),
      sellerId: String(env.ZULIN_ALIPAY_SELLER_ID),
      appPrivateKey: createPrivateKey(String(env.ZULIN_ALIPAY_PRIVATE_KEY)),
      // Certificate mode: Alipay's key is the one in its public certificate.
      alipayPublicKey: cert
        ? alipayCertPublicKey(String(env.ZULIN_ALIPAY_PUBLIC_CERT))
        : createPublicKey(String(env.ZULIN_ALIPAY_PUBLIC_KEY)),
      notifyUrl: String(env.ZULIN_ALIPAY_NOTIFY_URL),
      ...(cert ? { certificates: alipayCertificateSns(env) } : {}),
    };
  }
  return { wechatpay, alipay };
}

function alipayCertificateSns(env: NodeJS.ProcessEnv): NonNullable<AlipaySettings['certificates']> {
  return {
    appCertSn: alipayCertSn(String(env.ZULIN_ALIPAY_APP_CERT)),
    alipayRootCertSn: alipayRootCertSn(String(env.ZULIN_ALIPAY_ROOT_CERT)),
    alipayCertSn: alipayCertSn(String(env.ZULIN_ALIPAY_PUBLIC_CERT)),
  };
}

const production = new WeakMap<AppContext, ChannelSettings>();

/**
 * The settings of this app: the sandbox's in sandbox mode, the environment's otherwise (read and
 * parsed once per app, not on every callback).
 */
export async function channelSettings(ctx: AppContext, db: Executor = ctx.database.db): Promise<ChannelSettings> {
  if (!ctx.config.sandbox) {
    const settings = production.get(ctx) ?? productionSettings(process.env);
    production.set(ctx, settings);
    return settings;
  }
  // Inside a transaction, read with it: PGlite has one connection, and the pool would wait for it.
  const keys = await sandboxKeys(db, ctx.clock.now());
  const base = baseUrlOf(ctx);
  const w = keys.wechatpay;
  const a = keys.alipay;
  return {
    wechatpay: {
      baseUrl: `${base}${wechatpaySandboxPrefix}`,
      appId: w.appId,
      mchid: w.mchid,
      merchantSerial: w.merchantSerial,
      merchantPrivateKey: createPrivateKey(w.merchantPrivateKeyPem),
      apiV3Key: w.apiV3Key,
      keyring: wechatpayKeyring([
        platformCertificateKey(w.platformCertificatePem),
        wechatpayPublicKey(w.publicKeyId, w.publicKeyPem),
      ]),
      notifyUrl: `${base}/v1/webhooks/wechatpay`,
      payscoreServiceId: sandboxPayscoreServiceId,
      papayPlanId: sandboxPapayPlanId,
    },
    alipay: {
      gateway: `${base}/v1/sandbox/payments/alipay/gateway.do`,
      appId: a.appId,
      sellerId: a.sellerId,
      appPrivateKey: createPrivateKey(a.appPrivateKeyPem),
      alipayPublicKey: createPublicKey(a.alipayPublicKeyPem),
      notifyUrl: `${base}/v1/webhooks/alipay`,
    },
  };
}

/**
 * WeChat entrusted debit (委托代扣) in production: its plan id (`ZULIN_WECHATPAY_PAPAY_PLAN_ID`, the
 * number WeChat gave the merchant's papay template), or `ZULIN_WECHATPAY_PAPAY=off` when the
 * installation offers Alipay auto-debit only. A plan id that is not a number refuses the start.
 */
function papayStatus(env: NodeJS.ProcessEnv): AdapterStatus {
  const name = 'payments.wechatpay_papay';
  const planId = env.ZULIN_WECHATPAY_PAPAY_PLAN_ID?.trim();
  if (planId) {
    if (!/^[1-9][0-9]{0,18}$/.test(planId)) {
      throw new Error(`ZULIN_WECHATPAY_PAPAY_PLAN_ID must be WeChat's numeric plan id, not "${planId}".`);
    }
    return { name, mode: 'production' };
  }
  if (env.ZULIN_WECHATPAY_PAPAY?.trim() === 'off') return { name, mode: 'unused' };
  return {
    name,
    mode: 'unconfigured',
    detail:
      'set ZULIN_WECHATPAY_PAPAY_PLAN_ID (WeChat entrusted debit, 委托代扣), or ZULIN_WECHATPAY_PAPAY=off to offer Alipay auto-debit only',
  };
}

export function paymentsAdapterStatuses(ctx: AppContext): AdapterStatus[] {
  if (ctx.config.sandbox) {
    return [
      { name: 'payments.wechatpay', mode: 'sandbox' },
      { name: 'payments.alipay', mode: 'sandbox' },
      { name: 'payments.wechatpay_papay', mode: 'sandbox' },
    ];
  }
  const env = process.env;
  const wechatMissing = missing(wechatpayVariables, env);
  const alipayError = alipayConfigurationError(env);
  if (alipayError) throw new Error(alipayError);
  const papay = papayStatus(env);
  const alipayOfEnv = alipayMode(env);
  const alipayMissing = 'mode' in alipayOfEnv ? [] : alipayOfEnv.missing;
  return [
    wechatMissing.length === 0
      ? { name: 'payments.wechatpay', mode: 'production' }
      : {
          name: 'payments.wechatpay',
          mode: 'unconfigured',
          detail: `set ${wechatMissing.join(', ')} and ZULIN_WECHATPAY_PLATFORM_CERT or ZULIN_WECHATPAY_PUBLIC_KEY(_ID)`,
        },
    alipayMissing.length === 0
      ? { name: 'payments.alipay', mode: 'production' }
      : { name: 'payments.alipay', mode: 'unconfigured', detail: `set ${alipayMissing.join(', ')}` },
    papay,
  ];
}

/** The merchant id a channel's query answers carry (WeChat mchid, Alipay app id). */
export function merchantIdOf(settings: ChannelSettings, channel: 'wechatpay' | 'alipay'): string | undefined {
  return channel === 'wechatpay' ? settings.wechatpay?.mchid : settings.alipay?.appId;
}
