// Demo rentals (sandbox only), made through the real use cases with a clock set in the past — placing
// (risk decision, phone reserved, contract drafted), signing (the code read back from the sandbox SMS
// box), paying (a payments order paid through the sandbox in-process and the deposit not waived held
// by the sandbox channel, both applied as the subscribers would), shipping, delivery, the rent tick,
// cancelling and booking a return — so the H5 app and the console show a rental in each state a person
// can reach without the carrier, and the returns desk has a phone to grade. 小张 has one 30-day rental
// returned at the end of its term, graded A at the warehouse (the deposit hold released in full),
// settled and closed once its dispute window passed (finished: the H5 order page offers 评价, the
// rating form), rents a phone on a 30-day plan whose end is within the renewal window (renting), has
// one paid and waiting to ship, and one waiting for a signature; 小李 has one on its way, one renting
// with a return booked (returning), one signed and waiting for payment (the 2 h timer cancels it
// later, as it would any unpaid order) and one cancelled; 小赵 has one returned at the end of its term
// and signed for at the warehouse, waiting to be graded (the returns desk's work), and one whose parcel
// the courier lost on its way out — confirmed lost at the shipping desk (a carrier claim filed for the
// phone: finance's 承运商索赔 has one to work) and cancelled with a full refund. Each signing is at
// least a minute after the customer's previous one (contracts' send interval), and after
// installment's demo signings, which run first. Running it again changes nothing; an order the risk
// rules do not approve is left as it is.

import { getProduct, listPlans, searchProducts } from '@zulin/catalog';
import { claimSigningTry, requestSigningCode, sealOf } from '@zulin/contracts';
import { transaction } from '@zulin/db';
import { findCustomerIdByPhone, firstStaffOfRole, listSandboxSmsOfCustomer } from '@zulin/identity';
import { availabilityBySku, getUnit } from '@zulin/inventory';
import { AdjustableClock, addDays, type BusinessDate, startOfDayInstant, today } from '@zulin/kernel';
import { platformAccount } from '@zulin/ledger';
import {
  applyCarrierEvents,
  liveShipmentOf,
  sandboxCarrierCode,
  sandboxPlan,
  shippingCarrier,
  toTrackingEvent,
} from '@zulin/logistics';
import { authoriseInSandbox, createPaymentOrder, payInSandbox, sandboxAuthorisationClient } from '@zulin/payments';
import type { AppContext } from '@zulin/platform';
import { creditLimitOf, riskDeps } from '@zulin/risk';
import { and, eq, inArray } from 'drizzle-orm';
import { type PreparedReturnPickup, prepareReturnPickup, recordReturnPickup } from './book-return-pickup';
import { cancelLostOrder } from './cancel-lost-order';
import { cancelOrder } from './cancel-order';
import { settleInspectionDeposit } from './capture-deposit';
import { closeSettledOrders } from './close-settled-orders';
import { confirmParcelLost } from './confirm-parcel-lost';
import type { RentalDeps } from './deps';
import { disputeInspection } from './dispute-inspection';
import { onFirstPaymentSucceeded } from './first-payment';
import { inspectReturn } from './inspect-return';
import { storeInspectionPhoto } from './inspection-photos';
import type { OrderRow } from './order-store';
import { depositRequestNo, firstPaymentPurpose, recordDepositAnswer } from './pay-order';
import { pickUpReturn } from './pick-up-return';
import { placeOrder, prepareOrder } from './place-order';
import { receiveReturn } from './receive-return';
import { renewOrder } from './renew-order';
import { recordDelivery } from './rent-steps';
import { runRentTick } from './rent-tick';
import { type ReturnPickup, returnOrder } from './return-order';
import { type InspectionPhoto, rentalAfterSales, rentalOrders } from './schema';
import type { InspectionFinding } from './settle-inspection';
import { type PreparedShipment, prepareShipment, shipPreparedOrder, warehouseOf } from './ship-order';
import { signOrder } from './sign-order';

