// Demo installment orders (sandbox only), made through the real use cases with a clock set in the
// past — placing (risk, contract), signing (the code read from the sandbox SMS box; the sale), bills issued, bills paid from the wallet, prepayments — so
// the screens show every state: 小张 has one paid off and one prepaid (reduce term) with periods paid;
// 小李 has one current (its first bill issued, due within a week) and one overdue (its first bill
// unpaid for about three weeks). The phone is the cheapest published SKU with a 6-month
// interest-free offer without down payment (the demo wallets hold ¥3,000 and ¥500). Running it again
// changes nothing; an order the risk rules do not approve is left as it is.
import { payBillFromWallet } from '@zulin/billing';
import { getProduct, listInstallmentOffers, searchProducts } from '@zulin/catalog';
import { claimSigningTry, requestSigningCode, sealOf } from '@zulin/contracts';
import { transaction } from '@zulin/db';
import { findCustomerIdByPhone, listSandboxSmsOfCustomer } from '@zulin/identity';
import { AdjustableClock, addDays, type BusinessDate, today } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import { riskDeps } from '@zulin/risk';
import { inArray } from 'drizzle-orm';
import { type InstallmentDeps, installmentDeps } from './deps';
import { issuePeriodBills } from './issue-period-bills';
import { type InstallmentOrderRow, loadOrder, periodBills } from './orders';
import { placeInstallmentOrder, prepareInstallmentOrder } from './place-order';
import { type OrderPrepayRequest, prepayOrder } from './prepay-order';
import { installmentOrders } from './schema';
import { signOrder } from './sign-order';

const demoPhones = { zhang: '+8613800138000', li: '+8613900139000' } as const;
const demoSigners = { zhang: '张三', li: '李四' } as const;
const DAY_MS = 86_400_000;

