import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { defaultClassificationRules } from './classify/default-rules';
import { type DraftFeedbackOptions, draftFeedback, type FeedbackOrder } from './draft-feedback';
import { handlerView } from './handler-view';
import { defaultQuestions } from './questions';

const key = randomBytes(32);
async function encrypt(plaintext: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

const endedOrder: FeedbackOrder = {
  orderId: 'ord_01',
  phase: 'ended',
  endedOn: '2025-03-01',
  alreadyRated: false,
  facts: { inspectionChargedMinor: 30_000 },
  productId: 'prd_iphone15',
  model: 'iPhone 15',
  warehouseId: 'wh_shanghai',
  carrier: 'SF',
};

const base: DraftFeedbackOptions = {
  id: 'fb_01',
  now: new Date('2025-03-20T04:00:00Z'),
  today: '2025-03-20',
  customerId: 'cus_01',
  entry: 'rating',
  order: endedOrder,
  rating: 'bad',
  text: '  归还时后盖的划痕收到时就有，却扣了押金。 ',
  questions: defaultQuestions,
  answers: [{ questionKey: 'recommend', version: 1, value: 3 }],
  attachments: [
    { kind: 'image', key: `${'a'.repeat(64)}.jpg` },
    { kind: 'image', key: `${'b'.repeat(64)}.jpg` },
  ],
  anonymous: false,
  encrypt,
  rules: defaultClassificationRules,
};

describe('drafting a feedback', () => {
  test('a rating of an ended rental with two photos and an NPS answer, classified with the order facts', async () => {
    const record = await draftFeedback(base);
    expect(record).toMatchObject({
      timing: 'after_rental',
      author: { kind: 'named', customerId: 'cus_01', orderId: 'ord_01' },
      rating: 'bad',
      text: '归还时后盖的划痕收到时就有，却扣了押金。',
      category: 'billing',
      mediaKeys: [`${'a'.repeat(64)}.jpg`, `${'b'.repeat(64)}.jpg`],
      model: 'iPhone 15',
      valuable: false,
    });
  });

  test('an anonymous rating keeps the analysis dimensions but shows no author', async () => {
    const record = await draftFeedback({ ...base, anonymous: true });
    expect(record.author.kind).toBe('anonymous');
    const shown = JSON.stringify(handlerView(record, null));
    expect(shown).not.toContain('cus_01');
    expect(shown).not.toContain('ord_01');
    expect(shown).toContain('iPhone 15');
  });

  test('a rating after the window is refused; so is a rating with no rating', async () => {
    await expect(draftFeedback({ ...base, today: '2025-04-01' })).rejects.toMatchObject({
      code: 'FEEDBACK_RATING_WINDOW_CLOSED',
    });
    await expect(draftFeedback({ ...base, rating: null })).rejects.toMatchObject({
      code: 'FEEDBACK_TEXT_INVALID',
      errors: [{ path: '/rating', message: 'Choose good, neutral or bad' }],
    });
  });

  test('general feedback during a rental is instant feedback; without an order it is general', async () => {
    const onRent = { ...endedOrder, phase: 'on_rent' as const, endedOn: null };
    const during = await draftFeedback({
      ...base,
      entry: 'general',
      order: onRent,
      rating: null,
      text: 'App 扣款页面白屏',
    });
    expect([during.timing, during.category]).toEqual(['during_rental', 'app']);
    const general = await draftFeedback({ ...base, entry: 'general', order: null, rating: 'good', text: '' });
    expect([general.timing, general.category, general.author]).toEqual([
      'general',
      null,
      { kind: 'named', customerId: 'cus_01', orderId: null },
    ]);
  });

  test('an empty feedback, too many photos, or a bad answer are refused', async () => {
    const empty = { ...base, entry: 'general' as const, rating: null, text: ' ', answers: [] };
    await expect(draftFeedback(empty)).rejects.toMatchObject({ code: 'FEEDBACK_TEXT_INVALID' });
    const tenPhotos = Array.from({ length: 10 }, (_, i) => ({
      kind: 'image' as const,
      key: `${String(i).repeat(64)}.jpg`,
    }));
    await expect(draftFeedback({ ...base, attachments: tenPhotos })).rejects.toMatchObject({
      code: 'FEEDBACK_ATTACHMENTS_TOO_MANY',
    });
    await expect(
      draftFeedback({ ...base, answers: [{ questionKey: 'recommend', version: 1, value: 11 }] }),
    ).rejects.toMatchObject({ code: 'FEEDBACK_ANSWERS_INVALID' });
  });
});
