// The demo queue as a running desk leaves it (issue #18): the demo entries were all new and nearly all
// past their due time. Through the handling use cases (assign, reply, resolve), each at a time between
// the entry's arrival and its due time — as a handler would have done it then — so that the audit
// entries, events and the SLA timers are the real ones: of the entries still inside their deadline,
// every other one taken by a handler (in progress) and the rest new; of those past it, the newest
// `demoOverdueCount` left overdue (one taken, one not), the newest few named ones answered with a reply
// (the customer is told), every other one resolved on time.
import { type Database, transaction } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import { assignFeedback } from './assign-feedback';
import type { FeedbackDeps } from './deps';
import { FeedbackLimits } from './limits';
import { replyToFeedback } from './reply-to-feedback';
import { resolveFeedback } from './resolve-feedback';

export interface DemoHandled {
  id: string;
  anonymous: boolean;
  locale: 'zh-CN' | 'en';
  submittedAt: Date;
  dueAt: Date;
}

const replies: Record<DemoHandled['locale'], readonly string[]> = {
  'zh-CN': [
    '感谢您的反馈！我们已联系仓库核实并安排处理，如仍有问题请随时联系在线客服。',
    '您好，您反馈的问题已记录并转交相关团队改进，感谢您的耐心与支持。',
  ],
  en: [
    'Thank you for telling us. We checked with the warehouse and sorted it out; chat with us any time if it happens again.',
    'Thanks for the feedback: we passed it on to the team and are working on it.',
  ],
};

const HOUR_MS = 3_600_000;

/** The instant `share` of the way from arrival to due time (never after `now`). */
function within(entry: DemoHandled, share: number, now: Date): Date {
  const at = entry.submittedAt.getTime() + (entry.dueAt.getTime() - entry.submittedAt.getTime()) * share;
  return new Date(Math.min(at, now.getTime()));
}

/** Handles the demo entries as above, in one transaction; answers how many were moved. */
export async function handleDemoFeedback(
  database: Database,
  deps: FeedbackDeps,
  entries: readonly DemoHandled[],
  handler: StaffPrincipal,
): Promise<number> {
  const now = deps.clock.now();
  const at = (instant: Date): FeedbackDeps => ({ ...deps, clock: { now: () => instant } satisfies Clock });
  const newestFirst = [...entries].sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime());
  const open = newestFirst.filter((e) => e.dueAt.getTime() > now.getTime());
  const late = newestFirst.filter((e) => e.dueAt.getTime() <= now.getTime());
  const overdue = late.slice(0, FeedbackLimits.demoOverdueCount);
  const answered = late
    .slice(FeedbackLimits.demoOverdueCount)
    .filter((e) => !e.anonymous)
    .slice(0, FeedbackLimits.demoRepliedCount);
  const answeredIds = new Set(answered.map((e) => e.id));
  let moved = 0;
  await transaction(database, async (tx) => {
    const assign = async (entry: DemoHandled, instant: Date) => {
      await assignFeedback(tx, at(instant), { feedbackId: entry.id, staff: handler, assigneeId: handler.staffId });
      moved += 1;
    };
    // Inside the deadline: every other one taken an hour after it arrived (if that hour has come).
    for (const [index, entry] of open.entries()) {
      const taken = new Date(entry.submittedAt.getTime() + HOUR_MS);
      if (index % 2 === 1 && taken.getTime() <= now.getTime()) await assign(entry, taken);
    }
    // Past due and not handled: the first taken half-way to its due time, the others left new.
    for (const [index, entry] of overdue.entries()) {
      if (index === 0) await assign(entry, within(entry, 0.5, now));
    }
    for (const [index, entry] of late.slice(FeedbackLimits.demoOverdueCount).entries()) {
      // Answered or resolved well before its due time (resolving names the handler as its assignee).
      const done = within(entry, 0.3 + (index % 5) * 0.1, now);
      if (answeredIds.has(entry.id)) {
        const texts = replies[entry.locale];
        const text = texts[index % texts.length] ?? '';
        await replyToFeedback(tx, at(done), { feedbackId: entry.id, staff: handler, text });
      } else {
        await resolveFeedback(tx, at(done), { feedbackId: entry.id, staff: handler });
      }
      moved += 1;
    }
  });
  return moved;
}
