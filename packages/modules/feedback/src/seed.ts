// Demo feedback (sandbox only): a few hundred entries in both languages across the categories, over
// the last half year, written by the demo customers (about a third anonymous), so the queue, the word
// frequency and the analysis' breakdowns have something real to show. Every fifth entry of a demo
// customer is about one of their real rentals that shipped (rental's seed runs first): its phone,
// warehouse and carrier, and its facts for the classification, as a live feedback would record them
// (the order itself named on named entries only). The others are spread over the demo catalog's
// phones, the warehouses and the carriers (the courier slower, the second phone's batch tired).
// Classified by the current rule set, as live feedback is. One insert for all; running it again changes nothing.
// Beside them, two entries sent with 反馈问题 from the app's error screen (one named with the problem
// code and request id, one anonymous with the code only), submitted through the real use case, so the
// queue's source filter and the detail's 来源 have something to show; once only as well.
import { listSkusForStaff, readSkuProducts } from '@zulin/catalog';
import { queryRows, transaction } from '@zulin/db';
import { encryptPii, findCustomerIdByPhone, firstStaffOfRole } from '@zulin/identity';
import { listWarehouses } from '@zulin/inventory';
import { addDays, type Clock, newId, startOfDayInstant, today } from '@zulin/kernel';
import { carrierName, sandboxCarrierCode, storePickupCarrierCode } from '@zulin/logistics';
import type { AppContext } from '@zulin/platform';
import { listOrders, type OrderState } from '@zulin/rental';
import { eq, sql } from 'drizzle-orm';
import { feedbackAuthor } from './author';
import { classify } from './classify/classify';
import { type DemoDimensions, generateDemoFeedback } from './demo-data';
import { handleDemoFeedback } from './demo-handling';
import type { FeedbackDeps } from './deps';
import { authorIndexOf } from './feedback-entries';
import { feedbackDueAt } from './handling-sla';
import { FeedbackLimits } from './limits';
import { markFeedbackValuable } from './mark-valuable';
import { type OrderContext, readOrderContext } from './order-facts';
import type { Answer } from './questions';
import { readCurrentRuleSet, rulesOf } from './rule-sets';
import { feedbackEntries } from './schema';
import { submitFeedback } from './submit-feedback';

const demoPhones = ['+8613800138000', '+8613900139000'];
const endedStates: readonly OrderState[] = ['settled', 'bought_out', 'closed'];

/** The demo catalog's phones (one SKU of each of the first products), warehouses and carriers; null when empty. */
async function catalogDimensions(ctx: AppContext): Promise<DemoDimensions | null> {
  const db = ctx.database.db;
  const skus = await listSkusForStaff(db, { limit: FeedbackLimits.demoSkusReadMax });
  const onePerProduct = new Map<string, string>();
  for (const sku of skus.data) {
    if (onePerProduct.size >= FeedbackLimits.demoModelsMax) break;
    if (!onePerProduct.has(sku.productId)) onePerProduct.set(sku.productId, sku.id);
  }
  const named = await readSkuProducts(db, [...onePerProduct.values()]);
  const models = [...onePerProduct.values()].flatMap((skuId) => {
    const sku = named.get(skuId);
    return sku === undefined ? [] : [{ productId: sku.productId, model: sku.skuName, label: sku.productName }];
  });
  const warehouses = (await listWarehouses(db)).filter((w) => w.active).map((w) => w.id);
  if (models.length === 0 || warehouses.length === 0) return null;
  const carriers = [sandboxCarrierCode, storePickupCarrierCode].map((code) => ({
    code,
    zh: carrierName(code, 'zh-CN'),
    en: carrierName(code, 'en'),
  }));
  return {
    models,
    warehouses,
    carriers,
    tiredModel: (models[1] ?? models[0])?.model ?? '',
    slowCarrier: sandboxCarrierCode,
  };
}

interface DemoOrder extends OrderContext {
  orderId: string;
  ended: boolean;
}

