import { describe, expect, test } from 'vitest';
import { segmentWords } from './segment';

describe('segmentWords', () => {
  test('cuts Chinese into words and keeps trade words whole', () => {
    expect(segmentWords('碎屏险怎么买？押金什么时候退还')).toEqual([
      '碎屏险',
      '怎么',
      '买',
      '押金',
      '什么',
      '时候',
      '退还',
    ]);
  });

  test('mixed text: Latin words lower-cased, punctuation and spaces dropped', () => {
    expect(segmentWords('我的iPhone 16 Pro屏幕有划痕！')).toEqual([
      '我',
      '的',
      'iphone',
      '16',
      'pro',
      '屏幕',
      '有',
      '划痕',
    ]);
  });

  test('English keeps contractions and hyphenated words as one word', () => {
    expect(segmentWords("I didn't get my deposit back — the e-contract said 3 days.")).toEqual([
      'i',
      "didn't",
      'get',
      'my',
      'deposit',
      'back',
      'the',
      'e-contract',
      'said',
      '3',
      'days',
    ]);
  });

  test('full-width letters and digits read as half-width', () => {
    expect(segmentWords('ＡＢＣ１２３')).toEqual(['abc123']);
  });

  test('search mode also yields the words inside long ones', () => {
    expect(segmentWords('自动扣款失败', { mode: 'search' })).toEqual(['自动', '扣款', '自动扣款', '失败']);
  });
});