const demo = {
  zhang: { phone: '+8613800138000', signer: '张三丰', line: '文三路 90 号 3 幢 501' },
  li: { phone: '+8613900139000', signer: '李四', line: '南京西路 1266 号 12 楼' },
  zhao: { phone: '+8613500135000', signer: '赵六', line: '天河路 385 号 8 楼' },
  sun: { phone: '+8613200132000', signer: '孙七', line: '天目山路 148 号 2 单元 702' },
  zhou: { phone: '+8613300133000', signer: '周八', line: '中山南路 8 号 1501' },
} as const;
/** Where each demo customer lives: province, city, district. */
const demoRegions = {
  zhang: ['浙江省', '杭州市', '西湖区'],
  li: ['上海市', '上海市', '静安区'],
  zhao: ['广东省', '广州市', '天河区'],
  sun: ['浙江省', '杭州市', '西湖区'],
  zhou: ['江苏省', '南京市', '秦淮区'],
} as const;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** The days of the demo's 30-day plan. */
const dayPlanDays = 30;

interface DemoPick {
  skuId: string;
  /** What the phone is worth (its market price): what risk weighs against the credit limit. */
  valueMinor: number;
  dayPlanId: string;
  yearPlanId: string;
}

/** Demo SKUs looked at for stock, cheapest first (the demo stock has a few units of each SKU). */
const demoSkusMax = 20;

