// The help centre's FAQ (renting, deposits, returns, payments, the wallet, …) loaded from
// help-centre/articles.ts. It is product content, not demo data, so it is loaded in every mode;
// articles already stored (perhaps edited) are left as they are. One insert. In sandbox mode the demo
// customers 小张 and 小李 have one ticket open each (a billing question, a delivery question), so "my
// tickets" has a ticket to open and the console's queue some to answer.
import { transaction } from '@zulin/db';
import { findCustomerIdByPhone } from '@zulin/identity';
import type { AppContext } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import { helpArticles } from './help-centre/articles';
import { openTicket } from './open-ticket';
import { supportArticles, supportTickets } from './schema';

const demoTickets = [
  {
    phone: '+8613800138000',
    kind: 'billing' as const,
    subject: '本期租金比上期多了',
    body: '这个月的账单比上个月多了几块钱，想确认一下是怎么算的。',
  },
  {
    phone: '+8613900139000',
    kind: 'logistics' as const,
    subject: '快递什么时候到',
    body: '订单显示已发货，想知道大概哪天能送到。',
  },
];

/** The demo customers' open tickets, each unless that customer already has a ticket (sandbox only). */
export async function seedDemoTicket(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  let created = 0;
  for (const ticket of demoTickets) created += await seedOneTicket(ctx, ticket);
  return { created };
}

async function seedOneTicket(ctx: AppContext, demoTicket: (typeof demoTickets)[number]): Promise<number> {
  const db = ctx.database.db;
  const customerId = await findCustomerIdByPhone(db, ctx.config.masterKey, demoTicket.phone);
  if (customerId === null) return 0;
  const existing = await db
    .select({ id: supportTickets.id })
    .from(supportTickets)
    .where(eq(supportTickets.customerId, customerId))
    .limit(1);
  if (existing.length > 0) return 0;
  await transaction(ctx.database, (tx) =>
    openTicket(
      tx,
      { clock: ctx.clock, timeZone: ctx.config.timeZone },
      { customerId, kind: demoTicket.kind, subject: demoTicket.subject, body: demoTicket.body, orderId: null },
    ),
  );
  return 1;
}

export async function seedSupport(ctx: AppContext): Promise<{ created: number }> {
  const now = ctx.clock.now();
  const inserted = await ctx.database.db
    .insert(supportArticles)
    .values(
      helpArticles.map((a, position) => ({
        slug: a.slug,
        topic: a.topic,
        position,
        title: a.title,
        body: a.body,
        keywords: a.keywords,
        published: true,
        publishedAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ slug: supportArticles.slug });
  const ticket = await seedDemoTicket(ctx);
  return { created: inserted.length + ticket.created };
}
