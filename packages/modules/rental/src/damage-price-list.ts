// The damage price list for grade C at inspection (DOMAIN §5): what each kind of damage costs the
// customer. Prices scale with the phone, because the same crack costs ¥400 to fix on a ¥2,000 phone
// and ¥2,500 on a ¥9,000 one: most items are a share of the SKU's market price, with a floor (the
// labour of any repair) and a cap (the dearest official repair of that part). Operators may change
// the prices and add items; the defaults below are explained in this module's README.
import { assertNever, assertNonNegativeMinor, Dec, mulRoundHalfUp } from '@zulin/kernel';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { RentalErrors } from './errors';
import { RentalLimits } from './limits';
import { type Text, text } from './text';

export type DamagePrice =
  | { kind: 'fixed'; amountMinor: number }
  | { kind: 'share_of_market_price'; bps: number; minMinor: number; maxMinor: number }
  /** The phone cannot be rented or sold again as it is: it costs what it is worth (grade D's price). */
  | { kind: 'residual_value' };

export interface DamagePriceItem {
  code: string;
  label: Text;
  price: DamagePrice;
  /** Whether the inspector may count several (missing accessories); otherwise one per inspection. */
  countable: boolean;
}

export type DamagePriceList = readonly DamagePriceItem[];

const yuanMinor = (yuan: number) => yuan * 100;

export const defaultDamagePriceList: DamagePriceList = Object.freeze([
  {
    code: 'screen',
    label: text('屏幕损坏（碎裂、显示或触控异常）', 'Screen damage (cracked, display or touch fault)'),
    price: { kind: 'share_of_market_price', bps: 2_500, minMinor: yuanMinor(300), maxMinor: yuanMinor(3_000) },
    countable: false,
  },
  {
    code: 'back_glass',
    label: text('后盖玻璃破损', 'Cracked back glass'),
    price: { kind: 'share_of_market_price', bps: 1_200, minMinor: yuanMinor(150), maxMinor: yuanMinor(1_500) },
    countable: false,
  },
  {
    code: 'camera',
    label: text('摄像头损坏（镜片碎裂、无法对焦）', 'Camera damage (cracked lens, cannot focus)'),
    price: { kind: 'share_of_market_price', bps: 1_500, minMinor: yuanMinor(200), maxMinor: yuanMinor(2_000) },
    countable: false,
  },
  {
    code: 'battery_below_80',
    label: text('电池健康度低于 80%', 'Battery health below 80 %'),
    price: { kind: 'share_of_market_price', bps: 600, minMinor: yuanMinor(150), maxMinor: yuanMinor(700) },
    countable: false,
  },
  {
    code: 'missing_accessory',
    label: text('配件缺失（每件）', 'Missing accessory (each)'),
    price: { kind: 'fixed', amountMinor: yuanMinor(50) },
    countable: true,
  },
  {
    code: 'activation_lock',
    label: text('激活锁（账号锁）未解除', 'Activation lock not removed'),
    price: { kind: 'residual_value' },
    countable: false,
  },
] satisfies DamagePriceItem[]);

const amount = Type.Integer({ minimum: 0, maximum: RentalLimits.amountMinorMax });
const label = Type.Object(
  { 'zh-CN': Type.String({ minLength: 1, maxLength: 100 }), en: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const damagePriceListSchema = Type.Array(
  Type.Object(
    {
      code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }),
      label,
      price: Type.Union([
        Type.Object({ kind: Type.Literal('fixed'), amountMinor: amount }, { additionalProperties: false }),
        Type.Object(
          {
            kind: Type.Literal('share_of_market_price'),
            bps: Type.Integer({ minimum: 1, maximum: 10_000 }),
            minMinor: amount,
            maxMinor: amount,
          },
          { additionalProperties: false },
        ),
        Type.Object({ kind: Type.Literal('residual_value') }, { additionalProperties: false }),
      ]),
      countable: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
  { minItems: 1, maxItems: RentalLimits.damagePriceItemsMax },
);

/** Checks a price list from the console and names every bad entry. */
export function parseDamagePriceList(input: unknown): DamagePriceList {
  const errors = Value.Errors(damagePriceListSchema, input).map((e) => ({
    path: `/body${e.instancePath}`,
    message: e.message,
  }));
  if (errors.length === 0) {
    const list = input as DamagePriceItem[];
    const seen = new Set<string>();
    for (const [index, item] of list.entries()) {
      if (seen.has(item.code)) errors.push({ path: `/body/${index}/code`, message: 'each code appears once' });
      seen.add(item.code);
      if (item.price.kind === 'share_of_market_price' && item.price.minMinor > item.price.maxMinor) {
        errors.push({ path: `/body/${index}/price/minMinor`, message: 'must not exceed maxMinor' });
      }
    }
  }
  if (errors.length > 0) {
    throw RentalErrors.RENTAL_DAMAGE_PRICE_LIST_INVALID({ detail: `${errors.length} problem(s) in the list.`, errors });
  }
  return input as DamagePriceList;
}

/** One item's price for a phone of this market price (the residual value is priced by the caller). */
export function damageUnitPriceMinor(price: DamagePrice, marketPriceMinor: number, residualValueMinor: number): number {
  assertNonNegativeMinor(marketPriceMinor, 'marketPriceMinor');
  switch (price.kind) {
    case 'fixed':
      return price.amountMinor;
    case 'share_of_market_price':
      return Math.min(
        Math.max(mulRoundHalfUp(marketPriceMinor, new Dec(price.bps).div(10_000)), price.minMinor),
        price.maxMinor,
      );
    case 'residual_value':
      return residualValueMinor;
    default:
      return assertNever(price);
  }
}