export async function seedRental(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const db = ctx.database.db;
  const zhang = await findCustomerIdByPhone(db, ctx.config.masterKey, demo.zhang.phone);
  const li = await findCustomerIdByPhone(db, ctx.config.masterKey, demo.li.phone);
  const zhao = await findCustomerIdByPhone(db, ctx.config.masterKey, demo.zhao.phone);
  const sun = await findCustomerIdByPhone(db, ctx.config.masterKey, demo.sun.phone);
  const zhou = await findCustomerIdByPhone(db, ctx.config.masterKey, demo.zhou.phone);
  if (zhang === null || li === null || zhao === null || sun === null || zhou === null) return { created: 0 };
  const existing = await db
    .select({ id: rentalOrders.id })
    .from(rentalOrders)
    .where(inArray(rentalOrders.customerId, [zhang, li, zhao, sun, zhou]))
    .limit(1);
  if (existing.length > 0) return { created: 0 };
  const picks = await demoPicks(ctx);
  const staff = await firstStaffOfRole(db, 'warehouse');
  if (picks.length === 0 || staff === null) return { created: 0 };

  const realNow = ctx.clock.now().getTime();
  const clock = new AdjustableClock(new Date(realNow));
  const deps: RentalDeps = { clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };
  const orderDeps = { ...deps, risk: { ...riskDeps(ctx), clock } };
  /** The clock `days` days (and `minutes` minutes) before now. */
  const ago = (days: number, minutes = 0) => clock.set(new Date(realNow - days * DAY_MS - minutes * MINUTE_MS));
  const keys = { [zhang]: 'zhang', [li]: 'li', [zhao]: 'zhao', [sun]: 'sun', [zhou]: 'zhou' } as const;
  const keyOf = (customerId: string): keyof typeof demo => keys[customerId] ?? 'zhao';
  const who = (customerId: string) => demo[keyOf(customerId)];

  /**
   * Each order on the next demo SKU in turn, leaving at least one phone of each in stock: the demo
   * rentals must not sell out the phones a visitor sees first.
   */
  let turn = 0;
  const place = async (customerId: string, term: 'day' | 'year'): Promise<OrderRow | null> => {
    // Within the customer's credit limit in force (the demo's earlier orders moved it), or risk would
    // send the order to review and the demo would lack the state it is for.
    const limit = await creditLimitOf(db, customerId);
    const affordable = picks.filter((p) => limit === null || p.valueMinor <= limit.limitMinor);
    // Leave a phone of each in stock when the limit allows a choice; else take the last one.
    const spare = affordable.filter((p) => p.available > 1);
    const inStock = spare.length > 0 ? spare : affordable.filter((p) => p.available > 0);
    const pick = inStock[turn++ % Math.max(inStock.length, 1)];
    if (pick === undefined) return null;
    const placed = await placeAny(customerId, pick, term);
    return placed.status === 'awaiting_signature' ? placed : null;
  };
  /** Placed whatever risk decides: approved (awaiting_signature), sent to review, or rejected. */
  const placeAny = async (
    customerId: string,
    pick: DemoPick & { available: number },
    term: 'day' | 'year',
  ): Promise<OrderRow> => {
    pick.available -= 1;
    const person = who(customerId);
    const [province, city, district] = demoRegions[keyOf(customerId)];
    const prepared = await prepareOrder(db, orderDeps, {
      customerId,
      input: {
        skuId: pick.skuId,
        planId: term === 'day' ? pick.dayPlanId : pick.yearPlanId,
        addOns: [],
        couponCodes: [],
        address: {
          name: person.signer,
          phone: person.phone,
          province,
          city,
          district,
          line: person.line,
        },
        deviceFingerprint: null,
        ip: null,
      },
    });
    const placed = await transaction(ctx.database, (tx) => placeOrder(tx, orderDeps, prepared));
    // A unit is held only for an approved order (or one under review); a rejected one released it.
    if (placed.order.status === 'rejected') pick.available += 1;
    return placed.order;
  };
  /** Signs as the customer would: asks for the code, reads it from the sandbox SMS box, signs. */
  const sign = async (order: OrderRow, pending: string | null = order.contractId): Promise<OrderRow> => {
    const contractId = pending;
    if (contractId === null) throw new Error(`demo order ${order.id} has no contract`);
    await transaction(ctx.database, (tx) => requestSigningCode(tx, deps, { customerId: order.customerId, contractId }));
    const sms = await listSandboxSmsOfCustomer(db, ctx.config.masterKey, order.customerId);
    const code = sms.find((m) => m.text.includes(contractId))?.code;
    if (!code) throw new Error(`the signing code for demo contract ${contractId} was not sent`);
    const codeTry = await claimSigningTry(ctx.database, deps, order.customerId);
    const seal = await sealOf(ctx, db);
    return transaction(ctx.database, (tx) =>
      signOrder(
        tx,
        { ...deps, seal },
        {
          orderId: order.id,
          customerId: order.customerId,
          code,
          codeTry,
          signature: { kind: 'typed', name: who(order.customerId).signer },
        },
      ),
    );
  };
  /** The first payment paid at the sandbox's Alipay and the deposit not waived held there. */
  const pay = async (order: OrderRow): Promise<OrderRow> => {
    const receivables = await platformAccount(db, clock, 'customer_receivables');
    const recorded = await transaction(ctx.database, (tx) =>
      createPaymentOrder(tx, clock, {
        channel: 'alipay',
        customerId: order.customerId,
        amountMinor: order.firstPaymentMinor,
        description: '手机租赁首期款',
        purpose: firstPaymentPurpose,
        reference: order.id,
        creditAccountId: receivables.id,
      }),
    );
    const paid = await payInSandbox(ctx, ctx.database, recorded.id);
    // As the subscriber would (it finds the payment applied when the outbox delivers the event).
    await transaction(ctx.database, (tx) =>
      onFirstPaymentSucceeded(tx, deps, {
        orderId: paid.id,
        customerId: order.customerId,
        purpose: firstPaymentPurpose,
        reference: order.id,
        amountMinor: paid.amountMinor,
        channel: paid.channel,
        transferId: `txn_pay_${paid.id}`,
      }),
    );
    const authorisation =
      order.depositToHoldMinor > 0
        ? await authoriseInSandbox(ctx, ctx.database, 'alipay', {
            customerId: order.customerId,
            amountMinor: order.depositToHoldMinor,
            outRequestNo: depositRequestNo(order.id, 0),
            description: '手机租赁押金',
            reference: order.id,
            payerToken: 'sandbox-demo-auth-code',
          })
        : null;
    return transaction(ctx.database, (tx) =>
      recordDepositAnswer(tx, deps, { orderId: order.id, customerId: order.customerId, authorisation }),
    );
  };
  // Shipped as the shipping desk ships (ship-order.ts): the reserved phone's IMEI scanned, the sandbox
  // courier's waybill and collection booked, the shipment recorded — so the desk, the shipments page
  // and the tracking show the demo parcels.
  const carrier = shippingCarrier({ config: ctx.config, clock }, db);
  const ship = async (order: OrderRow): Promise<PreparedShipment> => {
    if (order.unitId === null) throw new Error(`demo order ${order.id} holds no phone`);
    const unit = await getUnit(db, { unitId: order.unitId, today: today(clock, deps.timeZone) });
    const prepared = await prepareShipment(ctx.database, deps, carrier, { orderId: order.id, imei: unit.imei });
    await transaction(ctx.database, (tx) => shipPreparedOrder(tx, deps, { prepared, staff }));
    return prepared;
  };
  /**
   * Delivered when the sandbox courier's plan signs for it: its scans up to the signature are applied
   * as the carrier's webhook would (the courier's later push of the same scans is a duplicate), and the
   * order moves as logistics' `shipment_delivered` subscriber would move it. Answers the signing time.
   */
  const deliver = async (order: OrderRow, shipped: PreparedShipment): Promise<Date> => {
    const plan = sandboxPlan({ waybill: shipped.waybill, pickup: shipped.pickup, cancelledAt: null });
    const signedIndex = plan.findIndex((e) => e.opCode === 'SIGNED');
    if (signedIndex < 0) throw new Error(`the sandbox courier never signs demo parcel ${shipped.waybill.waybillNo}`);
    const scans = plan.slice(0, signedIndex + 1).map(toTrackingEvent);
    const signedAt = new Date(scans[signedIndex]?.occurredAt ?? clock.now().toISOString());
    clock.set(signedAt);
    await transaction(ctx.database, async (tx) => {
      await applyCarrierEvents(tx, { carrier: sandboxCarrierCode, events: scans, now: signedAt });
      await recordDelivery(tx, deps, { orderId: order.id, signedAt });
    });
    return signedAt;
  };
  const rentTick = (date: BusinessDate) => runRentTick(db, deps, date);
  /** The clock at `hour`:00 in the business time zone on a business date. */
  const at = (date: BusinessDate, hour: number) =>
    clock.set(new Date(startOfDayInstant(date, deps.timeZone).getTime() + hour * HOUR_MS));
  /** Delivered (as `deliver`) and on rent from the next day, when the daily tick runs. */
  const deliverAndStartRent = async (order: OrderRow): Promise<OrderRow> => {
    const signedAt = await deliver(order, await ship(order));
    clock.set(new Date(signedAt.getTime() + DAY_MS));
    await rentTick(today(clock, deps.timeZone));
    const [row] = await db.select().from(rentalOrders).where(eq(rentalOrders.id, order.id));
    if (row === undefined) throw new Error(`demo order ${order.id} vanished`);
    return row;
  };
  /** The customer books the return, as `POST /v1/rentals/{id}/return` books it (book-return-pickup.ts). */
  const bookReturn = async (order: OrderRow, pickup: ReturnPickup): Promise<PreparedReturnPickup> => {
    const customerId = order.customerId;
    const prepared = await prepareReturnPickup(ctx.database, deps, carrier, { orderId: order.id, customerId, pickup });
    await transaction(ctx.database, async (tx) => {
      const returning = await returnOrder(tx, deps, { orderId: order.id, customerId, pickup });
      await recordReturnPickup(tx, deps, { order: returning, prepared });
    });
    return prepared;
  };
  /**
   * The return parcel carried by the sandbox courier's own plan: its first scan stops the rent and the
   * warehouse's signature starts the inspection, each applied as the carrier's webhook would and the
   * order moved as logistics' `shipment_scanned` and `shipment_delivered` subscribers would move it.
   * Answers the time the warehouse signed for it.
   */
  const carryReturn = async (order: OrderRow, booked: PreparedReturnPickup): Promise<Date> => {
    const plan = sandboxPlan({ waybill: booked.waybill, pickup: booked.pickup, cancelledAt: null });
    const signedIndex = plan.findIndex((e) => e.opCode === 'SIGNED');
    if (signedIndex < 1)
      throw new Error(`the sandbox courier never brings back demo parcel ${booked.waybill.waybillNo}`);
    const scans = plan.slice(0, signedIndex + 1).map(toTrackingEvent);
    const [first] = scans;
    const signed = scans[signedIndex];
    if (first === undefined || signed === undefined) throw new Error('the demo return parcel has no scans');
    const waybillNo = booked.waybill.waybillNo;
    const scannedAt = new Date(first.occurredAt);
    clock.set(scannedAt);
    await transaction(ctx.database, async (tx) => {
      await applyCarrierEvents(tx, { carrier: sandboxCarrierCode, events: [first], now: scannedAt });
      await pickUpReturn(tx, deps, { orderId: order.id, scannedAt, waybillNo });
    });
    const receivedAt = new Date(signed.occurredAt);
    clock.set(receivedAt);
    await transaction(ctx.database, async (tx) => {
      await applyCarrierEvents(tx, { carrier: sandboxCarrierCode, events: scans.slice(1), now: receivedAt });
      await receiveReturn(tx, deps, { orderId: order.id, receivedAt, waybillNo, signedBy: signed.signedBy ?? null });
    });
    return receivedAt;
  };
  /**
   * Graded A at the returns desk as `POST /v1/admin/inspections/{id}` grades it: no charge, so the
   * whole deposit hold is released through the sandbox channel (in-process: no server listens yet)
   * and the order is settled. Answers the last day of the customer's dispute window.
   */
  const gradeA = async (order: OrderRow): Promise<BusinessDate> => {
    const inspection = await transaction(ctx.database, (tx) =>
      inspectReturn(tx, deps, { orderId: order.id, grade: 'A', findings: [], photos: [], staff }),
    );
    const settled = await settleInspectionDeposit(
      ctx.database,
      { ...deps, clientOf: (channel) => sandboxAuthorisationClient(ctx, ctx.database, channel, clock) },
      inspection.id,
    );
    if (settled !== 'settled') throw new Error(`the demo inspection ${inspection.id} was not settled`);
    return inspection.disputeUntil;
  };
  /**
   * The return parcel collected by the sandbox courier (its first scan, as the carrier's webhook
   * applies it): the rent stops and the order is on its way back, as logistics' `shipment_scanned`
   * subscriber would move it.
   */
  const collectReturn = async (order: OrderRow, booked: PreparedReturnPickup): Promise<void> => {
    const [first] = sandboxPlan({ waybill: booked.waybill, pickup: booked.pickup, cancelledAt: null }).map(
      toTrackingEvent,
    );
    if (first === undefined)
      throw new Error(`the sandbox courier never collects demo parcel ${booked.waybill.waybillNo}`);
    const scannedAt = new Date(first.occurredAt);
    clock.set(scannedAt);
    await transaction(ctx.database, async (tx) => {
      await applyCarrierEvents(tx, { carrier: sandboxCarrierCode, events: [first], now: scannedAt });
      await pickUpReturn(tx, deps, { orderId: order.id, scannedAt, waybillNo: booked.waybill.waybillNo });
    });
  };
  /** Placed, signed two minutes later and paid, `days` days ago. */
  const placedPaid = async (customerId: string, term: 'day' | 'year', days: number) => {
    ago(days, 10);
    const placed = await place(customerId, term);
    if (placed === null) return null;
    ago(days, 8);
    const signed = await sign(placed);
    ago(days, 5);
    const paid = await pay(signed);
    return paid.status === 'paid' ? paid : null;
  };

  /**
   * On rent from delivery and returned at the end of its 30-day term: the return booked the evening
   * before its last day of rent, picked up that morning and carried back by the sandbox courier.
   * Answers the time the warehouse signed for it.
   */
  const returnAtTermEnd = async (order: OrderRow): Promise<Date> => {
    const onRent = await deliverAndStartRent(order);
    if (onRent.rentStartDate === null) throw new Error(`demo order ${onRent.id} has no first day of rent`);
    const lastDay = addDays(onRent.rentStartDate, dayPlanDays - 1);
    at(addDays(lastDay, -1), 20);
    return carryReturn(onRent, await bookReturn(onRent, { date: lastDay, slot: '09-12' }));
  };

  let created = 0;
  // 小张, finished: a 30-day rental paid 44 days ago (after installment's demo signing 45 days ago),
  // delivered two to four days later; the return booked the evening before its last day of rent and
  // picked up that morning (10 to 12 days ago), received at the warehouse a day or two later and
  // graded A the same day; closed the day after its dispute window (7 days from the inspection), at
  // the latest today. Its rating window (30 days from the settlement) is open.
  const finished = await placedPaid(zhang, 'day', 44);
  if (finished) {
    ago(43);
    const receivedAt = await returnAtTermEnd(finished);
    // Graded the same day, four hours after the courier brought it.
    clock.set(new Date(receivedAt.getTime() + 4 * HOUR_MS));
    const disputeUntil = await gradeA(finished);
    // The sweep `rental.close_settled_orders` closes it early the day after the window (no bill owed).
    at(addDays(disputeUntil, 1), 1);
    if (clock.now().getTime() > realNow) clock.set(new Date(realNow));
    const { closed } = await closeSettledOrders(ctx.database, deps);
    if (closed !== 1) throw new Error(`the finished demo rental ${finished.id} was not closed`);
    created++;
  }
  // 小赵, waiting at the returns desk: a 30-day rental paid 38 days ago and returned at the end of its
  // term like 小张's, the courier's parcel signed for at the warehouse one to four days ago and not yet
  // graded — the returns desk's work.
  const atDesk = await placedPaid(zhao, 'day', 38);
  if (atDesk) {
    ago(37);
    const receivedAt = await returnAtTermEnd(atDesk);
    if (receivedAt.getTime() > realNow) throw new Error(`demo return ${atDesk.id} would reach the warehouse later`);
    created++;
  }
  // 小赵, renewed: a 30-day rental delivered about 20 days ago, renewed for 30 more days 50 minutes ago
  // (below: the addendum signed two minutes after it was drafted, after 小赵's other signings).
  const toRenew = await placedPaid(zhao, 'day', 22);
  if (toRenew) {
    ago(21);
    await deliverAndStartRent(toRenew);
  }
  // 小赵, a parcel lost on its way out: a 30-day rental paid 6 days ago and shipped 5 days ago, collected by
  // the sandbox courier (its first scan, as the carrier's webhook applies it), confirmed lost at the
  // shipping desk 2 days ago (the phone inventory's `lost`, a carrier claim `filed` for the phone and
  // booked: 1400 Dr / 4500 Cr) and cancelled half an hour later with the first payment refunded in full
  // (the refund and the hold's release are sent by their sweeps, as for any cancelled order).
  const lostOut = await placedPaid(zhao, 'day', 6);
  if (lostOut) {
    ago(5);
    const shipped = await ship(lostOut);
    const [collected] = sandboxPlan({ waybill: shipped.waybill, pickup: shipped.pickup, cancelledAt: null }).map(
      toTrackingEvent,
    );
    const parcel = await liveShipmentOf(db, { orderRef: lostOut.id, direction: 'outbound' });
    if (collected === undefined || parcel === null) throw new Error(`demo parcel ${shipped.waybill.waybillNo} is lost`);
    const collectedAt = new Date(collected.occurredAt);
    clock.set(collectedAt);
    await transaction(ctx.database, (tx) =>
      applyCarrierEvents(tx, { carrier: sandboxCarrierCode, events: [collected], now: collectedAt }),
    );
    ago(2, 30);
    const reason = '快递公司确认包裹在转运中心遗失';
    await transaction(ctx.database, (tx) => confirmParcelLost(tx, deps, { shipmentId: parcel.id, reason, staff }));
    ago(2);
    const desk = (await firstStaffOfRole(db, 'operator')) ?? staff;
    await transaction(ctx.database, (tx) =>
      cancelLostOrder(tx, deps, { shipmentId: parcel.id, reason: '无货补发，客户同意取消订单', staff: desk }),
    );
    created++;
  }
  // 小张, renting on a 30-day plan: delivered 20 days ago, so its last day of rent is 9 days away and
  // the renewal window (15 days before the end) is open.
  const renting = await placedPaid(zhang, 'day', 22);
  if (renting) {
    ago(21);
    await deliverAndStartRent(renting);
    created++;
  }
  // 小李, returning: a 12-month rental delivered 18 days ago; the return is booked below, today.
  const returning = await placedPaid(li, 'year', 20);
  if (returning) {
    ago(19);
    await deliverAndStartRent(returning);
    created++;
  }
  // 小李, on its way: paid 3 days ago, shipped yesterday.
  const inTransit = await placedPaid(li, 'year', 3);
  if (inTransit) {
    ago(1);
    await ship(inTransit);
    created++;
  }
  // 小张, paid 2 days ago and waiting to ship.
  if (await placedPaid(zhang, 'year', 2)) created++;
  // 小李, cancelled before signing, yesterday.
  ago(1, 30);
  const cancelled = await place(li, 'year');
  if (cancelled) {
    ago(1, 20);
    await transaction(ctx.database, (tx) =>
      cancelOrder(tx, deps, {
        orderId: cancelled.id,
        by: { actor: 'customer', audit: { kind: 'customer', customerId: li } },
        reason: 'customer_cancelled',
      }),
    );
    created++;
  }
  // 小李, signed 10 minutes ago and waiting for payment; 小张, waiting for a signature.
  ago(0, 12);
  const toPay = await place(li, 'year');
  if (toPay) {
    ago(0, 10);
    await sign(toPay);
    created++;
  }
  if (await place(zhang, 'year')) created++;

  // 小孙, two returns graded C at the returns desk (a photo of the damage, the damage priced from the
  // price list): 30-day rentals returned at the end of their term like 小赵's, graded four hours after
  // the courier brought them, the charge captured from the deposit hold and the rest released (settled,
  // the dispute window open); the second one disputed by 小孙 the next day (support's complaint opens
  // when the outbox delivers the event).
  const photo = await demoDamagePhoto(ctx);
  const gradeC = async (order: OrderRow, receivedAt: Date, findings: InspectionFinding[]) => {
    clock.set(new Date(Math.min(receivedAt.getTime() + 4 * HOUR_MS, realNow)));
    const inspection = await transaction(ctx.database, (tx) =>
      inspectReturn(tx, deps, { orderId: order.id, grade: 'C', findings, photos: [photo], staff }),
    );
    const settled = await settleInspectionDeposit(
      ctx.database,
      { ...deps, clientOf: (channel) => sandboxAuthorisationClient(ctx, ctx.database, channel, clock) },
      inspection.id,
    );
    if (settled !== 'settled') throw new Error(`the demo inspection ${inspection.id} was not settled`);
  };
  const disputed = await placedPaid(sun, 'day', 39);
  if (disputed) {
    ago(38);
    const receivedAt = await returnAtTermEnd(disputed);
    await gradeC(disputed, receivedAt, [{ code: 'screen' }, { code: 'missing_accessory', quantity: 1 }]);
    clock.set(new Date(Math.min(receivedAt.getTime() + DAY_MS, realNow)));
    await transaction(ctx.database, (tx) =>
      disputeInspection(tx, deps, {
        orderId: disputed.id,
        customerId: sun,
        reason: '屏幕划痕是收到手机时就有的，签收时拍了照片；充电器也随手机寄回了。',
      }),
    );
    created++;
  }
  const charged = await placedPaid(sun, 'day', 38);
  if (charged) {
    ago(37);
    await gradeC(charged, await returnAtTermEnd(charged), [{ code: 'back_glass' }]);
    created++;
  }
  // 小孙, returning: a 12-month rental delivered about 22 days ago; the return booked two evenings ago
  // for the next morning and collected by the courier then (the rent stopped at its first scan). From
  // Hangzhou to either warehouse the sandbox courier takes two days, so it reaches the warehouse at
  // tomorrow's delivery round: the order is on its way back all day, whatever the hour of the seed.
  const onItsWayBack = await placedPaid(sun, 'year', 25);
  if (onItsWayBack) {
    ago(24);
    const onRent = await deliverAndStartRent(onItsWayBack);
    clock.set(new Date(realNow));
    const day = today(clock, deps.timeZone);
    at(addDays(day, -2), 20);
    const booked = await bookReturn(onRent, { date: addDays(day, -1), slot: '09-12' });
    await collectReturn(onRent, booked);
    created++;
  }
  // 小孙, rejected: a fourth order while three are open (the risk rule `active_orders`), an hour ago.
  ago(0, 60);
  const fourth = picks.find((p) => p.available > 0);
  if (fourth && (await placeAny(sun, fourth, 'year')).status === 'rejected') created++;
  // 小赵, delivered (待起租): paid 3 days ago, shipped at 10:00 (collected at 11:20) as many days ago as
  // the sandbox courier takes to Guangzhou (one day within the province, two from another) and signed
  // for on its plan today at about 10:30 — when the seed runs later than that (else it stays on its
  // way, and the courier's push delivers it); the rent starts tomorrow.
  const toDeliver = await placedPaid(zhao, 'year', 3);
  if (toDeliver) {
    clock.set(new Date(realNow));
    const unit = await getUnit(db, { unitId: toDeliver.unitId ?? '', today: today(clock, deps.timeZone) });
    const sender = await warehouseOf(db, unit.warehouseId);
    const transitDays = sender.province === demoRegions.zhao[0] ? 1 : 2;
    at(addDays(today(clock, deps.timeZone), -transitDays), 10);
    const shipped = await ship(toDeliver);
    const plan = sandboxPlan({ waybill: shipped.waybill, pickup: shipped.pickup, cancelledAt: null });
    const signature = plan.find((e) => e.opCode === 'SIGNED');
    const signedAt = signature === undefined ? Number.NaN : Date.parse(toTrackingEvent(signature).occurredAt);
    const dateOf = (ms: number) => today({ now: () => new Date(ms) }, deps.timeZone);
    if (signedAt <= realNow && dateOf(signedAt) === dateOf(realNow)) {
      await deliver(toDeliver, shipped);
    }
    created++;
  }
  if (toRenew) {
    ago(0, 50);
    const renewing = await transaction(ctx.database, (tx) =>
      renewOrder(tx, deps, { orderId: toRenew.id, customerId: zhao, months: 30 }),
    );
    const [addendum] = await db
      .select({ contractId: rentalAfterSales.contractId })
      .from(rentalAfterSales)
      .where(and(eq(rentalAfterSales.orderId, toRenew.id), eq(rentalAfterSales.status, 'open')));
    ago(0, 48);
    if ((await sign(renewing, addendum?.contractId ?? null)).status === 'renewed') created++;
  }
  // 小周, under review: a bureau score below 600 (the risk threshold `score_below_600`) sends each of
  // 小周's applications to a person — one yesterday, and one half an hour ago for a phone worth more
  // than the credit limit as well (`order_within_limit`): two cases in the risk reviewers' queue.
  ago(1, 120);
  const modest = picks.find((p) => p.available > 1);
  if (modest && (await placeAny(zhou, modest, 'day')).status === 'pending_review') created++;
  ago(0, 30);
  const limit = await creditLimitOf(db, zhou);
  const pricey = await demoPickOver(ctx, limit?.limitMinor ?? 0);
  if (pricey && (await placeAny(zhou, pricey, 'year')).status === 'pending_review') created++;

  // Today: the daily tick (bills due within its lead window); 小李 books the return of the phone.
  clock.set(new Date(realNow));
  const date = today(clock, deps.timeZone);
  await rentTick(date);
  if (returning) await bookReturn(returning, { date: addDays(date, 1), slot: '09-12' });
  return { created };
}

