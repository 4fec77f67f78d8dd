import { expect, test } from 'vitest';
import { annualisedRateBps } from './offer-rules';
import { brandKeyOf, brandOfToken, queryTokens, searchDocument, tokenMatch } from './search-text';

test('a query is cut at spaces and between Chinese and Latin, storage spelled one way', () => {
  expect(queryTokens('苹果 256G')).toEqual(['苹果', '256g']);
  expect(queryTokens('华为mate70 1TB')).toEqual(['华为', 'mate70', '1t']);
  expect(queryTokens('ＩＰｈｏｎｅ　Pro  pro')).toEqual(['iphone', 'pro']);
  expect(queryTokens('100%_off')).toEqual(['100', 'off']);
});

test('the document carries the brand in both languages and the storage as people write it', () => {
  const doc = searchDocument({
    brand: 'huawei',
    model: 'Mate 80 Pro',
    series: 'Mate',
    storageGb: 1024,
    colour: '曜石黑',
    condition: 'used_99',
  });
  for (const word of ['华为', 'huawei', 'mate80pro', ' 1tb', ' 1024g', '曜石黑', '99新']) expect(doc).toContain(word);
  expect(brandKeyOf('苹果')).toBe('apple');
  expect(brandKeyOf('Samsung')).toBe('samsung');
  expect(brandKeyOf('Nothing')).toBe('nothing');
  expect(brandOfToken('荣耀')).toBe('honor');
  expect(brandOfToken('iphone')).toBeNull();
});

test('Latin tokens match word starts, numbers whole, Chinese anywhere', () => {
  expect(tokenMatch('pro')).toEqual({ like: '% pro%', regex: null });
  expect(tokenMatch('12')).toEqual({ like: '% 12%', regex: ' 12([^0-9]|$)' });
  expect(tokenMatch('黑')).toEqual({ like: '%黑%', regex: null });
  expect(tokenMatch('a_b').like).toBe('% a\\_b%');
});

test('the annualised rate of a fee offer is its IRR, not the fee times twelve', () => {
  expect(
    annualisedRateBps({ termMonths: 12, annualRateBps: 600, feeRateBpsPerPeriod: 0, method: 'equal_installment' }),
  ).toBe(600);
  // 0.3 % a month on the original principal over 24 months: about 6.9 % a year, not 3.6 %.
  const rate = annualisedRateBps({
    termMonths: 24,
    annualRateBps: 0,
    feeRateBpsPerPeriod: 30,
    method: 'equal_installment',
  });
  expect(rate).toBeGreaterThan(650);
  expect(rate).toBeLessThan(720);
});
