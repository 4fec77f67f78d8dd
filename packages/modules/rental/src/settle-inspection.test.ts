import { isAppError } from '@zulin/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultDamagePriceList, parseDamagePriceList } from './damage-price-list';
import { residualValueMinor } from './residual-value';
import {
  type InspectionFinding,
  type InspectionGrade,
  priceInspection,
  settleDeposit,
  settleInspection,
} from './settle-inspection';

// An iPhone 16 Pro at ¥7,999, rented from 2027-01-31, inspected after 12 whole months.
const base = {
  priceList: defaultDamagePriceList,
  marketPriceMinor: 799_900,
  rentStartDate: '2027-01-31',
  inspectedOn: '2028-02-05',
};
// 799900 − round((799900 − 159980) × 12 / 24) = 799900 − 319960
const residual12Months = 479_940;

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isAppError(e) ? e.code : String(e);
  }
  return 'accepted';
};

describe('residual value', () => {
  it('depreciates the market price straight-line over 24 months to 20 %', () => {
    expect(residualValueMinor({ marketPriceMinor: 799_900, valueFrom: '2027-01-31', asOf: '2027-01-31' })).toBe(
      799_900,
    );
    expect(residualValueMinor({ marketPriceMinor: 799_900, valueFrom: '2027-01-31', asOf: '2028-02-05' })).toBe(
      residual12Months,
    );
    // 2027-01-31 + 1 month is 2027-02-28 (clamped): one whole month on 02-28, none on 02-27.
    expect(residualValueMinor({ marketPriceMinor: 799_900, valueFrom: '2027-01-31', asOf: '2027-02-27' })).toBe(
      799_900,
    );
    expect(residualValueMinor({ marketPriceMinor: 799_900, valueFrom: '2027-01-31', asOf: '2027-02-28' })).toBe(
      773_237,
    ); // 799900 − 26663.33
    expect(residualValueMinor({ marketPriceMinor: 799_900, valueFrom: '2027-01-31', asOf: '2029-09-01' })).toBe(
      159_980,
    );
  });
});

describe('inspection', () => {
  it('grades A and B cost nothing and release the whole hold', () => {
    for (const grade of ['A', 'B'] as const) {
      const result = settleInspection({ ...base, grade, findings: [], depositHeldMinor: 239_970 });
      expect(result.chargeMinor).toBe(0);
      expect(result.settlement).toEqual({ captureMinor: 0, billMinor: 0, releaseMinor: 239_970 });
    }
  });

  it('grade C, cracked back glass (12 % of ¥7,999 = ¥959.88): captured from a larger hold, the rest released', () => {
    const result = settleInspection({
      ...base,
      grade: 'C',
      findings: [{ code: 'back_glass' }],
      depositHeldMinor: 239_970,
    });
    expect(result.lines).toEqual([
      { code: 'back_glass', label: expect.any(Object), amountMinor: 95_988, quantity: 1, unitMinor: 95_988 },
    ]);
    expect(result.chargeMinor).toBe(95_988);
    expect(result.settlement).toEqual({ captureMinor: 95_988, billMinor: 0, releaseMinor: 143_982 });
    expect(result.formula['zh-CN']).toBe('检测等级 C：后盖玻璃破损 ¥959.88 = ¥959.88');
  });

  it('grade C larger than the hold: the whole hold is captured and the rest billed', () => {
    const findings: InspectionFinding[] = [
      { code: 'screen' },
      { code: 'back_glass' },
      { code: 'missing_accessory', quantity: 2 },
    ];
    const result = settleInspection({ ...base, grade: 'C', findings, depositHeldMinor: 239_970 });
    // Screen 25 % = 199975, back glass 95988, two accessories 2 × 5000.
    expect(result.lines.map((l) => l.amountMinor)).toEqual([199_975, 95_988, 10_000]);
    expect(result.chargeMinor).toBe(305_963);
    expect(result.settlement).toEqual({ captureMinor: 239_970, billMinor: 65_993, releaseMinor: 0 });
  });

  it('bills the whole charge when the deposit was fully waived', () => {
    const result = settleInspection({ ...base, grade: 'C', findings: [{ code: 'camera' }], depositHeldMinor: 0 });
    expect(result.chargeMinor).toBe(119_985); // 15 % of 799900
    expect(result.settlement).toEqual({ captureMinor: 0, billMinor: 119_985, releaseMinor: 0 });
  });

  it('keeps the floors and caps of the price list: a ¥999 phone’s screen costs the ¥300 floor', () => {
    const cheap = priceInspection({
      ...base,
      marketPriceMinor: 99_900,
      grade: 'C',
      findings: [{ code: 'screen' }, { code: 'battery_below_80' }],
    });
    expect(cheap.lines.map((l) => l.amountMinor)).toEqual([30_000, 15_000]);
    const dear = priceInspection({
      ...base,
      marketPriceMinor: 1_999_900,
      grade: 'C',
      findings: [{ code: 'screen' }, { code: 'battery_below_80' }],
    });
    expect(dear.lines.map((l) => l.amountMinor)).toEqual([300_000, 70_000]);
  });

  it('never charges more for damage than for the phone: grade C is capped at the residual value', () => {
    const result = priceInspection({
      ...base,
      grade: 'C',
      findings: [{ code: 'activation_lock' }, { code: 'screen' }],
    });
    expect(result.lines.map((l) => [l.code, l.amountMinor])).toEqual([
      ['activation_lock', residual12Months],
      ['screen', 199_975],
      ['cap_at_residual_value', -199_975],
    ]);
    expect(result.chargeMinor).toBe(residual12Months);
  });

  it('grade D charges the residual value, captured from the hold, the rest released', () => {
    const result = settleInspection({ ...base, grade: 'D', findings: [], depositHeldMinor: 799_900 });
    expect(result.chargeMinor).toBe(residual12Months);
    expect(result.settlement).toEqual({ captureMinor: 479_940, billMinor: 0, releaseMinor: 319_960 });
  });

  it('refuses findings that do not fit the grade', () => {
    expect(codeOf(() => priceInspection({ ...base, grade: 'B', findings: [{ code: 'screen' }] }))).toBe(
      'RENTAL_INSPECTION_INVALID',
    );
    expect(codeOf(() => priceInspection({ ...base, grade: 'C', findings: [] }))).toBe('RENTAL_INSPECTION_INVALID');
    expect(codeOf(() => priceInspection({ ...base, grade: 'C', findings: [{ code: 'water' }] }))).toBe(
      'RENTAL_INSPECTION_INVALID',
    );
    expect(codeOf(() => priceInspection({ ...base, grade: 'C', findings: [{ code: 'screen', quantity: 2 }] }))).toBe(
      'RENTAL_INSPECTION_INVALID',
    );
    expect(
      codeOf(() => priceInspection({ ...base, grade: 'C', findings: [{ code: 'screen' }, { code: 'screen' }] })),
    ).toBe('RENTAL_INSPECTION_INVALID');
  });
});

