// Risk's events (docs/modules.md, "Events"). The order flows (rental, installment) wait on a review
// case: `risk.review_case_closed` tells them how it ended, with the waiver and limit approved.
// Decisions, device commands, geofence alerts and credit-limit moves are published too; contracts
// keeps the legally relevant ones (decisions, locks) in its evidence log.
import { defineEvents, type EventPayloads } from '@zulin/db';

export const RiskEvents = defineEvents({
  /** A decision was recorded (not a pre-check): the outcome, why, and what it grants. */
  'risk.decision_made': (p: {
    decisionId: string;
    applicationId: string;
    customerId: string;
    purpose: string;
    reference: string | null;
    ruleSetVersion: number;
    outcome: 'approve' | 'review' | 'block_and_review' | 'reject';
    score: number;
    reasonCodes: string[];
    depositWaivedMinor: number;
    creditLimitMinor: number;
    /** The review case the decision opened, if it asks for a person. */
    caseId: string | null;
  }) => p,
  /** A review case was opened by a decision or by a customer's appeal. */
  'risk.review_case_opened': (p: {
    caseId: string;
    decisionId: string;
    customerId: string;
    origin: 'decision' | 'appeal';
    slaDueAt: string;
  }) => p,
  /** Staff asked for a phone to be locked or unlocked, with the reason. */
  'risk.device_command_requested': (p: {
    commandId: string;
    deviceId: string;
    customerId: string;
    reference: string | null;
    kind: 'lock' | 'unlock';
    reason: string;
    requestedBy: string;
  }) => p,
  /**
   * The MDM answered a command: acknowledged (the phone did it) or failed (and why); or the command
   * was cancelled before it was sent (`device_released`: its phone left monitoring first).
   */
  'risk.device_command_answered': (p: {
    commandId: string;
    deviceId: string;
    customerId: string;
    reference: string | null;
    kind: 'lock' | 'unlock';
    status: 'acknowledged' | 'failed' | 'cancelled';
    failure: string | null;
  }) => p,
  /** A phone reported a position outside every allowed region (once per device and day). */
  'risk.geofence_alert_raised': (p: {
    alertId: string;
    deviceId: string;
    customerId: string;
    alertDate: string;
    latE6: number;
    lngE6: number;
    reportedAt: string;
  }) => p,
  /** A payment moved the customer's credit limit. */
  'risk.credit_limit_moved': (p: {
    moveId: string;
    customerId: string;
    kind: 'on_time_payment' | 'late_payment';
    billId: string;
    limitBeforeMinor: number;
    deltaMinor: number;
    limitAfterMinor: number;
  }) => p,
  'risk.review_case_closed': (p: {
    caseId: string;
    decisionId: string;
    customerId: string;
    /** What was applied for, and the caller's order id when it gave one. */
    purpose: string;
    reference: string | null;
    origin: 'decision' | 'appeal';
    resolution: 'approve' | 'reject';
    outcome: 'confirmed_risk' | 'false_positive';
    /** On approval: the waiver and limit the reviewer granted; on rejection: 0. */
    waiverBps: number;
    depositWaivedMinor: number;
    creditLimitMinor: number;
  }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof RiskEvents> {}
}