/** A published SKU in stock with a 12-month plan worth more than `limitMinor`, the dearest first. */
async function demoPickOver(ctx: AppContext, limitMinor: number): Promise<(DemoPick & { available: number }) | null> {
  const db = ctx.database.db;
  const page = await searchProducts(db, { sort: 'price_desc', limit: 3 });
  for (const card of page.data) {
    const product = await getProduct(db, { productId: card.id, audience: 'public' });
    for (const sku of [...product.skus].sort((a, b) => b.marketPriceMinor - a.marketPriceMinor)) {
      if (sku.marketPriceMinor <= limitMinor) break;
      const plans = await listPlans(db, { skuId: sku.id, audience: 'public' });
      const year = plans.find((p) => p.termUnit === 'month' && p.termCount === 12);
      if (year === undefined) continue;
      const stock = await availabilityBySku(db, { skuIds: [sku.id], now: ctx.clock.now() });
      const available = stock[sku.id] ?? 0;
      if (available > 1)
        return { skuId: sku.id, valueMinor: sku.marketPriceMinor, dayPlanId: year.id, yearPlanId: year.id, available };
    }
  }
  return null;
}

/**
 * The returns desk's photo of a damaged phone: a small generated PNG, stored as an upload is
 * (inspection-photos.ts: re-encoded, named by its hash), so the console shows it with the inspection.
 */
