// Service-level timers of tickets. Support answers around the clock (the chat desk and the fault
// line are staffed every day), so the targets are elapsed minutes from the moment the ticket is
// opened, not business hours. Time spent waiting for the customer (state waiting_customer) does
// not count: the caller passes how long the ticket has waited, and the deadlines move by that much.
import { assert } from '@zulin/kernel';
import { SupportLimits } from './limits';
import type { TicketKind, TicketPriority } from './tickets';

export interface SlaTarget {
  /** From opening to the first answer by a person. */
  firstResponseMinutes: number;
  /** From opening to resolved. */
  resolutionMinutes: number;
}

export interface SlaPolicy {
  byPriority: Readonly<Record<TicketPriority, SlaTarget>>;
  /** Where a kind needs other targets than its priority's, e.g. a faulty phone is a customer without a phone. */
  byKind: Readonly<Partial<Record<TicketKind, Partial<Record<TicketPriority, SlaTarget>>>>>;
  /** A timer is at risk when less than this share of its window is left (basis points of the window). */
  atRiskRemainingBps: number;
}

const HOUR = 60;

/** Defaults; the operator configures them. Billing's 3 days match the dispute SLA of DOMAIN.md §8. */
export const defaultSlaPolicy: SlaPolicy = Object.freeze({
  byPriority: {
    urgent: { firstResponseMinutes: 15, resolutionMinutes: 4 * HOUR },
    high: { firstResponseMinutes: 1 * HOUR, resolutionMinutes: 24 * HOUR },
    normal: { firstResponseMinutes: 4 * HOUR, resolutionMinutes: 72 * HOUR },
    low: { firstResponseMinutes: 24 * HOUR, resolutionMinutes: 7 * 24 * HOUR },
  },
  byKind: {
    // A swap phone has to travel: first answer fast, resolution within two days.
    fault: {
      high: { firstResponseMinutes: 30, resolutionMinutes: 48 * HOUR },
      normal: { firstResponseMinutes: 2 * HOUR, resolutionMinutes: 72 * HOUR },
    },
    complaint: { normal: { firstResponseMinutes: 2 * HOUR, resolutionMinutes: 72 * HOUR } },
  },
  atRiskRemainingBps: 2000,
});

export function slaTarget(kind: TicketKind, priority: TicketPriority, policy: SlaPolicy = defaultSlaPolicy): SlaTarget {
  const target = policy.byKind[kind]?.[priority] ?? policy.byPriority[priority];
  assert(Number.isSafeInteger(target.firstResponseMinutes) && target.firstResponseMinutes > 0, 'first response > 0');
  assert(target.resolutionMinutes >= target.firstResponseMinutes, 'resolution is not before the first response');
  assert(target.resolutionMinutes <= SupportLimits.slaMinutesMax, 'an SLA is at most slaMinutesMax');
  return target;
}

export interface SlaDeadlines {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

const MS_PER_MINUTE = 60_000;

/** When the first answer and the resolution are due, for a ticket opened at `openedAt`. */
export function slaDeadlines(options: {
  openedAt: Date;
  kind: TicketKind;
  priority: TicketPriority;
  /** Milliseconds the ticket has spent waiting for the customer so far. */
  pausedMs?: number;
  policy?: SlaPolicy;
}): SlaDeadlines {
  const pausedMs = options.pausedMs ?? 0;
  assert(Number.isSafeInteger(pausedMs) && pausedMs >= 0, 'pausedMs is a non-negative integer');
  const openedMs = options.openedAt.getTime();
  assert(Number.isFinite(openedMs), 'openedAt is a valid instant');
  const target = slaTarget(options.kind, options.priority, options.policy);
  return {
    firstResponseDueAt: new Date(openedMs + target.firstResponseMinutes * MS_PER_MINUTE + pausedMs),
    resolutionDueAt: new Date(openedMs + target.resolutionMinutes * MS_PER_MINUTE + pausedMs),
  };
}

export type SlaTimerState = 'running' | 'at_risk' | 'breached' | 'met' | 'missed';

/**
 * The state of one timer at `now`: met/missed once `doneAt` is known (done on or before the due
 * instant is met), otherwise running, at risk (less than the policy's share of its window left) or
 * breached (the due instant has passed).
 */
export function slaTimerState(options: {
  openedAt: Date;
  dueAt: Date;
  now: Date;
  doneAt: Date | null;
  policy?: SlaPolicy;
}): SlaTimerState {
  const { openedAt, dueAt, now, doneAt } = options;
  assert(dueAt.getTime() > openedAt.getTime(), 'a timer is due after it starts');
  if (doneAt !== null) return doneAt.getTime() <= dueAt.getTime() ? 'met' : 'missed';
  const leftMs = dueAt.getTime() - now.getTime();
  if (leftMs < 0) return 'breached';
  const windowMs = dueAt.getTime() - openedAt.getTime();
  const atRiskBps = (options.policy ?? defaultSlaPolicy).atRiskRemainingBps;
  // leftMs / windowMs < bps / 10000, compared in integers.
  return leftMs * 10_000 < atRiskBps * windowMs ? 'at_risk' : 'running';
}
