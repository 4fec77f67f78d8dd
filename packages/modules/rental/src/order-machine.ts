// The rental order's state machine (DOMAIN §5) as data that the code, the console and the customer
// app share: the states, and every allowed transition with its name (the use case that performs it),
// who may perform it, the states it leaves and enters, and its guards. No state is set directly:
// transition() (transition-order.ts) is the only way from one state to the next.
//
//   draft → pending_review → approved → awaiting_signature → awaiting_payment → paid → shipped
//   → delivered → active → (renewed) → return_requested → returning → inspecting → settled → closed
//   plus bought_out, cancelled, rejected, defaulted.
import { type Text, text } from './text';

export const orderStates = [
  'draft',
  'pending_review',
  'approved',
  'awaiting_signature',
  'awaiting_payment',
  'paid',
  'shipped',
  'delivered',
  'active',
  'renewed',
  'return_requested',
  'returning',
  'inspecting',
  'settled',
  'closed',
  'bought_out',
  'cancelled',
  'rejected',
  'defaulted',
] as const;
export type OrderState = (typeof orderStates)[number];

/** Nothing leaves these. */
export const finalOrderStates: readonly OrderState[] = ['closed', 'cancelled', 'rejected'];

/** The after-sale actions; at most one is open on an order at a time. */
// `fault`: a fault report and its repair or swap (换机), from the report until a working phone is
// signed for (DOMAIN §5 lists the swap among the actions that wait for each other).
export const afterSaleKinds = ['return', 'buyout', 'renewal', 'fault'] as const;
export type AfterSaleKind = (typeof afterSaleKinds)[number];

export type OrderActor = 'customer' | 'staff' | 'system' | 'carrier';

/**
 * Facts a use case establishes before it asks for a transition. `before` facts can be known ahead
 * (the screens use them to show or hide a button); `during` facts come out of the action itself (a
 * verified signature, a payment callback).
 */
export const orderFacts = {
  decision_approved: 'during',
  contract_drafted: 'during',
  signature_verified: 'during',
  first_payment_received: 'during',
  deposit_authorised: 'during',
  payment_deadline_passed: 'before',
  refund_started: 'during',
  unit_allocated: 'during',
  waybill_created: 'during',
  parcel_lost: 'during',
  delivery_signed: 'during',
  rent_start_reached: 'before',
  fault_ticket_open: 'before',
  replacement_delivered: 'during',
  quote_valid: 'during',
  within_renewal_window: 'before',
  no_overdue_bills: 'before',
  renewal_signed: 'during',
  buyout_paid: 'during',
  return_pickup_booked: 'during',
  exit_charge_issued: 'during',
  carrier_scanned: 'during',
  unit_received: 'during',
  inspection_graded: 'during',
  deposit_settled: 'during',
  deposit_released: 'during',
  bills_settled: 'before',
  dispute_window_passed: 'before',
  write_off_approved: 'during',
} as const satisfies Record<string, 'before' | 'during'>;
export type OrderFact = keyof typeof orderFacts;

export type OrderGuard =
  | { kind: 'fact'; fact: OrderFact }
  /** This action opens an after-sale action, so none may be open already. */
  | { kind: 'no_after_sale_open' }
  | { kind: 'after_sale_open'; afterSale: AfterSaleKind };

export interface OrderTransition {
  /** The action and the use case that performs it (`sign` → sign-order.ts). */
  action: OrderAction;
  from: readonly OrderState[];
  /** `null`: the order stays in its state (an after-sale step such as a swap). */
  to: OrderState | null;
  actors: readonly OrderActor[];
  guards: readonly OrderGuard[];
  opensAfterSale?: AfterSaleKind;
  closesAfterSale?: AfterSaleKind;
  description: Text;
}

export const orderActions = [
  'submit',
  'approve',
  'reject',
  'request_signature',
  'sign',
  'pay',
  'expire_payment',
  'cancel',
  'refuse_delivery',
  'lose_parcel',
  'reship',
  'cancel_lost',
  'ship',
  'deliver',
  'start_rent',
  'report_fault',
  'start_repair',
  'complete_repair',
  'start_swap',
  'complete_swap',
  'resolve_fault',
  'start_renewal',
  'renew',
  'abandon_renewal',
  'start_buyout',
  'buy_out',
  'abandon_buyout',
  'request_return',
  'cancel_return',
  'pick_up_return',
  'receive_return',
  'lose_return_parcel',
  'settle',
  'close',
  'default',
] as const;
export type OrderAction = (typeof orderActions)[number];

