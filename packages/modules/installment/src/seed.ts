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
import { findCustomerIdByPhone, firstStaffOfRole, listSandboxSmsOfCustomer } from '@zulin/identity';
import { availabilityBySku, getUnit } from '@zulin/inventory';
import { AdjustableClock, addDays, type BusinessDate, today } from '@zulin/kernel';
import { shippingCarrier } from '@zulin/logistics';
import type { AppContext } from '@zulin/platform';
import { riskDeps } from '@zulin/risk';
import { inArray } from 'drizzle-orm';
import { type InstallmentDeps, installmentDeps } from './deps';
import { issuePeriodBills } from './issue-period-bills';
import { type InstallmentOrderRow, loadOrder, periodBills } from './orders';
import { placeInstallmentOrder, prepareInstallmentOrder } from './place-order';
import { type OrderPrepayRequest, prepayOrder } from './prepay-order';
import { installmentOrders } from './schema';
import { prepareInstallmentShipment, shipInstallmentOrder } from './ship-order';
import { signOrder } from './sign-order';

const demoPhones = { zhang: '+8613800138000', li: '+8613900139000' } as const;
const demoSigners = { zhang: '张三', li: '李四' } as const;
/** Where the demo phones are shipped (the same addresses as the rental demo's). */
const demoAddresses = {
  zhang: {
    name: '张三',
    phone: demoPhones.zhang,
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    line: '文三路 90 号 3 幢 501',
  },
  li: {
    name: '李四',
    phone: demoPhones.li,
    province: '上海市',
    city: '上海市',
    district: '静安区',
    line: '南京西路 1266 号 12 楼',
  },
} as const;
const DAY_MS = 86_400_000;
const demoOrdersCount = 4;
/** Products looked at for the demo offer, cheapest first. */
const demoProductsMax = 20;

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
  const picks = await demoOffers(ctx);
  const staff = await firstStaffOfRole(db, 'warehouse');
  if (picks.length < demoOrdersCount || staff === null) return { created: 0 };
  let nextPick = 0;

  const realNow = ctx.clock.now().getTime();
  const clock = new AdjustableClock(new Date(realNow));
  const deps: InstallmentDeps = { ...installmentDeps(ctx), clock };
  const risk = { ...riskDeps(ctx), clock };
  const daysAgo = (days: number) => clock.set(new Date(realNow - days * DAY_MS));
  /** The clock at 10:00 in Shanghai on a business date (02:00 UTC). */
  const on = (date: BusinessDate) => clock.set(`${date}T02:00:00Z`);
  const place = async (customerId: string): Promise<InstallmentOrderRow | null> => {
    const pick = picks[nextPick++];
    if (pick === undefined) return null;
    const prepared = await prepareInstallmentOrder(
      db,
      { ...deps, risk },
      {
        customerId,
        input: {
          ...pick,
          address: demoAddresses[customerId === zhang ? 'zhang' : 'li'],
          deviceFingerprint: null,
          ip: null,
        },
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
  /** Shipped from the desk an hour after it started, with the unit reserved for it (the sandbox courier). */
  const ship = async (order: InstallmentOrderRow | null) => {
    if (order === null || order.unitId === null) return;
    clock.set(new Date(clock.now().getTime() + 3_600_000));
    const unit = await getUnit(db, { unitId: order.unitId, today: today(clock, deps.timeZone) });
    const carrier = shippingCarrier({ config: ctx.config, clock }, db);
    const prepared = await prepareInstallmentShipment(ctx.database, deps, carrier, {
      orderId: order.id,
      imei: unit.imei,
    });
    await transaction(ctx.database, (tx) => shipInstallmentOrder(tx, deps, { prepared, staff }));
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
  await ship(paidOff);
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
  await ship(prepaid);
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
  await ship(overdue);
  // The current order is left on the shipping desk's queue (its phone reserved, not yet shipped).
  daysAgo(25);
  const current = await place(li);
  // Today: every order's bills within the lead window are issued, as the daily tick would.
  clock.set(new Date(realNow));
  for (const order of [prepaid, overdue, current]) if (order) await issueBills(order.id);
  created += (overdue ? 1 : 0) + (current ? 1 : 0);
  return { created };
}

/**
 * Phones for the demo orders, cheapest first: a published SKU with an active 6-month offer of no
 * interest, no fee and no down payment, once per phone of it in stock (the demo stock holds one or two
 * of each SKU, and each order reserves one).
 */
async function demoOffers(ctx: AppContext): Promise<{ skuId: string; offerId: string }[]> {
  const db = ctx.database.db;
  const picks: { skuId: string; offerId: string }[] = [];
  const page = await searchProducts(db, { sort: 'price_asc', limit: demoProductsMax });
  for (const card of page.data) {
    const product = await getProduct(db, { productId: card.id, audience: 'public' });
    const skus = [...product.skus].sort((a, b) => a.marketPriceMinor - b.marketPriceMinor);
    for (const sku of skus) {
      const offers = await listInstallmentOffers(db, { skuId: sku.id, audience: 'public', at: ctx.clock.now() });
      const offer = offers.find(
        (o) => o.termMonths === 6 && o.annualRateBps === 0 && o.feeRateBpsPerPeriod === 0 && o.downPaymentBps === 0,
      );
      if (!offer) continue;
      const inStock = (await availabilityBySku(db, { skuIds: [sku.id], now: ctx.clock.now() }))[sku.id] ?? 0;
      for (let i = 0; i < inStock && picks.length < demoOrdersCount; i++)
        picks.push({ skuId: sku.id, offerId: offer.id });
      if (picks.length === demoOrdersCount) return picks;
    }
  }
  return picks;
}