/** Each demo customer's rentals that shipped, with what a feedback records of them. */
async function shippedOrders(ctx: AppContext, customerIds: readonly string[]): Promise<Map<string, DemoOrder[]>> {
  const db = ctx.database.db;
  const deps: FeedbackDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const page = await listOrders(db, { customerIds, limit: FeedbackLimits.demoOrdersReadMax });
  const byCustomer = new Map<string, DemoOrder[]>();
  for (const { order } of page.data) {
    if (order.unitId === null) continue;
    const context = await readOrderContext(db, deps, { orderId: order.id });
    if (context.carrier === null || context.productId === null) continue;
    const shipped = { ...context, orderId: order.id, ended: endedStates.includes(order.status) };
    byCustomer.set(order.customerId, [...(byCustomer.get(order.customerId) ?? []), shipped]);
  }
  return byCustomer;
}

/**
 * What the demo customers sent from the error screen: 小张 named, about the bills page that failed with
 * INTERNAL (its request id kept), and 小李 anonymous, about the wallet that answered
 * SERVICE_UNAVAILABLE (an anonymous entry never keeps a request id). Hours before the seed ran.
 */
const demoErrorScreenFeedback = [
  {
    phone: '+8613800138000',
    anonymous: false,
    rating: 'bad' as const,
    text: '账单页面打不开，一直显示“账单加载失败”，点重试也没用，想看看这个月要付多少钱。',
    code: 'INTERNAL',
    hoursAgo: 5,
  },
  {
    phone: '+8613900139000',
    anonymous: true,
    rating: 'neutral' as const,
    text: 'The wallet said it could not load my balance. It came back after a few minutes, but it was worrying.',
    code: 'SERVICE_UNAVAILABLE',
    hoursAgo: 2,
  },
];

/** How many entries the demo writes from the error screen (the seed's test counts them). */
export const demoErrorScreenCount = demoErrorScreenFeedback.length;