const fact = (name: OrderFact): OrderGuard => ({ kind: 'fact', fact: name });
const noAfterSale: OrderGuard = { kind: 'no_after_sale_open' };
const afterSale = (kind: AfterSaleKind): OrderGuard => ({ kind: 'after_sale_open', afterSale: kind });
const renting: readonly OrderState[] = ['active', 'renewed'];
// A fault may be reported once the phone is signed for, before the rent starts the next day (a dead
// phone on arrival); its days without a phone count from the rent start (complete-fault.ts).
const holdingPhone: readonly OrderState[] = ['delivered', ...renting];
const beforeShipping: readonly OrderState[] = [
  'draft',
  'pending_review',
  'approved',
  'awaiting_signature',
  'awaiting_payment',
  'paid',
];

export const orderTransitions: readonly OrderTransition[] = Object.freeze([
  {
    action: 'submit',
    from: ['draft'],
    to: 'pending_review',
    actors: ['customer', 'system'],
    guards: [],
    description: text('提交订单，进入审核', 'Submit the order for the credit decision'),
  },
  {
    action: 'approve',
    from: ['pending_review'],
    to: 'approved',
    actors: ['system', 'staff'],
    guards: [fact('decision_approved')],
    description: text('审核通过', 'Approve'),
  },
  {
    action: 'reject',
    from: ['draft', 'pending_review'],
    to: 'rejected',
    actors: ['system', 'staff'],
    guards: [],
    description: text('审核拒绝', 'Reject'),
  },
  {
    action: 'request_signature',
    from: ['approved'],
    to: 'awaiting_signature',
    actors: ['system'],
    guards: [fact('contract_drafted')],
    description: text('生成合同，等待签约', 'Draft the contract for signing'),
  },
  {
    action: 'sign',
    from: ['awaiting_signature'],
    to: 'awaiting_payment',
    actors: ['customer'],
    guards: [fact('signature_verified')],
    description: text('签署租赁合同', 'Sign the rental contract'),
  },
  {
    action: 'pay',
    from: ['awaiting_payment'],
    to: 'paid',
    actors: ['customer', 'system'],
    guards: [fact('first_payment_received'), fact('deposit_authorised')],
    description: text('支付首期款并授权押金', 'Pay the first payment and authorise the deposit'),
  },
  {
    action: 'expire_payment',
    from: ['awaiting_payment'],
    to: 'cancelled',
    actors: ['system'],
    guards: [fact('payment_deadline_passed')],
    description: text('超时未支付，自动取消', 'Cancel an order left unpaid'),
  },
  {
    action: 'cancel',
    from: beforeShipping.filter((s) => s !== 'paid'),
    to: 'cancelled',
    // system: an order approved after review when no phone of its model is left (review-case-closed.ts).
    actors: ['customer', 'staff', 'system'],
    guards: [],
    description: text('取消订单', 'Cancel the order'),
  },
  {
    action: 'cancel',
    from: ['paid'],
    to: 'cancelled',
    actors: ['customer', 'staff'],
    guards: [fact('refund_started')],
    description: text('发货前取消，全额退款', 'Cancel before shipping, with a full refund'),
  },
  {
    // An outbound parcel back at the warehouse unopened — refused at the door, or not collected at
    // the pick-up store in its shelf time (cancel-refused-order.ts): the customer never had the
    // phone, so the order is cancelled as before shipping, with a full refund.
    action: 'refuse_delivery',
    from: ['shipped'],
    to: 'cancelled',
    actors: ['carrier'],
    guards: [fact('unit_received'), fact('refund_started')],
    description: text(
      '包裹退回仓库（拒收或逾期未取），取消订单并全额退款',
      'Parcel back at the warehouse (refused or not collected): cancel with a full refund',
    ),
  },
  {
    // Staff confirm the outbound parcel lost (confirm-parcel-lost.ts): the order waits, shipped, for
    // 补发 (reship) or a cancellation with a full refund (cancel_lost); the phone is inventory's `lost`.
    action: 'lose_parcel',
    from: ['shipped'],
    to: null,
    actors: ['staff'],
    guards: [fact('parcel_lost')],
    description: text('确认包裹丢失', 'Confirm the parcel lost'),
  },
  {
    // 补发 (reship-order.ts): another phone of the SKU in a new parcel; the rent starts the day after
    // the new parcel is signed for.
    action: 'reship',
    from: ['shipped'],
    to: null,
    actors: ['staff'],
    guards: [fact('parcel_lost'), fact('unit_allocated'), fact('waybill_created')],
    description: text('包裹丢失，补发新机', 'Parcel lost: ship another phone'),
  },
  {
    // The parcel is lost and no phone is sent instead (none in stock, or the customer no longer wants
    // it): cancelled as before use, with a full refund — the refused parcel's path (cancel-refused-order.ts).
    action: 'cancel_lost',
    from: ['shipped'],
    to: 'cancelled',
    actors: ['staff'],
    guards: [fact('parcel_lost'), fact('refund_started')],
    description: text('包裹丢失，取消订单并全额退款', 'Parcel lost: cancel with a full refund'),
  },
  {
    action: 'ship',
    from: ['paid'],
    to: 'shipped',
    actors: ['staff'],
    guards: [fact('unit_allocated'), fact('waybill_created')],
    description: text('配货发货', 'Allocate a phone and ship it'),
  },
  {
    action: 'deliver',
    from: ['shipped'],
    to: 'delivered',
    actors: ['carrier'],
    guards: [fact('delivery_signed')],
    description: text('客户签收', 'Delivery signed for'),
  },
  {
    action: 'start_rent',
    from: ['delivered'],
    to: 'active',
    actors: ['system'],
    guards: [fact('rent_start_reached')],
    description: text('签收次日起租', 'Rent starts the day after delivery'),
  },
  {
    action: 'report_fault',
    from: holdingPhone,
    to: null,
    actors: ['customer'],
    guards: [noAfterSale],
    opensAfterSale: 'fault',
    description: text('报修', 'Report a fault'),
  },
  {
    action: 'start_repair',
    from: holdingPhone,
    to: null,
    actors: ['staff'],
    guards: [afterSale('fault'), fact('fault_ticket_open')],
    description: text('取回维修', 'Collect the phone for repair'),
  },
  {
    action: 'complete_repair',
    from: holdingPhone,
    to: null,
    actors: ['staff', 'carrier'],
    guards: [afterSale('fault'), fact('replacement_delivered')],
    closesAfterSale: 'fault',
    description: text('维修完成，手机已送回', 'Repaired phone delivered'),
  },
  {
    action: 'start_swap',
    from: holdingPhone,
    to: null,
    actors: ['staff'],
    guards: [afterSale('fault'), fact('fault_ticket_open'), fact('unit_allocated')],
    description: text('故障换机', 'Swap a faulty phone'),
  },
  {
    action: 'complete_swap',
    from: holdingPhone,
    to: null,
    actors: ['staff', 'carrier'],
    guards: [afterSale('fault'), fact('replacement_delivered')],
    closesAfterSale: 'fault',
    description: text('换机完成', 'Replacement phone delivered'),
  },
  {
    action: 'resolve_fault',
    from: holdingPhone,
    to: null,
    actors: ['staff'],
    guards: [afterSale('fault'), fact('fault_ticket_open')],
    closesAfterSale: 'fault',
    description: text('故障已排除（无需维修或换机）', 'Fault resolved without a repair or swap'),
  },
  {
    action: 'start_renewal',
    from: renting,
    to: null,
    actors: ['customer'],
    guards: [noAfterSale, fact('within_renewal_window'), fact('no_overdue_bills'), fact('quote_valid')],
    opensAfterSale: 'renewal',
    description: text('申请续租', 'Ask to renew'),
  },
  {
    action: 'renew',
    from: renting,
    to: 'renewed',
    actors: ['customer', 'system'],
    guards: [afterSale('renewal'), fact('renewal_signed')],
    closesAfterSale: 'renewal',
    description: text('续租生效', 'Renewal takes effect'),
  },
  {
    action: 'abandon_renewal',
    from: renting,
    to: null,
    actors: ['customer', 'system'],
    guards: [afterSale('renewal')],
    closesAfterSale: 'renewal',
    description: text('放弃续租', 'Drop the renewal'),
  },
  {
    action: 'start_buyout',
    from: renting,
    to: null,
    actors: ['customer'],
    guards: [noAfterSale, fact('no_overdue_bills'), fact('quote_valid')],
    opensAfterSale: 'buyout',
    description: text('申请买断', 'Ask to buy the phone'),
  },
  {
    action: 'buy_out',
    from: renting,
    to: 'bought_out',
    actors: ['customer', 'system'],
    guards: [afterSale('buyout'), fact('buyout_paid')],
    closesAfterSale: 'buyout',
    description: text('支付买断款', 'Pay the buyout'),
  },
  {
    action: 'abandon_buyout',
    from: renting,
    to: null,
    actors: ['customer', 'system'],
    guards: [afterSale('buyout')],
    closesAfterSale: 'buyout',
    description: text('放弃买断', 'Drop the buyout'),
  },
  {
    action: 'request_return',
    from: renting,
    to: 'return_requested',
    actors: ['customer'],
    guards: [noAfterSale, fact('quote_valid'), fact('exit_charge_issued'), fact('return_pickup_booked')],
    opensAfterSale: 'return',
    description: text('申请归还并预约取件', 'Ask to return and book a pick-up'),
  },
  {
    action: 'cancel_return',
    from: ['return_requested'],
    to: 'active',
    actors: ['customer', 'staff'],
    guards: [afterSale('return')],
    closesAfterSale: 'return',
    description: text('揽收前撤销归还', 'Withdraw the return before pick-up'),
  },
  {
    action: 'pick_up_return',
    from: ['return_requested'],
    to: 'returning',
    actors: ['carrier'],
    guards: [fact('carrier_scanned')],
    description: text('快递揽收，停止计租', 'Courier picks up; rent stops'),
  },
  {
    action: 'receive_return',
    from: ['returning'],
    to: 'inspecting',
    // carrier: the return parcel signed for at the warehouse (receive-return.ts); staff: a desk receipt.
    actors: ['staff', 'carrier'],
    guards: [fact('unit_received')],
    description: text('仓库收货，开始检测', 'Received at the warehouse for inspection'),
  },
  {
    // Staff confirm the return parcel lost after the carrier collected it (confirm-return-lost.ts): the
    // customer handed the phone to our courier (the pick-up scan proves it), so they owe nothing for
    // it — no inspection charge, the deposit hold released in full — and the carrier owes us the
    // phone (a carrier claim). The return closes; the order closes by the close sweep.
    action: 'lose_return_parcel',
    from: ['returning'],
    to: 'settled',
    actors: ['staff'],
    guards: [afterSale('return'), fact('parcel_lost')],
    closesAfterSale: 'return',
    description: text(
      '确认退货包裹被快递丢失：客户无需赔偿，押金全额释放',
      'Return parcel lost by the courier: the customer owes nothing, the deposit is released in full',
    ),
  },
  {
    action: 'settle',
    from: ['inspecting'],
    to: 'settled',
    actors: ['staff'],
    guards: [afterSale('return'), fact('inspection_graded'), fact('deposit_settled')],
    closesAfterSale: 'return',
    description: text('检测定级，结算押金', 'Grade the phone and settle the deposit'),
  },
  {
    action: 'close',
    from: ['settled'],
    to: 'closed',
    actors: ['system'],
    guards: [fact('bills_settled'), fact('dispute_window_passed')],
    description: text('结清完成', 'Close: everything settled'),
  },
  {
    action: 'close',
    from: ['bought_out'],
    to: 'closed',
    actors: ['system'],
    guards: [fact('bills_settled'), fact('deposit_released')],
    description: text('买断完成', 'Close after the buyout'),
  },
  {
    action: 'close',
    from: ['defaulted'],
    to: 'closed',
    actors: ['system', 'staff'],
    guards: [fact('bills_settled')],
    description: text('违约订单结清', 'Close a defaulted order once settled or written off'),
  },
  {
    action: 'default',
    from: ['active', 'renewed', 'return_requested', 'settled'],
    to: 'defaulted',
    actors: ['system', 'staff'],
    guards: [fact('write_off_approved')],
    description: text('违约核销', 'Write off as defaulted'),
  },
] satisfies OrderTransition[]);

/** The transition an action takes from a state, if it is allowed there. */
export function transitionFor(state: OrderState, action: OrderAction): OrderTransition | undefined {
  return orderTransitions.find((t) => t.action === action && t.from.includes(state));
}

/** Every transition out of a state. */
export function transitionsFrom(state: OrderState): OrderTransition[] {
  return orderTransitions.filter((t) => t.from.includes(state));
}
