// The public thanks list (seed 001: 对有价值的反馈给予奖励或公开致谢): the feedback a handler marked
// valuable whose author opted in, newest thanks first, each shown only as the core's `thanksName` of
// the author's verified real name (张*, Emily) and the day it was thanked — never the text, the
// phone, the order or anything else of the entry. Anonymous entries never appear: their opt-in is
// not stored (submit-feedback.ts keeps `thanks_opt_in` false for them), and the query leaves them out
// as well, so nothing of an anonymous entry (not even "an anonymous user was thanked on that day",
// which could be matched with the author's reward notice) reaches the public page. An author without
// a verified real name, or with one thanksName cannot shorten safely, is left out.
import type { Executor } from '@zulin/db';
import { customerRealNames } from '@zulin/identity';
import { assert, businessDateOf } from '@zulin/kernel';
import { and, desc, eq, isNotNull, lt, or } from 'drizzle-orm';
import { FeedbackLimits } from './limits';
import { feedbackEntries } from './schema';
import { type ThanksCandidate, type ThanksEntry, thanksList } from './thanks-list';

export async function readThanksList(
  db: Executor,
  deps: { masterKey: Buffer; timeZone: string },
  limit: number = FeedbackLimits.thanksListMax,
): Promise<ThanksEntry[]> {
  assert(
    Number.isSafeInteger(limit) && limit >= 1 && limit <= FeedbackLimits.thanksListMax,
    'limit within thanksListMax',
  );
  // Entries whose author has no name to show are dropped by the core, so a page may yield fewer than
  // asked: read on, newest first, a page at a time, up to thanksCandidatesMax entries in all.
  const candidates: ThanksCandidate[] = [];
  let after: { at: Date; id: string } | undefined;
  for (let read = 0; read < FeedbackLimits.thanksCandidatesMax; ) {
    const rows = await db
      .select({
        id: feedbackEntries.id,
        customerId: feedbackEntries.customerId,
        valuableAt: feedbackEntries.valuableAt,
      })
      .from(feedbackEntries)
      .where(
        and(
          eq(feedbackEntries.valuable, true),
          eq(feedbackEntries.thanksOptIn, true),
          eq(feedbackEntries.anonymous, false),
          isNotNull(feedbackEntries.customerId),
          isNotNull(feedbackEntries.valuableAt),
          after === undefined
            ? undefined
            : or(
                lt(feedbackEntries.valuableAt, after.at),
                and(eq(feedbackEntries.valuableAt, after.at), lt(feedbackEntries.id, after.id)),
              ),
        ),
      )
      .orderBy(desc(feedbackEntries.valuableAt), desc(feedbackEntries.id))
      .limit(Math.min(limit, FeedbackLimits.thanksCandidatesMax - read));
    read += rows.length;
    const names = await customerRealNames(
      db,
      deps.masterKey,
      rows.map((r) => r.customerId ?? ''),
    );
    for (const r of rows) {
      assert(r.customerId !== null && r.valuableAt !== null, 'a named entry marked valuable');
      // No verified name: '' has neither form, so the core leaves the entry out.
      candidates.push({
        fullName: names.get(r.customerId) ?? '',
        optedIn: true,
        thankedOn: businessDateOf(r.valuableAt, deps.timeZone),
      });
      after = { at: r.valuableAt, id: r.id };
    }
    if (rows.length < limit || thanksList(candidates, limit).length >= limit) break;
  }
  return thanksList(candidates, limit);
}