describe('damage price list', () => {
  it('accepts the defaults and an operator’s own items', () => {
    expect(parseDamagePriceList(structuredClone(defaultDamagePriceList))).toHaveLength(6);
    const own = [
      {
        code: 'water_damage',
        label: { 'zh-CN': '进水', en: 'Water damage' },
        price: { kind: 'fixed', amountMinor: 80_000 },
        countable: false,
      },
    ];
    expect(parseDamagePriceList(own)).toEqual(own);
  });

  it('names every bad entry', () => {
    try {
      parseDamagePriceList([
        {
          code: 'screen',
          label: { 'zh-CN': '屏', en: 'Screen' },
          price: { kind: 'share_of_market_price', bps: 2_500, minMinor: 500, maxMinor: 100 },
          countable: false,
        },
        {
          code: 'screen',
          label: { 'zh-CN': '屏', en: 'Screen' },
          price: { kind: 'fixed', amountMinor: 1 },
          countable: false,
        },
      ]);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('RENTAL_DAMAGE_PRICE_LIST_INVALID');
      expect(isAppError(e) && e.errors.map((x) => x.path)).toEqual(['/body/0/price/minMinor', '/body/1/code']);
    }
    expect(
      codeOf(() => parseDamagePriceList([{ code: 'Bad Code', label: {}, price: { kind: 'free' }, countable: 1 }])),
    ).toBe('RENTAL_DAMAGE_PRICE_LIST_INVALID');
  });
});

describe('money at settlement', () => {
  const amount = fc.oneof(fc.constantFrom(0, 1, 100_000_000), fc.integer({ min: 0, max: 100_000_000 }));

  it('captures + bills = charge and captures + releases = deposit held, for any charge and hold', () => {
    fc.assert(
      fc.property(amount, amount, (chargeMinor, depositHeldMinor) => {
        const s = settleDeposit({ chargeMinor, depositHeldMinor });
        for (const v of Object.values(s)) {
          expect(Number.isSafeInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(s.captureMinor + s.billMinor).toBe(chargeMinor);
        expect(s.captureMinor + s.releaseMinor).toBe(depositHeldMinor);
        expect(s.billMinor > 0 && s.releaseMinor > 0).toBe(false);
      }),
    );
  });

  const finding = fc.record({
    code: fc.constantFrom('screen', 'back_glass', 'camera', 'battery_below_80', 'missing_accessory', 'activation_lock'),
    quantity: fc.integer({ min: 1, max: 10 }),
  });
  const date = fc.constantFrom('2027-01-31', '2027-02-28', '2028-02-29', '2029-03-31', '2031-12-31');

  it('prices any inspection as non-negative integer lines adding up, grade C never above the residual value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<InspectionGrade>('A', 'B', 'C', 'D'),
        fc.uniqueArray(finding, { selector: (f) => f.code, minLength: 1, maxLength: 6 }),
        amount,
        date,
        amount,
        (grade, raw, marketPriceMinor, inspectedOn, depositHeldMinor) => {
          const findings =
            grade === 'C'
              ? raw.map((f) => ({ code: f.code, quantity: f.code === 'missing_accessory' ? f.quantity : 1 }))
              : [];
          const r = settleInspection({ ...base, marketPriceMinor, inspectedOn, grade, findings, depositHeldMinor });
          expect(Number.isSafeInteger(r.chargeMinor)).toBe(true);
          expect(r.chargeMinor).toBeGreaterThanOrEqual(0);
          expect(r.lines.reduce((s, l) => s + l.amountMinor, 0)).toBe(r.chargeMinor);
          if (grade === 'A' || grade === 'B') expect(r.chargeMinor).toBe(0);
          if (grade === 'C') expect(r.chargeMinor).toBeLessThanOrEqual(r.residualValueMinor);
          if (grade === 'D') expect(r.chargeMinor).toBe(r.residualValueMinor);
          expect(r.settlement.captureMinor + r.settlement.billMinor).toBe(r.chargeMinor);
          expect(r.settlement.captureMinor + r.settlement.releaseMinor).toBe(depositHeldMinor);
        },
      ),
    );
  });
});
