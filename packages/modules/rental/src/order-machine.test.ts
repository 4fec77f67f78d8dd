import { isAppError } from '@zulin/kernel';
import { describe, expect, it } from 'vitest';
import {
  customerActions,
  customerActionTransitions,
  customerStateOf,
  customerStates,
  customerStateText,
} from './customer-states';
import { RentalLimits } from './limits';
import {
  afterSaleKinds,
  finalOrderStates,
  type OrderAction,
  type OrderActor,
  type OrderFact,
  type OrderState,
  orderActions,
  orderFacts,
  orderStates,
  orderTransitions,
  transitionsFrom,
} from './order-machine';
import { defaultRentalTimers, parseRentalTimers } from './timers';
import { type OrderSnapshot, OrderTransitionError, transition } from './transition-order';

const allFacts = Object.fromEntries(Object.keys(orderFacts).map((f) => [f, true])) as Record<OrderFact, boolean>;

function reachableFromDraft(): Set<OrderState> {
  const seen = new Set<OrderState>(['draft']);
  const queue: OrderState[] = ['draft'];
  for (let steps = 0; queue.length > 0; steps++) {
    expect(steps).toBeLessThan(RentalLimits.machineWalkStepsMax);
    const state = queue.shift() as OrderState;
    for (const t of transitionsFrom(state)) {
      const to = t.to ?? state;
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/** Tries an action as the first actor the machine allows for it (or `actor`), and returns the refusal. */
function refusal(
  order: OrderSnapshot,
  action: OrderAction,
  facts: Partial<Record<OrderFact, boolean>> = allFacts,
  actor?: OrderActor,
) {
  const allowed = orderTransitions.find((t) => t.action === action && t.from.includes(order.status))?.actors[0];
  try {
    transition(order, { action, actor: actor ?? allowed ?? 'system', facts });
  } catch (e) {
    if (e instanceof OrderTransitionError)
      return { code: e.code, status: e.status, state: e.state, action: e.action, guard: e.guard, detail: e.detail };
    throw e;
  }
  return null;
}

describe('the order machine', () => {
  it('reaches every state from draft', () => {
    expect([...reachableFromDraft()].sort()).toEqual([...orderStates].sort());
  });

  it('has no way out of closed, cancelled or rejected', () => {
    for (const state of finalOrderStates) expect(transitionsFrom(state)).toEqual([]);
    expect(finalOrderStates).toEqual(['closed', 'cancelled', 'rejected']);
  });

  it('names each transition by an action, and an action leads to one place from any state', () => {
    expect(new Set(orderTransitions.map((t) => t.action))).toEqual(new Set(orderActions));
    for (const state of orderStates) {
      const actions = transitionsFrom(state).map((t) => t.action);
      expect(new Set(actions).size).toBe(actions.length);
    }
  });

  it('has every guard fact in the catalog of facts, and opens or closes only known after-sale actions', () => {
    for (const t of orderTransitions) {
      for (const g of t.guards) if (g.kind === 'fact') expect(orderFacts).toHaveProperty(g.fact);
      if (t.opensAfterSale) expect(t.guards).toContainEqual({ kind: 'no_after_sale_open' });
      if (t.closesAfterSale) expect(t.guards).toContainEqual({ kind: 'after_sale_open', afterSale: t.closesAfterSale });
      for (const kind of [t.opensAfterSale, t.closesAfterSale]) if (kind) expect(afterSaleKinds).toContain(kind);
    }
  });

  it('walks the main journey from draft to closed', () => {
    const journey: [OrderAction, OrderState][] = [
      ['submit', 'pending_review'],
      ['approve', 'approved'],
      ['request_signature', 'awaiting_signature'],
      ['sign', 'awaiting_payment'],
      ['pay', 'paid'],
      ['ship', 'shipped'],
      ['deliver', 'delivered'],
      ['start_rent', 'active'],
      ['start_renewal', 'active'],
      ['renew', 'renewed'],
      ['request_return', 'return_requested'],
      ['pick_up_return', 'returning'],
      ['receive_return', 'inspecting'],
      ['settle', 'settled'],
      ['close', 'closed'],
    ];
    let order: OrderSnapshot = { status: 'draft', openAfterSale: null };
    for (const [action, expected] of journey) {
      const t = orderTransitions.find((x) => x.action === action && x.from.includes(order.status));
      const result = transition(order, { action, actor: t?.actors[0] ?? 'system', facts: allFacts });
      expect(result.to).toBe(expected);
      order = result.order;
    }
    expect(order).toEqual({ status: 'closed', openAfterSale: null });
  });

  it('refuses an illegal move with a typed error naming the state and the action', () => {
    const e = refusal({ status: 'awaiting_payment', openAfterSale: null }, 'ship');
    expect(e).toMatchObject({
      code: 'RENTAL_TRANSITION_NOT_ALLOWED',
      status: 409,
      state: 'awaiting_payment',
      action: 'ship',
    });
    expect(e?.detail).toBe('Cannot ship an order that is awaiting_payment.');
    expect(refusal({ status: 'closed', openAfterSale: null }, 'cancel')).toMatchObject({
      state: 'closed',
      action: 'cancel',
    });
  });

  it('refuses an actor the transition does not name', () => {
    expect(refusal({ status: 'paid', openAfterSale: null }, 'ship', allFacts, 'customer')).toMatchObject({
      code: 'RENTAL_TRANSITION_NOT_ALLOWED',
      detail: 'The customer may not ship an order that is paid.',
    });
  });

  it('refuses a move whose guard fact is missing, naming it', () => {
    const e = refusal({ status: 'awaiting_payment', openAfterSale: null }, 'pay', { first_payment_received: true });
    expect(e).toMatchObject({
      code: 'RENTAL_TRANSITION_GUARD_FAILED',
      guard: { kind: 'fact', fact: 'deposit_authorised' },
    });
    const cancelPaid = refusal({ status: 'paid', openAfterSale: null }, 'cancel', {});
    expect(cancelPaid?.guard).toEqual({ kind: 'fact', fact: 'refund_started' });
  });

  it('keeps one after-sale action open at a time', () => {
    const renting: OrderSnapshot = { status: 'active', openAfterSale: null };
    const faulty = transition(renting, { action: 'report_fault', actor: 'customer', facts: allFacts }).order;
    expect(faulty).toEqual({ status: 'active', openAfterSale: 'fault' });
    for (const action of ['start_buyout', 'start_renewal', 'request_return', 'report_fault'] as const) {
      const e = refusal(faulty, action);
      expect(e).toMatchObject({ code: 'RENTAL_AFTER_SALE_OPEN', state: 'active', action });
    }
    const swapping = transition(faulty, { action: 'start_swap', actor: 'staff', facts: allFacts }).order;
    expect(swapping).toEqual({ status: 'active', openAfterSale: 'fault' });
    expect(refusal(swapping, 'complete_swap', { replacement_delivered: false })).toMatchObject({
      code: 'RENTAL_TRANSITION_GUARD_FAILED',
      guard: { kind: 'fact', fact: 'replacement_delivered' },
    });
    const swapped = transition(swapping, { action: 'complete_swap', actor: 'staff', facts: allFacts }).order;
    expect(swapped).toEqual({ status: 'active', openAfterSale: null });
    expect(refusal(swapped, 'start_swap')).toMatchObject({
      code: 'RENTAL_TRANSITION_GUARD_FAILED',
      guard: { kind: 'after_sale_open', afterSale: 'fault' },
    });
    const buying = transition(swapped, { action: 'start_buyout', actor: 'customer', facts: allFacts }).order;
    expect(refusal(buying, 'request_return')).toMatchObject({ code: 'RENTAL_AFTER_SALE_OPEN' });
    expect(refusal(buying, 'renew')).toMatchObject({
      code: 'RENTAL_TRANSITION_GUARD_FAILED',
      guard: { kind: 'after_sale_open', afterSale: 'renewal' },
    });
    expect(transition(buying, { action: 'buy_out', actor: 'customer', facts: allFacts }).order).toEqual({
      status: 'bought_out',
      openAfterSale: null,
    });
  });
});

describe('what customers see', () => {
  it('maps every internal state to a customer state, and uses every customer state', () => {
    for (const state of orderStates) expect(customerStates).toContain(customerStateOf[state]);
    expect(Object.keys(customerStateOf).sort()).toEqual([...orderStates].sort());
    expect(new Set(Object.values(customerStateOf))).toEqual(new Set(customerStates));
    expect(customerStates.length).toBeLessThan(orderStates.length);
  });

  it('gives each customer state a label and a line of copy in both languages, with the timers filled in', () => {
    for (const state of customerStates) {
      const { label, copy } = customerStateText(state, defaultRentalTimers);
      for (const t of [label, copy]) {
        expect(t['zh-CN'].length).toBeGreaterThan(0);
        expect(t.en.length).toBeGreaterThan(0);
        expect(`${t['zh-CN']}${t.en}`).not.toMatch(/[{}]/);
      }
    }
    expect(customerStateText('to_sign', defaultRentalTimers).copy['zh-CN']).toBe('签约后 1–3 个工作日发货');
    expect(customerStateText('to_pay', defaultRentalTimers).copy).toEqual({
      'zh-CN': '签约后 2 小时内未支付，订单将自动取消',
      en: 'Pay within 2 hours of signing, or the order is cancelled',
    });
    const timers = parseRentalTimers({ unpaidOrderCancelMinutes: 90 });
    expect(customerStateText('to_pay', timers).copy.en).toBe(
      'Pay within 90 minutes of signing, or the order is cancelled',
    );
  });

  it('shows a delivered order as 待起租 with its first day of rent, not yet 租赁中', () => {
    expect(customerStateOf.delivered).toBe('awaiting_rent_start');
    expect(customerStateOf.active).toBe('renting');
    // Delivered on 30 January 2027: rent from the 31st.
    expect(customerStateText('awaiting_rent_start', defaultRentalTimers, { rentStartDate: '2027-01-31' })).toEqual({
      label: { 'zh-CN': '待起租', en: 'Rent starts soon' },
      copy: { 'zh-CN': '已签收，1 月 31 日起计租', en: 'Delivered; rent starts on 31 January' },
    });
    expect(customerStateText('awaiting_rent_start', defaultRentalTimers, { rentStartDate: '2027-12-01' }).copy.en).toBe(
      'Delivered; rent starts on 1 December',
    );
    expect(customerStateText('awaiting_rent_start', defaultRentalTimers).copy['zh-CN']).toBe('已签收，签收次日起计租');
  });

  it('offers only actions the machine allows a customer to take', () => {
    for (const [action, orderAction] of Object.entries(customerActionTransitions)) {
      const ts = orderTransitions.filter((t) => t.action === orderAction);
      expect(ts.length, action).toBeGreaterThan(0);
      for (const t of ts) expect(t.actors, action).toContain('customer');
    }
    for (const status of orderStates) {
      for (const openAfterSale of [null, ...afterSaleKinds]) {
        for (const action of customerActions({ status, openAfterSale, facts: allFacts })) {
          const orderAction = customerActionTransitions[action];
          if (orderAction === undefined) continue;
          expect(() =>
            transition({ status, openAfterSale }, { action: orderAction, actor: 'customer', facts: allFacts }),
          ).not.toThrow();
        }
      }
    }
  });

  it('offers renewal, buyout and return while renting, and holds them back while another after-sale action is open', () => {
    const facts = { within_renewal_window: true, no_overdue_bills: true };
    expect(customerActions({ status: 'active', openAfterSale: null, facts })).toEqual([
      'view_contract',
      'pay_bill',
      'report_fault',
      'renew',
      'buy_out',
      'return',
    ]);
    expect(customerActions({ status: 'active', openAfterSale: null, facts: { no_overdue_bills: true } })).not.toContain(
      'renew',
    );
    expect(customerActions({ status: 'active', openAfterSale: null })).toEqual([
      'view_contract',
      'pay_bill',
      'report_fault',
      'return',
    ]);
    expect(customerActions({ status: 'active', openAfterSale: 'fault', facts })).toEqual(['view_contract', 'pay_bill']);
    expect(customerActions({ status: 'active', openAfterSale: 'buyout', facts })).toEqual([
      'view_contract',
      'pay_bill',
      'pay_buyout',
      'cancel_buyout',
    ]);
    expect(customerActions({ status: 'awaiting_signature', openAfterSale: null })).toEqual(['sign', 'cancel']);
    expect(
      customerActions({ status: 'settled', openAfterSale: null, facts: { dispute_window_passed: true } }),
    ).not.toContain('dispute');
    expect(customerActions({ status: 'rejected', openAfterSale: null })).toEqual(['appeal']);
  });
});

describe('typed errors', () => {
  it('are AppErrors with the catalog’s stable code', () => {
    const e = new OrderTransitionError({ code: 'RENTAL_TRANSITION_NOT_ALLOWED', status: 409, title: 't' } as never, {
      state: 'draft',
      action: 'ship',
      detail: 'x',
    });
    expect(isAppError(e)).toBe(true);
    expect(e.errors).toEqual([{ path: '/status', message: 'x', code: 'ship' }]);
  });
});
