// The chat's pure rules: when a ticket is offered instead of waiting, when a chat may be rated, and
// what the ticket carries.
import { describe, expect, test } from 'vitest';
import { mayLeaveTicket, mayRate, ticketOfferAt, transcriptOf } from './chat-policy';

const queuedAt = new Date('2026-03-02T02:00:00Z');
const at = (minutes: number) => new Date(queuedAt.getTime() + minutes * 60_000);

describe('chat policy', () => {
  test('a ticket is offered after exactly 3 minutes in the queue, and only while queued', () => {
    expect(ticketOfferAt(queuedAt).toISOString()).toBe('2026-03-02T02:03:00.000Z');
    expect(mayLeaveTicket({ state: 'queued', queuedAt }, new Date(at(3).getTime() - 1))).toBe(false);
    expect(mayLeaveTicket({ state: 'queued', queuedAt }, at(3))).toBe(true);
    expect(mayLeaveTicket({ state: 'active', queuedAt }, at(30))).toBe(false);
  });

  test('rated once, after an agent talked and the chat ended, within 7 days', () => {
    const ended = { state: 'ended' as const, agentId: 'stf_1', endedAt: at(10), rating: null };
    expect(mayRate(ended, at(11))).toBe(true);
    expect(mayRate(ended, new Date(at(10).getTime() + 7 * 86_400_000))).toBe(true);
    expect(mayRate(ended, new Date(at(10).getTime() + 7 * 86_400_000 + 1))).toBe(false);
    expect(mayRate({ ...ended, rating: 4 }, at(11))).toBe(false);
    expect(mayRate({ ...ended, agentId: null }, at(11))).toBe(false);
    expect(mayRate({ ...ended, state: 'active' }, at(11))).toBe(false);
  });

  test('the transcript keeps the customer’s lines in order and is cut to the ticket bound', () => {
    const lines = [
      { authorKind: 'customer' as const, body: ' 屏幕碎了 ', createdAt: at(0) },
      { authorKind: 'system' as const, body: 'taken', createdAt: at(1) },
      { authorKind: 'customer' as const, body: '能换机吗', createdAt: at(2) },
    ];
    expect(transcriptOf(lines, 100)).toBe('屏幕碎了\n能换机吗');
    const cut = transcriptOf(lines, 5);
    expect(cut).toBe('屏幕碎了…');
    expect(cut.length).toBe(5);
  });
});
