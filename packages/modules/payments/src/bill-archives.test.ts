// The bill containers (bill-archives.ts) and the bills' amounts: a ZIP written then read gives the
// same files (deflated or stored), a damaged one is refused with a stable code, GBK text survives the
// round trip, and bill amounts in yuan — payments and Alipay's negative refunds — come to exact fen.
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeGbk, encodeGbk, readZip, writeZip } from './bill-archives';
import { parseAlipayBill, parseWechatTradeBill, writeAlipayBill, writeWechatTradeBill } from './statements';

const at = new Date('2026-12-05T02:00:00Z');

/** A one-file ZIP with the file stored (method 0), as some tools write small files. */
function storedZip(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(0x0800, 6);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(30 + nameBytes.length + data.length, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

describe('bill archives', () => {
  test('GBK: 中文 is two bytes a character, ASCII one; decoded back exactly', () => {
    const text = '#支付宝业务明细查询,订单金额（元）,abc 123';
    const bytes = encodeGbk(text);
    expect(encodeGbk('中文')).toEqual(Buffer.from([0xd6, 0xd0, 0xce, 0xc4]));
    expect(bytes.length).toBe(Buffer.byteLength(text, 'latin1') + [...text].filter((c) => c > '\u007f').length);
    expect(decodeGbk(bytes)).toBe(text);
    // A character GBK lacks is written as ?.
    expect(decodeGbk(encodeGbk('a😀b'))).toBe('a?b');
  });

  test('property: any text of ASCII and common Chinese survives GBK both ways', () => {
    const chars = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('（', '）', '：', '，', '￥'),
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 60 }), (list) => {
        const text = list.join('');
        expect(decodeGbk(encodeGbk(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  test('a ZIP written then read: the same files, names in GBK', () => {
    const files = [
      { name: '20880156_20261205_业务明细.csv', data: encodeGbk('#支付宝业务明细查询\r\n') },
      { name: '20880156_20261205_业务明细(汇总).csv', data: encodeGbk('合计,,0,0,0.00,0.00\r\n') },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ];
    const zip = writeZip(files, at);
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    // Names are GBK bytes without the UTF-8 flag, as Alipay writes them.
    expect(zip.includes(encodeGbk('业务明细'))).toBe(true);
    expect(zip.includes(Buffer.from('业务明细', 'utf8'))).toBe(false);
    expect(readZip(zip)).toEqual(files);
  });

  test('a stored (uncompressed) entry with a UTF-8 name is read too', () => {
    const data = Buffer.from('hello,账单\r\n', 'utf8');
    expect(readZip(storedZip('账单.csv', data))).toEqual([{ name: '账单.csv', data }]);
  });

  test('a damaged archive is refused as unreadable, never half read', () => {
    const zip = writeZip([{ name: 'a.csv', data: Buffer.from('x'.repeat(500)) }], at);
    expect(() => readZip(Buffer.from('not a zip at all, not even close'))).toThrow(
      expect.objectContaining({ code: 'PAYMENTS_STATEMENT_UNREADABLE' }),
    );
    expect(() => readZip(zip.subarray(0, zip.length - 30))).toThrow(
      expect.objectContaining({ code: 'PAYMENTS_STATEMENT_UNREADABLE' }),
    );
    // One byte of the stored data flipped: the CRC-32 (or inflate) catches it.
    const stored = storedZip('a.csv', Buffer.from('0.10,1234.56'));
    const flipped = Buffer.from(stored);
    const dataAt = 30 + 'a.csv'.length + 2;
    flipped[dataAt] = (flipped[dataAt] ?? 0) ^ 0x01;
    expect(() => readZip(flipped)).toThrow(expect.objectContaining({ code: 'PAYMENTS_STATEMENT_UNREADABLE' }));
  });
});

describe('bill amounts', () => {
  const alipayRow = (tradeNo: string, kind: '交易' | '退款', amount: string, fee: string) =>
    [
      tradeNo,
      `out${tradeNo}`,
      kind,
      '租金',
      '2026-12-05 10:00:00',
      '2026-12-05 10:00:01',
      '',
      '',
      '',
      '',
      'payer@alipay',
      amount,
      amount,
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '0.00',
      '',
      '0.00',
      '0.00',
      kind === '退款' ? `R${tradeNo}` : '',
      fee,
      '0.00',
      '',
    ]
      .map((v) => `${v}\t`)
      .join(',');
  const alipayBill = (rows: string[]) => {
    const empty = writeAlipayBill({ sellerId: '2088' }, '2026-12-05', [], 'Asia/Shanghai', at).split('\r\n');
    // The header lines, the rows, then the footer lines (as Alipay writes them).
    return [...empty.slice(0, 5), ...rows, ...empty.slice(5)].join('\r\n');
  };

  test('yuan strings to fen exactly: 0.10, 1234.56, and a refund of -0.01', () => {
    const trades = parseAlipayBill(
      alipayBill([
        alipayRow('1', '交易', '0.10', '0.00'),
        alipayRow('2', '交易', '1234.56', '-7.41'),
        alipayRow('3', '退款', '-0.01', '0.00'),
      ]),
    );
    expect(trades.map((t) => [t.kind, t.amountMinor, t.feeMilliFen])).toEqual([
      ['payment', 10, 0],
      ['payment', 123_456, 741_000],
      ['refund', 1, 0],
    ]);
    // A UTF-8 byte-order mark before the file and padded header cells are not a different format.
    expect(parseAlipayBill(`\uFEFF${alipayBill([alipayRow('1', '交易', '0.10', '0.00')])}`)).toHaveLength(1);
  });

  test('WeChat: a REFUND row is read from 退款金额, a SUCCESS row from 应结订单总金额', () => {
    const bill = writeWechatTradeBill(
      { appId: 'wx', mchid: '1' },
      [{ outTradeNo: 'o1', channelTradeNo: 't1', amountMinor: 123_456, paidAt: at, description: '租金' }],
      'Asia/Shanghai',
    );
    const [header, row, ...rest] = bill.split('\r\n');
    const cells = (row ?? '').split(',');
    // The same trade refunded 0.01: 交易状态 REFUND, 退款金额 0.01.
    cells[9] = '`REFUND';
    cells[16] = '`0.01';
    const trades = parseWechatTradeBill([header, row, cells.join(','), ...rest].join('\r\n'));
    expect(trades.map((t) => [t.kind, t.amountMinor])).toEqual([
      ['payment', 123_456],
      ['refund', 1],
    ]);
  });

  test('property: any amount in fen written as yuan text (refunds negative at Alipay) reads back to the same fen', () => {
    const yuan = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            minor: fc.oneof(fc.constantFrom(1, 10, 99, 100, 123_456), fc.integer({ min: 1, max: 100_000_000_000 })),
            refund: fc.boolean(),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (rows) => {
          const trades = parseAlipayBill(
            alipayBill(
              rows.map((r, i) =>
                alipayRow(String(i), r.refund ? '退款' : '交易', `${r.refund ? '-' : ''}${yuan(r.minor)}`, '0.00'),
              ),
            ),
          );
          expect(trades.map((t) => [t.kind, t.amountMinor])).toEqual(
            rows.map((r) => [r.refund ? 'refund' : 'payment', r.minor]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