async function seedErrorScreenFeedback(ctx: AppContext): Promise<{ created: number }> {
  const db = ctx.database.db;
  const seeded = await queryRows(
    db,
    sql`select 1 from feedback_entries where demo and source = 'error_screen' limit 1`,
  );
  if (seeded.length > 0) return { created: 0 };
  let created = 0;
  for (const demo of demoErrorScreenFeedback) {
    const customerId = await findCustomerIdByPhone(db, ctx.config.masterKey, demo.phone);
    if (customerId === null) continue;
    const at = new Date(ctx.clock.now().getTime() - demo.hoursAgo * 3_600_000);
    const clock: Clock = { now: () => at };
    const deps: FeedbackDeps = { clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
    await transaction(ctx.database, async (tx) => {
      const row = await submitFeedback(tx, deps, {
        customerId,
        entry: 'general',
        orderId: null,
        rating: demo.rating,
        text: demo.text,
        anonymous: demo.anonymous,
        answers: [],
        mediaIds: [],
        thanksOptIn: false,
        sentFrom: { source: 'error_screen', code: demo.code, requestId: newId('req', clock) },
      });
      await tx.update(feedbackEntries).set({ demo: true }).where(eq(feedbackEntries.id, row.id));
    });
    created += 1;
  }
  return { created };
}

export async function seedFeedback(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const generated = await seedGeneratedFeedback(ctx);
  const fromErrorScreen = await seedErrorScreenFeedback(ctx);
  return { created: generated.created + fromErrorScreen.created };
}

async function seedGeneratedFeedback(ctx: AppContext): Promise<{ created: number }> {
  const db = ctx.database.db;
  const seeded = await queryRows(db, sql`select 1 from feedback_entries where demo and source = 'form' limit 1`);
  if (seeded.length > 0) return { created: 0 };
  const authors: string[] = [];
  for (const phone of demoPhones) {
    const id = await findCustomerIdByPhone(db, ctx.config.masterKey, phone);
    if (id) authors.push(id);
  }
  if (authors.length === 0) return { created: 0 };
  const startDate = addDays(today(ctx.clock, ctx.config.timeZone), -FeedbackLimits.demoSeedDays);
  const dimensions = await catalogDimensions(ctx);
  const demo = generateDemoFeedback({
    seed: 16,
    count: FeedbackLimits.demoSeedCount,
    startDate,
    days: FeedbackLimits.demoSeedDays,
    ...(dimensions === null ? {} : { dimensions }),
  });
  const orders = await shippedOrders(ctx, authors);
  const rules = rulesOf(await readCurrentRuleSet(db));
  const rows: (typeof feedbackEntries.$inferInsert)[] = [];
  for (const [index, d] of demo.entries()) {
    const customerId = authors[index % authors.length] ?? '';
    const own = orders.get(customerId) ?? [];
    const order =
      own.length > 0 && index % FeedbackLimits.demoOrderEvery === 0
        ? own[Math.floor(index / FeedbackLimits.demoOrderEvery) % own.length]
        : undefined;
    const author = await feedbackAuthor({
      feedbackId: d.id,
      anonymous: d.anonymous,
      link: { customerId, orderId: order?.orderId ?? null },
      encrypt: (plaintext) => encryptPii(db, ctx.config.masterKey, plaintext),
    });
    const classification = classify(d.text, order?.facts ?? {}, rules);
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
      orderId: author.kind === 'named' ? (order?.orderId ?? null) : null,
      sealedAuthor: author.kind === 'anonymous' ? author.sealed : null,
      authorIndex: authorIndexOf(ctx.config.masterKey, customerId),
      timing: order === undefined ? d.timing : order.ended ? 'after_rental' : 'during_rental',
      rating: d.rating,
      text: d.text,
      answers,
      npsScore: d.npsScore,
      media: [],
      locale: d.locale,
      productId: order?.productId ?? d.productId,
      model: order?.model ?? d.model,
      warehouseId: order?.warehouseId ?? d.warehouseId,
      carrier: order?.carrier ?? d.carrier,
      autoCategory: classification.category,
      categoryConfidencePct: classification.confidencePct,
      rulesVersion: classification.rulesVersion,
      matchedRuleIds: classification.matched.map((m) => m.ruleId),
      category: classification.category,
      demo: true,
      submittedOn: d.submittedOn,
      submittedAt,
      dueAt: feedbackDueAt({
        submittedAt,
        submittedOn: d.submittedOn,
        anonymous: d.anonymous,
        rating: d.rating,
        category: classification.category,
        timeZone: ctx.config.timeZone,
      }),
    });
  }
  // The thanks wall: the newest few named, satisfied entries opted in, and a handler marked them
  // valuable through the real use case (points awarded, the customer told), so the public list has
  // names to show on a fresh start.
  const thanked = rows
    .filter((r) => !r.anonymous && r.rating === 'good')
    .sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime())
    .slice(0, FeedbackLimits.demoThankedCount);
  for (const row of thanked) row.thanksOptIn = true;
  const inserted = await db
    .insert(feedbackEntries)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: feedbackEntries.id });
  const staff = await firstStaffOfRole(db, 'support');
  if (inserted.length > 0 && staff !== null) {
    const deps: FeedbackDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
    // The desk has been working the queue: most handled on time, a few open, one or two overdue.
    await handleDemoFeedback(
      ctx.database,
      deps,
      rows.map((r) => ({
        id: r.id,
        anonymous: r.anonymous,
        locale: r.locale === 'en' ? 'en' : 'zh-CN',
        submittedAt: r.submittedAt,
        dueAt: r.dueAt,
      })),
      staff,
    );
    for (const row of thanked) {
      await transaction(ctx.database, (tx) => markFeedbackValuable(tx, deps, { feedbackId: row.id, staff }));
    }
  }
  return { created: inserted.length };
}
