// Support tickets (DOMAIN.md §14): the kinds, priorities and states, and the transitions between
// states as data, so that the console can show which actions a ticket allows and the use cases
// check every change against one table.
import { SupportErrors } from './errors';
import { SupportLimits } from './limits';

export const ticketKinds = ['fault', 'billing', 'logistics', 'account', 'complaint'] as const;
export type TicketKind = (typeof ticketKinds)[number];

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/**
 * open: waiting for an agent; in_progress: an agent works on it; waiting_customer: an agent asked
 * the customer something (its SLA clock pauses); resolved: the agent gave the answer, the customer
 * may still reopen it; closed: final.
 */
export const ticketStates = ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed'] as const;
export type TicketState = (typeof ticketStates)[number];

export type TicketActorKind = 'customer' | 'agent' | 'system';

export const ticketActions = [
  'assign',
  'ask_customer',
  'customer_reply',
  'resolve',
  'reopen',
  'close',
  'cancel',
] as const;
export type TicketAction = (typeof ticketActions)[number];

export interface TicketTransition {
  action: TicketAction;
  from: readonly TicketState[];
  to: TicketState;
  by: readonly TicketActorKind[];
}

/**
 * The whole state machine. `cancel` is the customer withdrawing a ticket before it is answered;
 * `close` by the system is the auto-close of a resolved ticket the customer did not reopen.
 */
export const ticketTransitions: readonly TicketTransition[] = Object.freeze([
  { action: 'assign', from: ['open', 'in_progress'], to: 'in_progress', by: ['agent', 'system'] },
  { action: 'ask_customer', from: ['in_progress'], to: 'waiting_customer', by: ['agent'] },
  { action: 'customer_reply', from: ['waiting_customer', 'resolved'], to: 'in_progress', by: ['customer'] },
  { action: 'resolve', from: ['open', 'in_progress', 'waiting_customer'], to: 'resolved', by: ['agent', 'system'] },
  { action: 'reopen', from: ['resolved'], to: 'open', by: ['customer', 'agent'] },
  { action: 'close', from: ['resolved'], to: 'closed', by: ['customer', 'agent', 'system'] },
  { action: 'cancel', from: ['open', 'waiting_customer'], to: 'closed', by: ['customer'] },
]);

/** The actions an actor may take on a ticket in `state`, for the screens' buttons. */
export function allowedTicketActions(state: TicketState, actor: TicketActorKind): TicketAction[] {
  return ticketTransitions.filter((t) => t.from.includes(state) && t.by.includes(actor)).map((t) => t.action);
}

/** The state after `action`, or a typed error when the state or the actor does not allow it. */
export function nextTicketState(state: TicketState, action: TicketAction, actor: TicketActorKind): TicketState {
  const transition = ticketTransitions.find((t) => t.action === action);
  if (transition === undefined || !transition.from.includes(state)) {
    throw SupportErrors.SUPPORT_TICKET_TRANSITION_INVALID({
      detail: `A ticket that is ${state} cannot take the action ${action}.`,
    });
  }
  if (!transition.by.includes(actor)) {
    throw SupportErrors.SUPPORT_TICKET_ACTOR_FORBIDDEN({ detail: `A ${actor} may not ${action} a ticket.` });
  }
  return transition.to;
}

/**
 * Whether a step takes a resolved ticket back into work at the customer's hand: the customer's
 * `reopen`, or their answer on it (`customer_reply`). Either says the answer did not solve it; an
 * agent's reopen does not count, nor the customer closing it.
 */
export function isCustomerReopen(from: TicketState, action: TicketAction, actor: TicketActorKind): boolean {
  return actor === 'customer' && from === 'resolved' && (action === 'reopen' || action === 'customer_reply');
}

/** True in the states where the SLA clock runs (an agent owes the next move). */
export function slaClockRuns(state: TicketState): boolean {
  return state === 'open' || state === 'in_progress';
}

/** What a ticket is opened with, before it is stored. */
export interface TicketDraft {
  kind: TicketKind;
  priority: TicketPriority;
  subject: string;
  body: string;
  /** What the ticket came from, e.g. `{ type: 'feedback', id: 'fb_…' }` or a rental order. */
  source: { type: string; id: string } | null;
  customerId: string | null;
  orderId: string | null;
}

/** Checks the lengths and trims; a draft that fails is an operating error (the text comes from a person). */
export function validateTicketDraft(draft: TicketDraft): TicketDraft {
  const subject = draft.subject.trim();
  const body = draft.body.trim();
  const problems: { path: string; message: string }[] = [];
  if (subject.length === 0) problems.push({ path: '/subject', message: 'Subject is empty' });
  if (subject.length > SupportLimits.ticketSubjectLengthMax) {
    problems.push({ path: '/subject', message: `At most ${SupportLimits.ticketSubjectLengthMax} characters` });
  }
  if (body.length > SupportLimits.ticketBodyLengthMax) {
    problems.push({ path: '/body', message: `At most ${SupportLimits.ticketBodyLengthMax} characters` });
  }
  if (problems.length > 0) throw SupportErrors.SUPPORT_TICKET_INVALID({ errors: problems });
  return { ...draft, subject, body };
}

export const ticketPolicy = Object.freeze({
  /** A resolved ticket the customer neither reopens nor answers is closed by the system after this. */
  autoCloseAfterResolvedDays: 7,
});
