// Risk's events (docs/modules.md, "Events"). The order flows (rental, installment) wait on a review
// case: `risk.review_case_closed` tells them how it ended, with the waiver and limit approved.
import { defineEvents, type EventPayloads } from '@zulin/db';

export const RiskEvents = defineEvents({
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
