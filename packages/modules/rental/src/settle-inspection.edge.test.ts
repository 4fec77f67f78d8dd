// The inspection's edges: each refusal with the field it points at and the words the inspector reads,
// the cap line exactly at the residual value, the formula texts in both languages (they are printed
// on the settlement the customer receives), and the deposit split's input checks.
import { isAppError } from '@zulin/kernel';
import { describe, expect, it } from 'vitest';
import { defaultDamagePriceList } from './damage-price-list';
import { RentalLimits } from './limits';
import { type InspectionFinding, inspectionGrades, priceInspection, settleDeposit } from './settle-inspection';

// An iPhone 16 Pro at ¥7,999, rented from 2027-01-31, inspected after 12 whole months: residual ¥4,799.40.
const base = {
  priceList: defaultDamagePriceList,
  marketPriceMinor: 799_900,
  rentStartDate: '2027-01-31',
  inspectedOn: '2028-02-05',
};
const residual12Months = 479_940;

/** The refusal's problem: code, detail and the field errors, or "accepted". */
function refusalOf(findings: InspectionFinding[], grade: 'A' | 'B' | 'C' | 'D' = 'C') {
  try {
    priceInspection({ ...base, grade, findings });
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { code: e.code, detail: e.detail, errors: e.errors };
  }
  return 'accepted';
}

const refused = (detail: string, path: string) => ({
  code: 'RENTAL_INSPECTION_INVALID',
  detail,
  errors: [{ path, message: detail }],
});

describe('inspection edges', () => {
  it('grades are A, B, C, D in that order', () => {
    expect(inspectionGrades).toEqual(['A', 'B', 'C', 'D']);
  });

  it('says which finding is wrong and why', () => {
    expect(refusalOf([{ code: 'screen' }], 'B')).toEqual(
      refused('Grade B takes no damage items; grade C is for priced damage.', '/body/findings'),
    );
    expect(refusalOf([{ code: 'screen' }], 'D')).toEqual(
      refused('Grade D takes no damage items; grade C is for priced damage.', '/body/findings'),
    );
    expect(refusalOf([])).toEqual(refused('Grade C needs at least one damage item.', '/body/findings'));
    expect(refusalOf([{ code: 'screen' }, { code: 'water' }])).toEqual(
      refused('"water" is not on the damage price list.', '/body/findings/1/code'),
    );
    expect(refusalOf([{ code: 'camera' }, { code: 'screen' }, { code: 'camera' }])).toEqual(
      refused('"camera" is listed twice; give a quantity instead.', '/body/findings/2/code'),
    );
    expect(refusalOf([{ code: 'screen', quantity: 2 }])).toEqual(
      refused('The quantity of "screen" must be 1–1.', '/body/findings/0/quantity'),
    );
  });

  it('takes 1 to 10 of a countable item, whole numbers only', () => {
    const accessory = (quantity: number) => [{ code: 'screen' }, { code: 'missing_accessory', quantity }];
    const bad = refused('The quantity of "missing_accessory" must be 1–10.', '/body/findings/1/quantity');
    expect(refusalOf(accessory(0))).toEqual(bad);
    expect(refusalOf(accessory(-1))).toEqual(bad);
    expect(refusalOf(accessory(1.5))).toEqual(bad);
    expect(refusalOf(accessory(RentalLimits.findingQuantityMax + 1))).toEqual(bad);
    const ten = priceInspection({ ...base, grade: 'C', findings: accessory(RentalLimits.findingQuantityMax) });
    expect(ten.lines[1]).toMatchObject({ quantity: 10, unitMinor: 5_000, amountMinor: 50_000 });
    expect(priceInspection({ ...base, grade: 'C', findings: accessory(1) }).lines[1]?.amountMinor).toBe(5_000);
  });

  it('refuses more than 30 damage items before reading them, and reads 30', () => {
    const many = (n: number) => Array.from({ length: n }, () => ({ code: 'screen' }));
    expect(refusalOf(many(RentalLimits.inspectionFindingsMax + 1))).toEqual(
      refused('Too many damage items.', '/body/findings'),
    );
    // 30 are read (and the second screen is the duplicate).
    expect(refusalOf(many(RentalLimits.inspectionFindingsMax))).toEqual(
      refused('"screen" is listed twice; give a quantity instead.', '/body/findings/1/code'),
    );
  });

  it('adds no cap line when the damage equals the residual value exactly', () => {
    // Activation lock is priced at the residual value itself.
    const exact = priceInspection({ ...base, grade: 'C', findings: [{ code: 'activation_lock' }] });
    expect(exact.lines.map((l) => [l.code, l.amountMinor])).toEqual([['activation_lock', residual12Months]]);
    expect(exact.chargeMinor).toBe(residual12Months);
    const over = priceInspection({ ...base, grade: 'C', findings: [{ code: 'activation_lock' }, { code: 'camera' }] });
    expect(over.lines.at(-1)).toEqual({
      code: 'cap_at_residual_value',
      label: { 'zh-CN': '以手机残值封顶', en: 'Capped at the phone’s residual value' },
      amountMinor: -119_985,
    });
    expect(over.formula).toEqual({
      'zh-CN':
        '检测等级 C：激活锁（账号锁）未解除 ¥4,799.40 + 摄像头损坏（镜片碎裂、无法对焦） ¥1,199.85 + 以手机残值封顶 -¥1,199.85 = ¥4,799.40',
      en: 'Grade C: Activation lock not removed ¥4,799.40 + Camera damage (cracked lens, cannot focus) ¥1,199.85 + Capped at the phone’s residual value -¥1,199.85 = ¥4,799.40',
    });
  });

  it('writes the formula the customer reads for every grade, in both languages', () => {
    for (const grade of ['A', 'B'] as const) {
      expect(priceInspection({ ...base, grade, findings: [] }).formula).toEqual({
        'zh-CN': `检测等级 ${grade}：无损坏费用`,
        en: `Grade ${grade}: no charge`,
      });
    }
    const d = priceInspection({ ...base, grade: 'D', findings: [] });
    expect(d.lines).toEqual([
      {
        code: 'residual_value',
        label: { 'zh-CN': '手机残值（无法修复或遗失）', en: 'Residual value (beyond repair or lost)' },
        amountMinor: residual12Months,
      },
    ]);
    expect(d.formula).toEqual({
      'zh-CN': '检测等级 D：按残值收取 = 市场价按 24 个月直线折旧至 20% = ¥4,799.40',
      en: 'Grade D: the residual value = market price depreciated straight-line over 24 months to 20 % = ¥4,799.40',
    });
    expect(d.residualValueMinor).toBe(residual12Months);
  });

  it('refuses a negative or fractional charge or hold by name', () => {
    expect(() => settleDeposit({ chargeMinor: -1, depositHeldMinor: 0 })).toThrow(/chargeMinor/);
    expect(() => settleDeposit({ chargeMinor: 0, depositHeldMinor: 0.5 })).toThrow(/depositHeldMinor/);
    expect(settleDeposit({ chargeMinor: 0, depositHeldMinor: 0 })).toEqual({
      captureMinor: 0,
      billMinor: 0,
      releaseMinor: 0,
    });
  });
});
