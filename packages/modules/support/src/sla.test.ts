import { describe, expect, test } from 'vitest';
import { defaultSlaPolicy, slaDeadlines, slaTarget, slaTimerState } from './sla';
import { ticketKinds, ticketPriorities } from './tickets';

const openedAt = new Date('2025-03-10T09:00:00+08:00');

describe('SLA deadlines', () => {
  test('a normal billing ticket: first answer in 4 h, resolved in 72 h', () => {
    const due = slaDeadlines({ openedAt, kind: 'billing', priority: 'normal' });
    expect(due.firstResponseDueAt.toISOString()).toBe('2025-03-10T05:00:00.000Z');
    expect(due.resolutionDueAt.toISOString()).toBe('2025-03-13T01:00:00.000Z');
  });

  test('a high-priority fault uses the kind override: 30 min and 48 h', () => {
    expect(slaTarget('fault', 'high')).toEqual({ firstResponseMinutes: 30, resolutionMinutes: 2880 });
    const due = slaDeadlines({ openedAt, kind: 'fault', priority: 'high' });
    expect(due.firstResponseDueAt.toISOString()).toBe('2025-03-10T01:30:00.000Z');
  });

  test('time waiting for the customer moves both deadlines by that much', () => {
    const due = slaDeadlines({ openedAt, kind: 'account', priority: 'urgent', pausedMs: 90 * 60_000 });
    expect(due.firstResponseDueAt.toISOString()).toBe('2025-03-10T02:45:00.000Z');
    expect(due.resolutionDueAt.toISOString()).toBe('2025-03-10T06:30:00.000Z');
  });

  test('every kind and priority has a target within the limits', () => {
    for (const kind of ticketKinds) {
      for (const priority of ticketPriorities) expect(() => slaTarget(kind, priority)).not.toThrow();
    }
  });
});

describe('SLA timer state', () => {
  const dueAt = new Date('2025-03-10T05:00:00Z'); // 4 h after openedAt
  const at = (iso: string) => new Date(iso);

  test('running, then at risk in the last 20 % of the window, then breached', () => {
    expect(slaTimerState({ openedAt, dueAt, now: at('2025-03-10T04:00:00Z'), doneAt: null })).toBe('running');
    // 48 minutes left of 240 is exactly 20 %: not yet at risk; 47 is.
    expect(slaTimerState({ openedAt, dueAt, now: at('2025-03-10T04:12:00Z'), doneAt: null })).toBe('running');
    expect(slaTimerState({ openedAt, dueAt, now: at('2025-03-10T04:13:00Z'), doneAt: null })).toBe('at_risk');
    expect(slaTimerState({ openedAt, dueAt, now: at('2025-03-10T05:00:00Z'), doneAt: null })).toBe('at_risk');
    expect(slaTimerState({ openedAt, dueAt, now: at('2025-03-10T05:00:00.001Z'), doneAt: null })).toBe('breached');
  });

  test('done on the due instant is met, a millisecond later is missed', () => {
    const now = at('2025-03-11T00:00:00Z');
    expect(slaTimerState({ openedAt, dueAt, now, doneAt: dueAt })).toBe('met');
    expect(slaTimerState({ openedAt, dueAt, now, doneAt: at('2025-03-10T05:00:00.001Z') })).toBe('missed');
  });

  test('the default policy warns at 20 %', () => {
    expect(defaultSlaPolicy.atRiskRemainingBps).toBe(2000);
  });
});
