import { describe, expect, it } from 'vitest';
import { fullAddressLine, maskName, maskPhone } from './address';

describe('privacy on the label', () => {
  it('masks names and phone numbers', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('王五')).toBe('王*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('Lee')).toBe('L*e');
    expect(maskName('李')).toBe('*');
    expect(maskPhone('+8613912345678')).toBe('139****5678');
  });

  it('writes a municipality once', () => {
    expect(
      fullAddressLine({
        name: '',
        phone: '',
        province: '北京市',
        city: '北京市',
        district: '海淀区',
        line: '中关村大街 1 号',
      }),
    ).toBe('北京市海淀区中关村大街 1 号');
    expect(
      fullAddressLine({
        name: '',
        phone: '',
        province: '广东省',
        city: '深圳市',
        district: '南山区',
        line: '高新南一道 9 号',
      }),
    ).toBe('广东省深圳市南山区高新南一道 9 号');
  });
});
