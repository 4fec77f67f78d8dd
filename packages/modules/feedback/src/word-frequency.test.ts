import { describe, expect, test } from 'vitest';
import { feedbacksWithWord, isMeaningfulWord, meaningfulWords, topWords } from './word-frequency';

// A fixed sample of feedback as customers write it: complaints and praise, some long, some short,
// with the punctuation, spaces and mixed scripts of real input.
const sample: readonly string[] = [
  '收到的手机屏幕有一道划痕，客服说可以换机，但是物流太慢了，等了五天。',
  '押金退还很及时，验机当天就解冻了，客服态度也好。',
  '屏幕触摸有时候失灵，联系客服后给换了一台，换机很快。',
  '物流太慢，说好两天到，结果第四天才签收，快递员也没打电话。',
  '押金为什么还没解冻？归还已经一周了，客服一直说在处理。',
  '电池续航太差，半天就没电了，充电还发热。',
  '自动扣款扣了两次租金，客服核实后退款了，希望以后不要再出现。',
  'App老是闪退，提交订单的时候卡住，验证码也收不到。',
  '手机成色很新，屏幕没有任何划痕，物流也快，下次还租。',
  '免押额度太低，芝麻信用七百多只免了一部分押金。',
  '快递员态度很差，包装也破了，好在手机没事。',
  '屏幕亮度不够，户外看不清，电池也不耐用。',
  '租金比别家便宜，押金可以免，推荐给朋友了。',
  '客服回复太慢，在线等了半小时才有人接。',
  '归还时验机说后盖有划痕要扣押金，可是收到时就有，照片都拍了。',
  'The screen had a crack when it arrived and the courier left it at the door.',
  'Deposit refund took two weeks, support kept saying it was processing.',
  'Great battery life, fast delivery, the support agent was friendly.',
  'The app crashed every time I tried to upload photos of the screen.',
  'Auto-debit charged my card twice this month; the refund arrived after support checked it.',
];

describe('word frequency', () => {
  test('the top words of the fixed sample are the topics customers raise', () => {
    const top = topWords({ texts: sample, limit: 14 });
    expect(top.map((w) => `${w.word}:${w.texts}`)).toEqual([
      '客服:6',
      '押金:5',
      '屏幕:4',
      'support:3',
      '划痕:3',
      '太慢:3',
      '物流:3',
      'app:2',
      'refund:2',
      'screen:2',
      '归还:2',
      '快递员:2',
      '态度:2',
      '换机:2',
    ]);
  });

  test('no single character, punctuation, number or stop word reaches the list', () => {
    for (const { word } of topWords({ texts: sample, limit: 200 })) {
      expect(isMeaningfulWord(word)).toBe(true);
      expect(Array.from(word).length).toBeGreaterThan(1);
      expect(word).not.toMatch(/[\s，。！？、,.!?;:]/u);
    }
  });

  test('a word counts once per text for the ranking, every time for occurrences', () => {
    const [first, second] = topWords({ texts: ['屏幕屏幕屏幕坏了', '物流慢', '物流丢件'], limit: 2 });
    expect(first).toEqual({ word: '物流', texts: 2, occurrences: 2 });
    expect(second).toEqual({ word: '屏幕', texts: 1, occurrences: 3 });
  });

  test('the words of one text: trade words whole; filler, numerals and unknown single characters gone', () => {
    expect(meaningfulWords('免押额度太低，芝麻信用七百多只免了一部分押金。')).toEqual([
      '免押',
      '额度',
      '芝麻信用',
      '押金',
    ]);
    expect(meaningfulWords('The app crashed every time I tried to upload photos.')).toEqual([
      'app',
      'crashed',
      'upload',
      'photos',
    ]);
  });

  test('the analyst can pass other stop words', () => {
    const top = topWords({ texts: sample, limit: 1, stopWords: new Set(['客服']) });
    expect(top[0]?.word).toBe('押金');
  });
});

describe('drill-down', () => {
  test('the feedbacks behind a word, as a word and not inside another', () => {
    const entries = sample.map((text, i) => ({ feedbackId: `fb_${i}`, text }));
    expect(feedbacksWithWord(entries, '物流', 10).map((e) => e.feedbackId)).toEqual(['fb_0', 'fb_3', 'fb_8']);
    expect(feedbacksWithWord(entries, '押金', 2).map((e) => e.feedbackId)).toEqual(['fb_1', 'fb_4']);
  });
});
