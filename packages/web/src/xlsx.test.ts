import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { buildXlsx, columnName, moneyCellValue } from './xlsx';

describe('the console export workbook', () => {
  test('money texts become exact yuan amounts; anything else is not money', () => {
    expect(moneyCellValue('¥1,234.56')).toBe('1234.56');
    expect(moneyCellValue('-¥50.00')).toBe('-50.00');
    expect(moneyCellValue('−¥0.05')).toBe('-0.05');
    expect(moneyCellValue('¥0.00')).toBe('0.00');
    expect(moneyCellValue('-¥0.00')).toBe('0.00');
    expect(moneyCellValue('¥1,000,000.00')).toBe('1000000.00');
    expect(moneyCellValue(' ¥7 ')).toBe('7.00');
    // Not money: ids, phones, dates, two amounts, a thousands group of the wrong size.
    for (const text of ['13800138000', '2026-12-03', '¥1,23.00', '¥1 / ¥2', '¥', 'bill_01', '¥1.234', '¥12,34']) {
      expect(moneyCellValue(text), text).toBeNull();
    }
  });

  test('column letters run A…Z, AA…AZ, BA', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  test('a sheet of what people saw: bold frozen header, money as numbers, ids and phones as text', () => {
    const bytes = buildXlsx({
      sheet: '账单 / bills?',
      header: ['账单', '客户', '应付', '备注'],
      rows: [
        ['6月租金', '张* 138****0000', '¥259.00', '<"a" & b>'],
        ['bill_007', '0013800138000', '-¥1,234.50', ''],
      ],
    });
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t>账单</t></is></c>');
    expect(sheet).toContain('state="frozen"');
    expect(sheet).toContain('<c r="C2" s="2"><v>259.00</v></c>');
    expect(sheet).toContain('<c r="C3" s="2"><v>-1234.50</v></c>');
    expect(sheet).toContain('<c r="B3" t="inlineStr"><is><t>0013800138000</t></is></c>');
    expect(sheet).toContain('<t>&lt;&quot;a&quot; &amp; b&gt;</t>');
    expect(sheet).not.toContain('r="D3"');
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(workbook).toContain('<sheet name="账单   bills" sheetId="1" r:id="rId1"/>');
    expect(strFromU8(files['xl/styles.xml']!)).toContain('numFmtId="164"');
  });

  test('a count (points) is a whole number in a #,##0 format, never text', () => {
    const bytes = buildXlsx({
      sheet: 'points',
      header: ['科目', '借方'],
      rows: [
        ['2300 积分负债', { integer: 1_234_567 }],
        ['合计', { integer: -50 }],
      ],
    });
    const files = unzipSync(bytes);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet).toContain('<c r="B2" s="3"><v>1234567</v></c>');
    expect(sheet).toContain('<c r="B3" s="3"><v>-50</v></c>');
    expect(sheet).not.toContain('1,234,567');
    // Style 3 is Excel's built-in thousands-separated integer format.
    expect(strFromU8(files['xl/styles.xml']!)).toContain('<cellXfs count="4">');
    expect(strFromU8(files['xl/styles.xml']!)).toContain(
      '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
    );
    expect(() => buildXlsx({ sheet: 's', header: ['h'], rows: [[{ integer: 1.5 }]] })).toThrow(RangeError);
  });

  test('more rows than an export may hold are refused', () => {
    const rows = Array.from({ length: 100_001 }, () => ['x']);
    expect(() => buildXlsx({ sheet: 's', header: ['h'], rows })).toThrow(RangeError);
  });
});
