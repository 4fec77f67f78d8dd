// Demo feedback (sandbox only): a few hundred entries in both languages across the categories, over
// the last half year, written by the demo customers (about a third anonymous), so the queue and the
// word frequency have something real to show. Classified by the same rules as live feedback. One
// insert for all; running it again changes nothing.
import { queryRows } from '@zulin/db';
import { encryptPii, findCustomerIdByPhone } from '@zulin/identity';
import { addDays, startOfDayInstant, today } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { sql } from 'drizzle-orm';
import { feedbackAuthor } from './author';
import { classify } from './classify/classify';
import { defaultClassificationRules } from './classify/default-rules';
import { generateDemoFeedback } from './demo-data';
import { authorIndexOf } from './feedback-entries';
import { FeedbackLimits } from './limits';
import type { Answer } from './questions';
import { feedbackEntries } from './schema';

const demoPhones = ['+8613800138000', '+8613900139000'];

export async function seedFeedback(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const db = ctx.database.db;
  if ((await queryRows(db, sql`select 1 from feedback_entries where demo limit 1`)).length > 0) return { created: 0 };
  const authors: string[] = [];
  for (const phone of demoPhones) {
    const id = await findCustomerIdByPhone(db, ctx.config.masterKey, phone);
    if (id) authors.push(id);
  }
  if (authors.length === 0) return { created: 0 };
  const startDate = addDays(today(ctx.clock, ctx.config.timeZone), -FeedbackLimits.demoSeedDays);
  const demo = generateDemoFeedback({
    seed: 16,
    count: FeedbackLimits.demoSeedCount,
    startDate,
    days: FeedbackLimits.demoSeedDays,
  });
  const rows: (typeof feedbackEntries.$inferInsert)[] = [];
  for (const [index, d] of demo.entries()) {
    const customerId = authors[index % authors.length] ?? '';
    const author = await feedbackAuthor({
      feedbackId: d.id,
      anonymous: d.anonymous,
      link: { customerId, orderId: null },
      encrypt: (plaintext) => encryptPii(db, ctx.config.masterKey, plaintext),
    });
    const classification = classify(d.text, {}, defaultClassificationRules);
    const answers: Answer[] = [
      ...(d.phoneQualityScore === null
        ? []
        : [{ questionKey: 'phone_quality', version: 1, value: d.phoneQualityScore }]),
      ...(d.serviceQualityScore === null
        ? []
        : [{ questionKey: 'service_quality', version: 1, value: d.serviceQualityScore }]),
      ...(d.npsScore === null ? [] : [{ questionKey: 'recommend', version: 1, value: d.npsScore }]),
    ];
    // Spread over the day so that the queue's order is stable and looks like real traffic.
    const submittedAt = new Date(
      startOfDayInstant(d.submittedOn, ctx.config.timeZone).getTime() + ((index * 7919) % 86_400) * 1000,
    );
    rows.push({
      id: d.id,
      anonymous: d.anonymous,
      customerId: author.kind === 'named' ? customerId : null,
      orderId: null,
      sealedAuthor: author.kind === 'anonymous' ? author.sealed : null,
      authorIndex: authorIndexOf(ctx.config.masterKey, customerId),
      timing: d.timing,
      rating: d.rating,
      text: d.text,
      answers,
      npsScore: d.npsScore,
      media: [],
      locale: d.locale,
      productId: d.productId,
      model: d.model,
      warehouseId: d.warehouseId,
      carrier: d.carrier,
      autoCategory: classification.category,
      categoryConfidencePct: classification.confidencePct,
      category: classification.category,
      demo: true,
      submittedOn: d.submittedOn,
      submittedAt,
    });
  }
  const inserted = await db
    .insert(feedbackEntries)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: feedbackEntries.id });
  return { created: inserted.length };
}
