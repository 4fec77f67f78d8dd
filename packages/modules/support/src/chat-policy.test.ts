// The chat's pure rules: when a ticket is offered instead of waiting, when a chat may be rated, and
// what the ticket carries.
import { describe, expect, test } from 'vitest';
import {
  effectiveAgentStatus,
  mayLeaveTicket,
  mayRate,
  presenceCutoff,
  queueClosesAt,
  ticketOfferAt,
  transcriptOf,
} from './chat-policy';

const queuedAt = new Date('2026-03-02T02:00:00Z');
const at = (minutes: number) => new Date(queuedAt.getTime() + minutes * 60_000);

describe('chat policy', () => {
  test('with an agent online a ticket is offered after exactly 3 minutes in the queue, and only while queued', () => {
    expect(ticketOfferAt(queuedAt).toISOString()).toBe('2026-03-02T02:03:00.000Z');
    expect(mayLeaveTicket({ state: 'queued', queuedAt }, new Date(at(3).getTime() - 1), 1)).toBe(false);
    expect(mayLeaveTicket({ state: 'queued', queuedAt }, at(3), 1)).toBe(true);
    expect(mayLeaveTicket({ state: 'active', queuedAt }, at(30), 1)).toBe(false);
  });

  test('with no agent online a ticket is offered at once', () => {
    expect(mayLeaveTicket({ state: 'queued', queuedAt }, at(0), 0)).toBe(true);
    expect(mayLeaveTicket({ state: 'active', queuedAt }, at(0), 0)).toBe(false);
  });

  test('a chat the system closed for want of an agent still offers a ticket, once', () => {
    expect(queueClosesAt(queuedAt).toISOString()).toBe('2026-03-02T02:15:00.000Z');
    const closed = { state: 'ended' as const, queuedAt, endReason: 'no_agent' as const, ticketId: null };
    expect(mayLeaveTicket(closed, at(20), 3)).toBe(true);
    expect(mayLeaveTicket({ ...closed, ticketId: 'tkt_1' }, at(20), 3)).toBe(false);
    expect(mayLeaveTicket({ ...closed, endReason: 'customer_ended' }, at(20), 0)).toBe(false);
  });

  test('an agent whose heartbeat is exactly 2 minutes old is offline, whatever they set', () => {
    const lastSeenAt = queuedAt;
    const justBefore = new Date(at(2).getTime() - 1);
    expect(effectiveAgentStatus({ status: 'online', lastSeenAt }, justBefore)).toBe('online');
    expect(effectiveAgentStatus({ status: 'away', lastSeenAt }, justBefore)).toBe('away');
    expect(effectiveAgentStatus({ status: 'online', lastSeenAt }, at(2))).toBe('offline');
    expect(effectiveAgentStatus({ status: 'offline', lastSeenAt }, at(0))).toBe('offline');
    expect(effectiveAgentStatus(undefined, at(0))).toBe('offline');
    // The query's cut-off agrees: a beat counts when it is later than the cut-off.
    expect(presenceCutoff(at(2)).getTime()).toBe(lastSeenAt.getTime());
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
