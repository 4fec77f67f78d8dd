import { describe, expect, test } from 'vitest';
import { SupportErrors } from './errors';
import {
  allowedTicketActions,
  nextTicketState,
  ticketActions,
  ticketStates,
  ticketTransitions,
  validateTicketDraft,
} from './tickets';

describe('ticket state machine', () => {
  test('a fault ticket goes open → in_progress → waiting_customer → in_progress → resolved → closed', () => {
    let state = nextTicketState('open', 'assign', 'agent');
    expect(state).toBe('in_progress');
    state = nextTicketState(state, 'ask_customer', 'agent');
    expect(state).toBe('waiting_customer');
    state = nextTicketState(state, 'customer_reply', 'customer');
    expect(state).toBe('in_progress');
    state = nextTicketState(state, 'resolve', 'agent');
    expect(state).toBe('resolved');
    expect(nextTicketState(state, 'close', 'system')).toBe('closed');
  });

  test('the system resolves a ticket whose source was resolved (a rental fault), never closes an open one', () => {
    expect(nextTicketState('open', 'resolve', 'system')).toBe('resolved');
    expect(nextTicketState('waiting_customer', 'resolve', 'system')).toBe('resolved');
    expect(() => nextTicketState('open', 'close', 'system')).toThrow();
  });

  test('a customer reopens a resolved ticket but cannot resolve one', () => {
    expect(nextTicketState('resolved', 'reopen', 'customer')).toBe('open');
    expect(() => nextTicketState('in_progress', 'resolve', 'customer')).toThrow(
      expect.objectContaining({ code: SupportErrors.SUPPORT_TICKET_ACTOR_FORBIDDEN.code }),
    );
  });

  test('a closed ticket takes no action at all', () => {
    for (const action of ticketActions) {
      expect(() => nextTicketState('closed', action, 'agent')).toThrow(
        expect.objectContaining({ code: SupportErrors.SUPPORT_TICKET_TRANSITION_INVALID.code }),
      );
    }
    expect(allowedTicketActions('closed', 'agent')).toEqual([]);
  });

  test('the buttons an agent sees on an open ticket', () => {
    expect(allowedTicketActions('open', 'agent')).toEqual(['assign', 'resolve']);
    expect(allowedTicketActions('open', 'customer')).toEqual(['cancel']);
  });

  test('every transition names known states, and every state but closed can be left', () => {
    for (const t of ticketTransitions) {
      expect(ticketStates).toContain(t.to);
      for (const from of t.from) expect(ticketStates).toContain(from);
    }
    for (const state of ticketStates.filter((s) => s !== 'closed')) {
      expect(ticketTransitions.some((t) => t.from.includes(state))).toBe(true);
    }
  });
});

describe('ticket drafts', () => {
  const draft = {
    kind: 'fault' as const,
    priority: 'high' as const,
    subject: '  屏幕失灵  ',
    body: '触摸没有反应',
    source: null,
    customerId: 'cus_1',
    orderId: null,
  };

  test('trims the subject', () => {
    expect(validateTicketDraft(draft).subject).toBe('屏幕失灵');
  });

  test('an empty or overlong subject lists the field', () => {
    expect(() => validateTicketDraft({ ...draft, subject: '   ' })).toThrow(
      expect.objectContaining({ errors: [{ path: '/subject', message: 'Subject is empty' }] }),
    );
    expect(() => validateTicketDraft({ ...draft, subject: '长'.repeat(121) })).toThrow(
      expect.objectContaining({ code: 'SUPPORT_TICKET_INVALID' }),
    );
  });
});
