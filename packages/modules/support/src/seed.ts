// The help centre's FAQ (renting, deposits, returns, payments, the wallet, …) loaded from
// help-centre/articles.ts. It is product content, not demo data, so it is loaded in every mode;
// articles already stored (perhaps edited) are left as they are. One insert. In sandbox mode the demo
// customers 小张 and 小李 have one ticket open each (a billing question, a delivery question), so "my
// tickets" has a ticket to open and the console's queue some to answer. 小李 also has one ticket
// an agent answered and resolved and 小李 took back (重新打开, `customer_reopened_at`): what feedback's
// fact ticket_reopened counts, played through the real use cases.
import { transaction } from '@zulin/db';
import { findCustomerIdByPhone, firstStaffOfRole } from '@zulin/identity';
import type { Clock } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { and, eq, isNotNull } from 'drizzle-orm';
import { actOnTicket } from './act-on-ticket';
import type { SupportDeps } from './deps';
import { helpArticles } from './help-centre/articles';
import { openTicket } from './open-ticket';
import { postAgentMessage, postCustomerMessage } from './post-ticket-message';
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

/** 小李's account question: opened, answered and resolved the day before, reopened by 小李 this morning. */
const demoReopenedTicket = {
  phone: '+8613900139000',
  kind: 'account' as const,
  subject: '换绑手机号收不到验证码',
  body: '想把账号换绑到新手机号，新号码一直收不到验证码。',
  answer: '您好，已为您解除新号码的短信拦截，请重新获取验证码试试。',
  reopenReason: '还是收不到验证码，换了网络也一样。',
  openedHoursAgo: 30,
  resolvedHoursAgo: 29,
  reopenedHoursAgo: 3,
};

/** The demo customers' open tickets, each unless that customer already has a ticket (sandbox only). */
export async function seedDemoTicket(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  let created = 0;
  for (const ticket of demoTickets) created += await seedOneTicket(ctx, ticket);
  created += await seedReopenedTicket(ctx);
  return { created };
}

/**
 * 小李's ticket reopened by 小李 (sandbox only), unless 小李 already took a ticket back; through the
 * use cases, each step at its own hour: opened, answered by the support agent, resolved, reopened
 * with a message.
 */
async function seedReopenedTicket(ctx: AppContext): Promise<number> {
  const db = ctx.database.db;
  const demo = demoReopenedTicket;
  const customerId = await findCustomerIdByPhone(db, ctx.config.masterKey, demo.phone);
  const staff = await firstStaffOfRole(db, 'support');
  if (customerId === null || staff === null) return 0;
  const reopened = await db
    .select({ id: supportTickets.id })
    .from(supportTickets)
    .where(and(eq(supportTickets.customerId, customerId), isNotNull(supportTickets.customerReopenedAt)))
    .limit(1);
  if (reopened.length > 0) return 0;
  const depsAt = (hoursAgo: number): SupportDeps => {
    const at = new Date(ctx.clock.now().getTime() - hoursAgo * 3_600_000);
    const clock: Clock = { now: () => at };
    return { clock, timeZone: ctx.config.timeZone };
  };
  await transaction(ctx.database, async (tx) => {
    const ticket = await openTicket(tx, depsAt(demo.openedHoursAgo), {
      customerId,
      kind: demo.kind,
      subject: demo.subject,
      body: demo.body,
      orderId: null,
    });
    const resolvedAt = depsAt(demo.resolvedHoursAgo);
    await postAgentMessage(tx, resolvedAt, {
      staff,
      ticketId: ticket.id,
      body: demo.answer,
      internal: false,
      askCustomer: false,
    });
    await actOnTicket(tx, resolvedAt, { ticketId: ticket.id, action: 'resolve', actor: staff });
    const reopenedAt = depsAt(demo.reopenedHoursAgo);
    await actOnTicket(tx, reopenedAt, {
      ticketId: ticket.id,
      action: 'reopen',
      actor: { kind: 'customer', customerId },
    });
    await postCustomerMessage(tx, reopenedAt, { customerId, ticketId: ticket.id, body: demo.reopenReason });
  });
  return 1;
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
