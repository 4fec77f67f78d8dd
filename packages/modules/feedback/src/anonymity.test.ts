import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { type FeedbackAuthor, feedbackAuthor, openAuthorLink, type SealedAuthorLink } from './author';
import { type AnonymousHandlerView, type FeedbackRecord, handlerView, maskContactDetails } from './handler-view';
import { thanksList, thanksName } from './thanks-list';
import { valuableAward, valuableAwardRef } from './valuable-award';

// Real AES-256-GCM, the cipher identity's envelope encryption uses, with a key made for the test.
const key = randomBytes(32);
async function encrypt(plaintext: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}
async function decrypt(ciphertext: string): Promise<string> {
  const bytes = Buffer.from(ciphertext, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

const customer = { customerId: 'cus_01JQ8ZK0000000000000000000', maskedName: '张*丰', maskedPhone: '138****5678' };
const link = { customerId: customer.customerId, orderId: 'ord_01JQ8ZK0000000000000000000' };

function record(author: FeedbackAuthor, text = '押金退得很快，客服小王很耐心。'): FeedbackRecord {
  return {
    id: 'fb_01JQ8ZM0000000000000000000',
    submittedAt: new Date('2025-03-12T06:03:27Z'),
    submittedOn: '2025-03-12',
    timing: 'after_rental',
    author,
    productId: 'prd_iphone16',
    model: 'iPhone 16 Pro',
    warehouseId: 'wh_sh',
    carrier: 'SF',
    rating: 'good',
    text,
    answers: [{ questionKey: 'recommend', version: 1, value: 10 }],
    mediaKeys: [],
    category: 'billing',
    categoryConfidencePct: 80,
    valuable: false,
  };
}

describe('anonymous feedback', () => {
  test('a handler never sees who wrote it: no customer id, order, name, phone, instant or sealed link', async () => {
    const author = await feedbackAuthor({
      feedbackId: 'fb_01JQ8ZM0000000000000000000',
      anonymous: true,
      link,
      encrypt,
    });
    const view = handlerView(record(author, '有问题打我电话 13812345678 或发邮件 zhang.san@example.com'), customer);
    const shown = JSON.stringify(view);
    for (const secret of [customer.customerId, link.orderId, '张', '5678', '13812345678', 'zhang.san', '06:03:27']) {
      expect(shown).not.toContain(secret);
    }
    expect(shown).not.toContain(author.kind === 'anonymous' ? author.sealed : 'never');
    expect(view.author).toBe('anonymous');
    expect(Object.keys(view).sort()).toEqual([
      'answers',
      'author',
      'carrier',
      'category',
      'categoryConfidencePct',
      'feedbackId',
      'mediaKeys',
      'model',
      'productId',
      'rating',
      'submittedOn',
      'text',
      'timing',
      'valuable',
      'warehouseId',
    ]);
    expect(view.text).toBe('有问题打我电话 *** 或发邮件 ***');
  });

  test('the anonymous view type has no room for the customer', () => {
    const view: AnonymousHandlerView = handlerView(
      record({ kind: 'anonymous', sealed: 'x' as SealedAuthorLink }),
      null,
    ) as AnonymousHandlerView;
    // @ts-expect-error an anonymous view cannot hold the customer id
    const withId: AnonymousHandlerView = { ...view, customerId: 'cus_1' };
    // @ts-expect-error nor the phone
    const withPhone: AnonymousHandlerView = { ...view, customerPhone: '138****5678' };
    // @ts-expect-error nor the order
    const withOrder: AnonymousHandlerView = { ...view, orderId: 'ord_1' };
    expect([withId, withPhone, withOrder].length).toBe(3);
  });

  test('the sealed link opens only with the key, and only on its own feedback', async () => {
    const author = await feedbackAuthor({
      feedbackId: 'fb_01JQ8ZM0000000000000000000',
      anonymous: true,
      link,
      encrypt,
    });
    if (author.kind !== 'anonymous') throw new Error('expected an anonymous author');
    expect(author.sealed).not.toContain('cus_');
    expect(await openAuthorLink('fb_01JQ8ZM0000000000000000000', author.sealed, decrypt)).toEqual(link);
    await expect(openAuthorLink('fb_other', author.sealed, decrypt)).rejects.toThrow('belongs to this feedback');
    const otherKey = randomBytes(32);
    const wrongDecrypt = async (c: string) => {
      const bytes = Buffer.from(c, 'base64url');
      const d = createDecipheriv('aes-256-gcm', otherKey, bytes.subarray(0, 12));
      d.setAuthTag(bytes.subarray(12, 28));
      return Buffer.concat([d.update(bytes.subarray(28)), d.final()]).toString('utf8');
    };
    await expect(openAuthorLink('fb_01JQ8ZM0000000000000000000', author.sealed, wrongDecrypt)).rejects.toThrow();
  });

  test('an "encryption" that returns its input is refused', async () => {
    await expect(
      feedbackAuthor({ feedbackId: 'fb_1', anonymous: true, link, encrypt: async (p) => p }),
    ).rejects.toThrow('does not contain the customer id');
  });

  test('contact details in free text are masked, other numbers kept', () => {
    expect(maskContactDetails('电话+86 138-1234-5678，身份证11010519900101123X，订单金额2999元')).toBe(
      '电话***，身份证***，订单金额2999元',
    );
  });
});

describe('named feedback', () => {
  test('shows the masked customer, the order and the instant', async () => {
    const author = await feedbackAuthor({
      feedbackId: 'fb_01JQ8ZM0000000000000000000',
      anonymous: false,
      link,
      encrypt,
    });
    const view = handlerView(record(author), customer);
    expect(view).toMatchObject({
      author: 'named',
      customerId: customer.customerId,
      customerName: '张*丰',
      customerPhone: '138****5678',
      orderId: link.orderId,
      submittedAt: '2025-03-12T06:03:27.000Z',
    });
  });
});

describe('valuable feedback points', () => {
  test('the award is keyed by the feedback, so marking twice awards once', async () => {
    const author = await feedbackAuthor({
      feedbackId: 'fb_01JQ8ZM0000000000000000000',
      anonymous: true,
      link,
      encrypt,
    });
    const first = await valuableAward({ feedbackId: 'fb_01JQ8ZM0000000000000000000', author, decrypt });
    const second = await valuableAward({ feedbackId: 'fb_01JQ8ZM0000000000000000000', author, decrypt });
    expect(first).toEqual({
      customerId: customer.customerId,
      points: 200,
      reason: '有价值的反馈',
      sourceRef: 'feedback:fb_01JQ8ZM0000000000000000000:valuable',
    });
    expect(second.sourceRef).toBe(first.sourceRef);
    expect(valuableAwardRef('fb_01JQ8ZM0000000000000000001')).not.toBe(first.sourceRef);
  });
});

describe('public thanks list', () => {
  test('surname and a star for Chinese names, the first name for Latin ones', () => {
    expect(thanksName('张三丰')).toBe('张*');
    expect(thanksName('张三')).toBe('张*');
    expect(thanksName('欧阳娜娜')).toBe('欧阳*');
    expect(thanksName('欧阳')).toBe('欧*');
    expect(thanksName('emily  BRONTË')).toBe('Emily');
    expect(thanksName('13812345678')).toBeNull();
  });

  test('only those who opted in, newest first, within the limit', () => {
    const list = thanksList(
      [
        { fullName: '李四', optedIn: true, thankedOn: '2025-03-01' },
        { fullName: '王五', optedIn: false, thankedOn: '2025-03-05' },
        { fullName: 'Oliver Twist', optedIn: true, thankedOn: '2025-03-03' },
        { fullName: '赵六', optedIn: true, thankedOn: '2025-02-20' },
      ],
      2,
    );
    expect(list).toEqual([
      { name: 'Oliver', thankedOn: '2025-03-03' },
      { name: '李*', thankedOn: '2025-03-01' },
    ]);
  });
});
