// The channels' statement formats: what the sandbox writes, reconciliation reads back exactly — every
// amount to the fen, fees to a thousandth of a fen — whatever the amounts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PaymentsLimits } from './limits';
import {
  parseAlipayBill,
  parseFeeYuan,
  parseWechatTradeBill,
  writeAlipayBill,
  writeWechatTradeBill,
} from './statements';

const line = (amountMinor: number, i: number) => ({
  outTradeNo: `ZP${String(i).padStart(10, '0')}`,
  channelTradeNo: `4200${String(i).padStart(12, '0')}`,
  amountMinor,
  paidAt: new Date(Date.UTC(2026, 11, 1, 2, 0, i % 60)),
  description: '租金,12月',
});

describe('statements', () => {
  test('a WeChat trade bill: backtick values, fees with five decimals, the summary after the rows', () => {
    const text = writeWechatTradeBill(
      { appId: 'wx1', mchid: '1900000001' },
      [line(8_888, 1), line(1, 2)],
      'Asia/Shanghai',
    );
    const rows = text.split('\r\n');
    expect(rows[1]).toContain('`2026-12-01 10:00:01,`wx1,`1900000001');
    // 88.88 元 × 0.6 % = 0.53328 元; 0.01 元 × 0.6 % = 0.00006 元.
    expect(rows[1]).toContain(',`0.53328,`0.60%,');
    expect(rows[2]).toContain(',`0.00006,`0.60%,');
    expect(rows[4]).toBe('`2,`88.89,`0.00,`0.00,`0.53334,`88.89,`0.00');
    expect(parseWechatTradeBill(text)).toEqual([
      expect.objectContaining({ outTradeNo: 'ZP0000000001', amountMinor: 8_888, feeMilliFen: 53_328, kind: 'payment' }),
      expect.objectContaining({ outTradeNo: 'ZP0000000002', amountMinor: 1, feeMilliFen: 6 }),
    ]);
  });

  test('an Alipay detail bill: # lines around the table, service fee negative in fen', () => {
    const text = writeAlipayBill(
      { sellerId: '2088000000000001' },
      '2026-12-01',
      [line(8_888, 1)],
      'Asia/Shanghai',
      new Date(),
    );
    expect(text.split('\r\n')[0]).toBe('#支付宝业务明细查询');
    expect(text).toContain('-0.53\t');
    expect(parseAlipayBill(text)).toEqual([
      expect.objectContaining({
        outTradeNo: 'ZP0000000001',
        channelTradeNo: '4200000000000001',
        amountMinor: 8_888,
        feeMilliFen: 53_000,
      }),
    ]);
  });

  test('a file in the other format, or a float-looking amount, is refused', () => {
    const wechat = writeWechatTradeBill({ appId: 'wx1', mchid: '1' }, [line(100, 1)], 'Asia/Shanghai');
    expect(() => parseAlipayBill(wechat)).toThrow(/Not an Alipay/);
    expect(() => parseWechatTradeBill(wechat.replace('`1.00', '`1.001'))).toThrow();
    expect(parseFeeYuan('-0.53')).toBe(-53_000);
    expect(() => parseFeeYuan('1e3')).toThrow();
  });

  test('property: written then read, every amount comes back to the fen and the fees add up exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant(1),
            fc.constant(PaymentsLimits.paymentMaxMinor),
            fc.integer({ min: 1, max: PaymentsLimits.paymentMaxMinor }),
          ),
          {
            maxLength: 30,
          },
        ),
        (amounts) => {
          const lines = amounts.map(line);
          const wechat = parseWechatTradeBill(
            writeWechatTradeBill({ appId: 'wx', mchid: '1' }, lines, 'Asia/Shanghai'),
          );
          expect(wechat.map((t) => t.amountMinor)).toEqual(amounts);
          expect(wechat.map((t) => t.feeMilliFen)).toEqual(amounts.map((a) => Math.round((a * 1000 * 60) / 10_000)));
          const alipay = parseAlipayBill(
            writeAlipayBill({ sellerId: '2088' }, '2026-12-01', lines, 'Asia/Shanghai', new Date()),
          );
          expect(alipay.map((t) => t.amountMinor)).toEqual(amounts);
          // Alipay shows fees to the fen.
          expect(alipay.every((t) => t.feeMilliFen % 1000 === 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