async function demoDamagePhoto(ctx: AppContext): Promise<InspectionPhoto> {
  const sharp = (await import('sharp')).default;
  const png = await sharp({
    create: { width: 96, height: 160, channels: 3, background: { r: 46, g: 52, b: 64 } },
  })
    .composite([
      {
        input: Buffer.from(
          '<svg width="96" height="160"><path d="M20 30 L60 90 L40 120" stroke="#ddd" stroke-width="3" fill="none"/></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();
  return storeInspectionPhoto(ctx.config.dataDir, new Uint8Array(png));
}

/** The cheapest published SKUs in stock with a 30-day and a 12-month plan, with their stock. */
async function demoPicks(ctx: AppContext): Promise<(DemoPick & { available: number })[]> {
  const db = ctx.database.db;
  const page = await searchProducts(db, { sort: 'price_asc', limit: 5 });
  const picks: DemoPick[] = [];
  for (const card of page.data) {
    const product = await getProduct(db, { productId: card.id, audience: 'public' });
    const skus = [...product.skus].sort((a, b) => a.marketPriceMinor - b.marketPriceMinor);
    for (const sku of skus) {
      const plans = await listPlans(db, { skuId: sku.id, audience: 'public' });
      const day = plans.find((p) => p.termUnit === 'day' && p.termCount === 30);
      const year = plans.find((p) => p.termUnit === 'month' && p.termCount === 12);
      if (day && year)
        picks.push({ skuId: sku.id, valueMinor: sku.marketPriceMinor, dayPlanId: day.id, yearPlanId: year.id });
      if (picks.length >= demoSkusMax) break;
    }
  }
  const stock = await availabilityBySku(db, { skuIds: picks.map((p) => p.skuId), now: ctx.clock.now() });
  return picks.map((p) => ({ ...p, available: stock[p.skuId] ?? 0 })).filter((p) => p.available > 0);
}
