// The facts classification weighs beyond the order's journey (order-facts.ts), gathered when a
// feedback is submitted (issue #16):
//  * `sentFromErrorScreen`: the stored entry point says error_screen (feedback-source.ts) — only the
//    enum the server checked, never anything else the client wrote;
//  * `ticketsReopened`: the customer's support tickets they took back from resolved (reopened, or
//    answered after it was resolved: support's `countTicketsReopenedByCustomer`) — the tickets of the
//    order when the feedback names one (whenever reopened), else those reopened in the 30 days before
//    it (`FeedbackLimits.ticketsReopenedWindowDays`).
// Anonymous feedback gets them too, from the author the submission knows; like the order's facts they
// are not stored, only what they decided (the category and the rules that matched).
import type { Executor } from '@zulin/db';
import { countTicketsReopenedByCustomer } from '@zulin/support';
import type { OrderFacts } from './classify/rules';
import type { FeedbackEntryPoint } from './feedback-source';
import { FeedbackLimits } from './limits';

export type SubmissionFacts = Required<Pick<OrderFacts, 'sentFromErrorScreen' | 'ticketsReopened'>>;

export async function readSubmissionFacts(
  db: Executor,
  options: { customerId: string; orderId: string | null; entryPoint: FeedbackEntryPoint; now: Date },
): Promise<SubmissionFacts> {
  const windowStart = new Date(options.now.getTime() - FeedbackLimits.ticketsReopenedWindowDays * 86_400_000);
  const ticketsReopened = await countTicketsReopenedByCustomer(db, {
    customerId: options.customerId,
    reopenedTo: options.now,
    ...(options.orderId === null ? { reopenedFrom: windowStart } : { orderId: options.orderId }),
  });
  return { sentFromErrorScreen: options.entryPoint.source === 'error_screen', ticketsReopened };
}
