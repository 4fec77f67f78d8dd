import { describe, expect, test } from 'vitest';
import { cannedReplies, cannedRepliesFor, placeholdersOf, renderCannedReply } from './canned-replies';

describe('canned replies', () => {
  test('renders the swap reply in both languages with its values', () => {
    const values = { orderNo: 'ord_01', date: '2025-03-12' };
    expect(renderCannedReply('fault_swap', 'zh-CN', values)).toContain(
      '已为订单 ord_01 安排换机，新机预计 2025-03-12 送达',
    );
    expect(renderCannedReply('fault_swap', 'en', values)).toContain(
      'replacement for order ord_01; it should arrive by 2025-03-12',
    );
  });

  test('a missing value is refused, naming it', () => {
    expect(() => renderCannedReply('fault_swap', 'en', { orderNo: 'ord_01' })).toThrow(
      expect.objectContaining({ code: 'SUPPORT_CANNED_REPLY_VARIABLES', detail: 'Missing values for: date.' }),
    );
  });

  test('both languages of a reply use the same placeholders', () => {
    for (const reply of cannedReplies) {
      expect(placeholdersOf(reply.body.en).sort()).toEqual(placeholdersOf(reply.body['zh-CN']).sort());
    }
  });

  test('a logistics ticket is offered the general and the logistics replies only', () => {
    expect(cannedRepliesFor('logistics').map((r) => r.id)).toEqual([
      'greeting',
      'logistics_delayed',
      'logistics_pickup_booked',
      'resolved_followup',
    ]);
  });
});