export async function seedInstallment(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const db = ctx.database.db;
  const zhang = await findCustomerIdByPhone(db, ctx.config.masterKey, demoPhones.zhang);
  const li = await findCustomerIdByPhone(db, ctx.config.masterKey, demoPhones.li);
  if (zhang === null || li === null) return { created: 0 };
  const existing = await db
    .select({ id: installmentOrders.id })
    .from(installmentOrders)
    .where(inArray(installmentOrders.customerId, [zhang, li]))
    .limit(1);
  if (existing.length > 0) return { created: 0 };
  const pick = await demoOffer(ctx);
  if (pick === null) return { created: 0 };

  const realNow = ctx.clock.now().getTime();
  const clock = new AdjustableClock(new Date(realNow));
  const deps: InstallmentDeps = { ...installmentDeps(ctx), clock };
  const risk = { ...riskDeps(ctx), clock };
  const daysAgo = (days: number) => clock.set(new Date(realNow - days * DAY_MS));
  /** The clock at 10:00 in Shanghai on a business date (02:00 UTC). */
  const on = (date: BusinessDate) => clock.set(`${date}T02:00:00Z`);
  const place = async (customerId: string): Promise<InstallmentOrderRow | null> => {
    const prepared = await prepareInstallmentOrder(
      db,
      { ...deps, risk },
      {
        customerId,
        input: { ...pick, deviceFingerprint: null, ip: null },
      },
    );
    const order = await transaction(ctx.database, (tx) => placeInstallmentOrder(tx, { ...deps, risk }, prepared));
    if (order.status !== 'awaiting_signature' || order.contractId === null) return null;
    const signed = await signAsCustomer(customerId, order.id, order.contractId);
    return signed.status === 'active' ? signed : null;
  };
  /** Signs as the customer would: asks for the code, reads it from the sandbox SMS box, signs. */
  const signAsCustomer = async (customerId: string, orderId: string, contractId: string) => {
    await transaction(ctx.database, (tx) => requestSigningCode(tx, deps, { customerId, contractId }));
    const sms = await listSandboxSmsOfCustomer(db, ctx.config.masterKey, customerId);
    const code = sms.find((m) => m.text.includes(contractId))?.code;
    if (!code) throw new Error(`the signing code for demo contract ${contractId} was not sent`);
    const codeTry = await claimSigningTry(ctx.database, deps, customerId);
    const seal = await sealOf(ctx, db);
    return transaction(ctx.database, (tx) =>
      signOrder(
        tx,
        { ...deps, seal },
        {
          orderId,
          customerId,
          code,
          codeTry,
          signature: { kind: 'typed', name: demoSigners[customerId === zhang ? 'zhang' : 'li'] },
        },
      ),
    );
  };
  const issueBills = (orderId: string) =>
    transaction(ctx.database, async (tx) =>
      issuePeriodBills(tx, deps, await loadOrder(tx, orderId, { lock: true }), today(clock, deps.timeZone)),
    );
  /** On period j's due date: its bill issued and paid from the wallet. */
  const payPeriod = async (order: InstallmentOrderRow, period: number) => {
    const row = order.plan?.schedule[period - 1];
    if (!row) return;
    on(row.dueDate);
    await issueBills(order.id);
    await transaction(ctx.database, async (tx) => {
      const billed = await periodBills(tx, deps, await loadOrder(tx, order.id));
      const bill = billed.find((b) => b.period === period)?.bill;
      if (bill && bill.status !== 'paid')
        await payBillFromWallet(tx, deps, { billId: bill.id, customerId: order.customerId });
    });
  };
  const prepay = (order: InstallmentOrderRow, request: OrderPrepayRequest) =>
    transaction(ctx.database, (tx) =>
      prepayOrder(tx, deps, { orderId: order.id, customerId: order.customerId, request }),
    );

  let created = 0;
  // 小张, paid off: placed 100 days ago, three periods paid on their due dates, paid off 5 days later.
  daysAgo(100);
  const paidOff = await place(zhang);
  if (paidOff) {
    for (const period of [1, 2, 3]) await payPeriod(paidOff, period);
    const third = paidOff.plan?.schedule[2]?.dueDate;
    if (third) on(addDays(third, 5));
    await prepay(paidOff, { strategy: 'payoff' });
    created++;
  }
  // 小张, prepaid: placed 45 days ago, period 1 paid, then ¥500.00 prepaid with reduce term.
  daysAgo(45);
  const prepaid = await place(zhang);
  if (prepaid) {
    await payPeriod(prepaid, 1);
    const first = prepaid.plan?.schedule[0]?.dueDate;
    if (first) on(addDays(first, 3));
    await prepay(prepaid, { strategy: 'reduce_term', prepayMinor: 50_000 });
    created++;
  }
  // 小李, overdue: placed 50 days ago, nothing paid; current: placed 25 days ago, its first bill due soon.
  daysAgo(50);
  const overdue = await place(li);
  daysAgo(25);
  const current = await place(li);
  // Today: every order's bills within the lead window are issued, as the daily tick would.
  clock.set(new Date(realNow));
  for (const order of [prepaid, overdue, current]) if (order) await issueBills(order.id);
  created += (overdue ? 1 : 0) + (current ? 1 : 0);
  return { created };
}

/** The cheapest published SKU with an active 6-month offer of no interest, no fee and no down payment. */
async function demoOffer(ctx: AppContext): Promise<{ skuId: string; offerId: string } | null> {
  const db = ctx.database.db;
  const page = await searchProducts(db, { sort: 'price_asc', limit: 5 });
  for (const card of page.data) {
    const product = await getProduct(db, { productId: card.id, audience: 'public' });
    const skus = [...product.skus].sort((a, b) => a.marketPriceMinor - b.marketPriceMinor);
    for (const sku of skus) {
      const offers = await listInstallmentOffers(db, { skuId: sku.id, audience: 'public' });
      const offer = offers.find(
        (o) => o.termMonths === 6 && o.annualRateBps === 0 && o.feeRateBpsPerPeriod === 0 && o.downPaymentBps === 0,
      );
      if (offer) return { skuId: sku.id, offerId: offer.id };
    }
  }
  return null;
}
