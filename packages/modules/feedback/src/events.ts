// Feedback's events. Payloads never name the customer of an anonymous feedback.
import { defineEvents, type EventPayloads } from '@zulin/db';
import type { FeedbackCategory } from './classify/rules';

export const FeedbackEvents = defineEvents({
  'feedback.submitted': (p: { feedbackId: string; anonymous: boolean; category: FeedbackCategory | null }) => p,
  'feedback.replied': (p: { feedbackId: string; replyId: string }) => p,
  'feedback.marked_valuable': (p: { feedbackId: string; points: number }) => p,
  'feedback.assigned': (p: { feedbackId: string; assigneeId: string }) => p,
  'feedback.resolved': (p: { feedbackId: string; by: 'reply' | 'resolve'; overdue: boolean }) => p,
  /** Staff changed the rating window (rating-window-settings.ts); `keys` are the settings that changed. */
  'feedback.settings_changed': (p: { changedBy: string; keys: string[] }) => p,
});

declare module '@zulin/db' {
  interface EventMap extends EventPayloads<typeof FeedbackEvents> {}
}
