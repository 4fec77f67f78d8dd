// The carrier this server ships with, chosen once per app: the sandbox courier in sandbox mode (never
// in production), otherwise an `unconfigured` carrier that refuses every call with a clear error until
// a national courier's adapter is configured. The sandbox's webhook secret is derived from the master
// key, as the platform's sandbox channel does.
import { createHmac } from 'node:crypto';
import type { Executor } from '@zulin/db';
import type { AdapterStatus, AppContext } from '@zulin/platform';
import type { Address, CarrierAdapter } from './carrier';
import { sandboxCarrierStore, tableReplayGuard } from './carrier-stores';
import { LogisticsErrors } from './errors';
import { SandboxCarrier } from './sandbox-carrier';
import { sandboxCarrierCode } from './sandbox-wire';

export function sandboxCarrierSecret(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('zulin:logistics:sandbox_express').digest();
}

/** The carrier adapter, its memory in `db` (the database for calls outside a transaction). */
export function shippingCarrier(ctx: Pick<AppContext, 'config' | 'clock'>, db: Executor): CarrierAdapter {
  if (!ctx.config.sandbox) return unconfiguredCarrier;
  return new SandboxCarrier({
    secret: sandboxCarrierSecret(ctx.config.masterKey),
    store: sandboxCarrierStore(db, ctx.clock),
  });
}

export { tableReplayGuard };

const refuse = (): never => {
  throw LogisticsErrors.LOGISTICS_CARRIER_UNCONFIGURED({
    detail: 'No courier adapter is configured in this deployment; ship through the sandbox courier in sandbox mode.',
  });
};

export const unconfiguredCarrier: CarrierAdapter = {
  code: 'unconfigured',
  name: { 'zh-CN': '未配置快递', en: 'No carrier configured' },
  createWaybill: async () => refuse(),
  labelPdf: async () => refuse(),
  bookPickup: async () => refuse(),
  cancel: async () => refuse(),
  track: async () => refuse(),
  verifyWebhook: async () => refuse(),
};

export function logisticsAdapterStatuses(ctx: AppContext): AdapterStatus[] {
  return [
    ctx.config.sandbox
      ? { name: 'logistics.carrier', mode: 'sandbox' }
      : {
          name: 'logistics.carrier',
          mode: 'unconfigured',
          detail: 'No courier adapter is built yet; shipping needs sandbox mode (ZULIN_SANDBOX).',
        },
  ];
}

export { sandboxCarrierCode };

/** The operator's dispatch desk, the contact printed as the sender (and a return's recipient). */
export const dispatchContact = { name: 'Zulin 发货组', phone: '+8613910000100' } as const;

const municipalities = ['北京', '上海', '天津', '重庆'];
const provinceOfCity: Readonly<Record<string, string>> = {
  深圳: '广东省',
  广州: '广东省',
  东莞: '广东省',
  杭州: '浙江省',
  宁波: '浙江省',
  南京: '江苏省',
  苏州: '江苏省',
  成都: '四川省',
  武汉: '湖北省',
  西安: '陕西省',
};

/**
 * A warehouse (name, city, free-text address as inventory keeps it) as a postal address: the
 * province from the city (municipalities are their own province), the district read from the
 * address text.
 */
export function warehouseAddress(warehouse: { name: string; city: string; address: string }): Address {
  const city = warehouse.city.replace(/市$/, '');
  const province = municipalities.includes(city) ? `${city}市` : (provinceOfCity[city] ?? `${city}市`);
  const district = /([\u4e00-\u9fa5]{1,6}?[区县])/.exec(warehouse.address.replace(/^.*?市/, ''))?.[1] ?? `${city}市区`;
  return {
    name: `${dispatchContact.name}（${warehouse.name}）`,
    phone: dispatchContact.phone,
    province,
    city: `${city}市`,
    district,
    line: warehouse.address.length > 0 ? warehouse.address : warehouse.name,
  };
}
