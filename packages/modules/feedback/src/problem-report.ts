// Instant feedback during a rental (seed 001: 允许用户在租赁过程中即时提交反馈，如遇到手机故障): a problem
// reported from the order page becomes a support ticket at once, of the kind the customer chose.
// A faulty phone is high priority: the customer has no working phone, and rent is not charged for
// those days (DOMAIN.md §5), so every hour counts on both sides.
import type { Locale, TicketDraft, TicketKind, TicketPriority } from '@zulin/support';
import type { FeedbackCategory } from './classify/rules';
import { FeedbackErrors } from './errors';
import { FeedbackLimits } from './limits';

export const problemKinds = ['fault', 'billing', 'logistics'] as const satisfies readonly TicketKind[];
export type ProblemKind = (typeof problemKinds)[number];

/** Where the order stands, as far as reporting a problem goes. */
export type RentalPhase = 'not_shipped' | 'in_transit' | 'on_rent' | 'returning' | 'ended';

/** A problem can be reported from shipping until the rental ends; after that the customer rates it. */
export const problemReportPhases: readonly RentalPhase[] = Object.freeze(['in_transit', 'on_rent', 'returning']);

/** The feedback category of a reported problem: the customer said what it is, no classifying needed. */
export const problemCategories: Readonly<Record<ProblemKind, FeedbackCategory>> = Object.freeze({
  fault: 'device',
  billing: 'billing',
  logistics: 'logistics',
});

const priorities: Record<ProblemKind, TicketPriority> = { fault: 'high', billing: 'normal', logistics: 'normal' };

const subjects: Record<ProblemKind, Record<Locale, string>> = {
  fault: { 'zh-CN': '手机故障', en: 'Phone fault' },
  billing: { 'zh-CN': '账单问题', en: 'Billing problem' },
  logistics: { 'zh-CN': '物流问题', en: 'Delivery problem' },
};

export function problemReportTicket(options: {
  problem: ProblemKind;
  phase: RentalPhase;
  text: string;
  orderId: string;
  customerId: string;
  feedbackId: string;
  /** The customer's language, for the subject they will see in "my tickets". */
  locale: Locale;
}): TicketDraft {
  if (!problemReportPhases.includes(options.phase)) {
    throw FeedbackErrors.FEEDBACK_PROBLEM_NOT_DURING_RENTAL({
      detail:
        options.phase === 'ended'
          ? 'The rental has ended; rate it, or open a support ticket.'
          : 'The order has not shipped yet.',
    });
  }
  const text = options.text.trim();
  if (text.length === 0 || text.length > FeedbackLimits.textLengthMax) {
    throw FeedbackErrors.FEEDBACK_TEXT_INVALID({
      errors: [{ path: '/text', message: `1–${FeedbackLimits.textLengthMax} characters` }],
    });
  }
  return {
    kind: options.problem,
    priority: priorities[options.problem],
    subject: subjects[options.problem][options.locale],
    body: text,
    source: { type: 'feedback', id: options.feedbackId },
    customerId: options.customerId,
    orderId: options.orderId,
  };
}
