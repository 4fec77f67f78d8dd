import { expect, test } from 'vitest';
import {
  locales,
  negotiateLocale,
  type ParamKind,
  renderNotification,
  renderSms,
  type TemplateDefinition,
  templateProblems,
  templates,
} from './templates';
import { walletEventTypes } from './wallet-subscribers';

const catalog = Object.entries(templates) as [string, TemplateDefinition][];

const sample: Record<ParamKind, string | number> = {
  money: 123_456,
  count: 2500,
  instant: '2026-03-05T02:00:00Z',
  date: '2026-03-10',
  text: '138****5678',
  userText: '周五聚餐',
};

function sampleParams(definition: TemplateDefinition) {
  return Object.fromEntries(Object.entries(definition.params).map(([name, kind]) => [name, sample[kind]]));
}

test('every template has a title and a body in every language, using exactly its declared parameters', () => {
  expect(catalog.length).toBeGreaterThanOrEqual(15);
  expect(catalog.flatMap(([key, definition]) => templateProblems(key, definition))).toEqual([]);
});

test('the completeness check catches a missing language, a missing or undeclared parameter, and free text in an SMS', () => {
  const good = templates['wallet.top_up_succeeded'];
  const withText = (text: Partial<TemplateDefinition['text']>): TemplateDefinition =>
    ({ ...good, text }) as TemplateDefinition;
  expect(templateProblems('t', withText({ 'zh-CN': good.text['zh-CN'] }))).toEqual(['t: no en text']);
  expect(
    templateProblems('t', withText({ ...good.text, en: { title: 'Top-up received', body: 'Money arrived.' } })),
  ).toEqual(['t: en never says {amountMinor}']);
  expect(
    templateProblems('t', withText({ ...good.text, en: { title: 'Hi {name}', body: '{amountMinor} arrived.' } })),
  ).toEqual(['t: en refers to undeclared {name}']);
  expect(templateProblems('t', withText({ ...good.text, en: { title: ' ', body: '{amountMinor}' } }))).toEqual([
    't: empty en title',
  ]);
  const request = templates['wallet.bill_split_requested'];
  const noOverride: TemplateDefinition = {
    ...request,
    text: { 'zh-CN': { title: request.text['zh-CN'].title, body: request.text['zh-CN'].body }, en: request.text.en },
  };
  expect(templateProblems('t', noOverride)).toEqual([
    't: zh-CN SMS would carry customer-written text',
    't: an SMS text in one language only',
  ]);
});

test('rendered texts have no placeholder left and show money as yuan', () => {
  for (const [key, definition] of catalog) {
    for (const locale of locales) {
      const params = sampleParams(definition);
      const { title, body } = renderNotification(key, params, { locale, timeZone: 'Asia/Shanghai' });
      expect(`${title}${body}`, `${key} ${locale}`).not.toMatch(/[{}]/);
      if (Object.values(definition.params).includes('money')) expect(body, key).toContain('¥1,234.56');
      if (definition.sms) expect(renderSms(key, params, { locale, timeZone: 'Asia/Shanghai' })).not.toMatch(/[{}]/);
    }
  }
});

test('customer-written text never goes into an SMS', () => {
  for (const [key, definition] of catalog) {
    if (!definition.sms) continue;
    const params = sampleParams(definition);
    for (const locale of locales) {
      expect(renderSms(key, params, { locale, timeZone: 'Asia/Shanghai' }), key).not.toContain(sample.userText);
    }
  }
  const request = templates['wallet.bill_split_requested'];
  const inApp = renderNotification('wallet.bill_split_requested', sampleParams(request), {
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
  });
  expect(inApp.body).toBe('138****5678 发起了 AA 收款「周五聚餐」，您需支付 ¥1,234.56。');
});

test('the SMS carries the signature of its language; instants are local time', () => {
  expect(
    renderSms('wallet.top_up_succeeded', { amountMinor: 10_000 }, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' }),
  ).toBe('【Zulin租赁】充值成功：您已成功充值 ¥100.00，已存入钱包余额。');
  expect(
    renderSms('wallet.top_up_succeeded', { amountMinor: 10_000 }, { locale: 'en', timeZone: 'Asia/Shanghai' }),
  ).toBe('[Zulin] Top-up received: Your top-up of ¥100.00 is in your wallet.');
  const opened = renderNotification(
    'wallet.dispute_opened',
    { slaDueAt: '2026-03-05T16:30:00Z' },
    { locale: 'en', timeZone: 'Asia/Shanghai' },
  );
  expect(opened.body).toBe('We have received your dispute and will resolve it by 2026-03-06 00:30.');
});

test('Accept-Language picks the supported language with the highest weight, zh-CN otherwise', () => {
  expect(negotiateLocale(undefined)).toBe('zh-CN');
  expect(negotiateLocale('en')).toBe('en');
  expect(negotiateLocale('en-US,en;q=0.9')).toBe('en');
  expect(negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
  expect(negotiateLocale('fr-FR, en;q=0.5, zh;q=0.7')).toBe('zh-CN');
  expect(negotiateLocale('fr-FR, en;q=0.8, zh;q=0.7')).toBe('en');
  expect(negotiateLocale('zh-Hans;q=0, en;q=0.1')).toBe('en');
  expect(negotiateLocale('de, fr')).toBe('zh-CN');
});

test('every wallet event that concerns a customer has a subscriber', () => {
  expect(walletEventTypes.sort()).toEqual(
    [
      'wallet.top_up_succeeded',
      'wallet.withdrawal_succeeded',
      'wallet.withdrawal_failed',
      'wallet.transfer_sent',
      'wallet.bill_split_requested',
      'wallet.bill_split_settled',
      'wallet.bill_split_expired',
      'wallet.bank_card_removed',
      'wallet.points_awarded',
      'wallet.cashback_granted',
      'wallet.dispute_opened',
      'wallet.dispute_resolved',
      'wallet.dispute_sla_breached',
    ].sort(),
  );
});
