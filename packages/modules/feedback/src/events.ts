// Feedback's events. Payloads never name the customer of an anonymous feedback.
import { defineEvents, type EventPayloads } from '@zulin/db';
import type { FeedbackCategory } from './classify/rules';

export const FeedbackEvents = defineEvents({
  'feedback.submitted': (p: { feedbackId: string; anonymous: boolean; category: FeedbackCategory | null }) => p,
  'feedback.replied': (p: { feedbackId: string; replyId: string }) => p,
  'feedback.marked_valuable': (p: { feedbackId: string; points: number }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof FeedbackEvents> {}
}
