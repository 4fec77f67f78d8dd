// What customers see (issue #14): a smaller set of states than the operators', each with a label and
// one line of copy in zh-CN and en, and the actions the customer may take now. The actions that move
// the order are derived from the machine (a customer may do what a transition lets a customer do,
// when its after-sale rule and its known-ahead facts allow), so the screens cannot offer a button
// that the server would refuse.
import type { AfterSaleKind, OrderAction, OrderFact, OrderState } from './order-machine';
import { orderFacts, transitionFor } from './order-machine';
import { type Locale, type Text, text } from './text';
import type { RentalTimers } from './timers';

export const customerStates = [
  'reviewing',
  'to_sign',
  'to_pay',
  'to_ship',
  'in_transit',
  'awaiting_rent_start',
  'renting',
  'returning',
  'inspecting',
  'inspected',
  'completed',
  'bought_out',
  'cancelled',
  'not_approved',
  'defaulted',
] as const;
export type CustomerState = (typeof customerStates)[number];

export const customerStateOf: Readonly<Record<OrderState, CustomerState>> = Object.freeze({
  draft: 'reviewing',
  pending_review: 'reviewing',
  approved: 'to_sign',
  awaiting_signature: 'to_sign',
  awaiting_payment: 'to_pay',
  paid: 'to_ship',
  shipped: 'in_transit',
  // Signed for, rent from the next day (DOMAIN §5): not yet renting, so no rent is owed yet.
  delivered: 'awaiting_rent_start',
  active: 'renting',
  renewed: 'renting',
  return_requested: 'returning',
  returning: 'returning',
  inspecting: 'inspecting',
  settled: 'inspected',
  closed: 'completed',
  bought_out: 'bought_out',
  cancelled: 'cancelled',
  rejected: 'not_approved',
  defaulted: 'defaulted',
});

/**
 * Copy may name a timer: {unpaidCancel}, {renewalWindowDays}, {disputeWindowDays}; or a date of the
 * order: {rentStartDate} (the first day of rent, as "1 月 31 日" / "31 January").
 */
const customerStateTexts: Readonly<Record<CustomerState, { label: Text; copy: Text }>> = Object.freeze({
  reviewing: {
    label: text('审核中', 'Under review'),
    copy: text(
      '正在审核您的申请，通常几分钟内完成',
      'We are reviewing your application; this usually takes a few minutes',
    ),
  },
  to_sign: {
    label: text('待签约', 'To sign'),
    copy: text('签约后 1–3 个工作日发货', 'Ships 1–3 business days after you sign'),
  },
  to_pay: {
    label: text('待支付', 'To pay'),
    copy: text(
      '签约后 {unpaidCancel}内未支付，订单将自动取消',
      'Pay within {unpaidCancel} of signing, or the order is cancelled',
    ),
  },
  to_ship: {
    label: text('待发货', 'To ship'),
    copy: text('已支付，1–3 个工作日内发货', 'Paid; ships within 1–3 business days'),
  },
  in_transit: {
    label: text('配送中', 'On its way'),
    copy: text(
      '手机已发出，签收次日开始计算租金',
      'Your phone is on its way; rent starts the day after you sign for it',
    ),
  },
  awaiting_rent_start: {
    label: text('待起租', 'Rent starts soon'),
    copy: text('已签收，{rentStartDate}起计租', 'Delivered; rent starts on {rentStartDate}'),
  },
  renting: {
    label: text('租赁中', 'Renting'),
    copy: text(
      '按时支付租金；到期前 {renewalWindowDays} 天起可续租，也可随时买断或归还',
      'Pay rent on time; renew from {renewalWindowDays} days before the end, or buy out or return at any time',
    ),
  },
  returning: {
    label: text('归还中', 'Returning'),
    copy: text(
      '请将手机交给快递员，快递揽收后停止计算租金',
      'Hand the phone to the courier; rent stops when the courier scans it',
    ),
  },
  inspecting: {
    label: text('检测中', 'Inspecting'),
    copy: text('已收到手机，正在检测', 'We have the phone and are inspecting it'),
  },
  inspected: {
    label: text('检测完成', 'Inspected'),
    copy: text(
      '检测结果与费用明细已出，剩余押金已释放；如有异议请在 {disputeWindowDays} 天内提出',
      'The inspection and its charges are ready and the rest of the deposit is released; dispute within {disputeWindowDays} days',
    ),
  },
  completed: { label: text('已完成', 'Completed'), copy: text('租赁已完成，感谢使用', 'Rental completed. Thank you') },
  bought_out: {
    label: text('已买断', 'Bought out'),
    copy: text('手机已归您所有，押金将原路释放', 'The phone is yours; the deposit is released to where it came from'),
  },
  cancelled: {
    label: text('已取消', 'Cancelled'),
    copy: text('订单已取消，如有已付款项将原路退回', 'Order cancelled; any payment goes back to where it came from'),
  },
  not_approved: {
    label: text('未通过', 'Not approved'),
    copy: text(
      '很抱歉，本次申请未通过审核；如有疑问可申诉',
      'Sorry, this application was not approved; you may appeal',
    ),
  },
  defaulted: {
    label: text('已违约', 'In default'),
    copy: text('订单已逾期违约，请尽快联系客服处理', 'This order is in default; please contact us as soon as possible'),
  },
});

/**
 * What happened to the parcel, when it changes the line of copy (docs/rental.md, "Refused and lost
 * parcels"): sent back and the order cancelled, lost and the order cancelled, lost and sent again (补发).
 */
const parcelCopies = {
  parcel_returned: text(
    '包裹未签收已退回仓库，订单已取消，已付款项将全额原路退回',
    'The parcel was not received and is back at our warehouse; the order is cancelled and what you paid goes back in full',
  ),
  parcel_lost: text(
    '包裹在运输途中丢失，订单已取消，已付款项将全额原路退回',
    'The parcel was lost in transit; the order is cancelled and what you paid goes back in full',
  ),
  return_parcel_lost: text(
    '退货包裹被快递在运输途中丢失，您无需为手机承担任何费用，押金已全额释放',
    'The courier lost your return parcel in transit: you owe nothing for the phone, and the deposit is released in full',
  ),
  // Said only until the channel confirms the release (the release runs after the commit, or the sweep).
  return_parcel_lost_releasing: text(
    '退货包裹被快递在运输途中丢失，您无需为手机承担任何费用，押金将全额释放（支付渠道处理中）',
    'The courier lost your return parcel in transit: you owe nothing for the phone, and the deposit is being released in full (the payment channel is processing it)',
  ),
  return_parcel_lost_no_hold: text(
    '退货包裹被快递在运输途中丢失，您无需为手机承担任何费用',
    'The courier lost your return parcel in transit: you owe nothing for the phone',
  ),
  reshipped: text(
    '原包裹在运输途中丢失，已为您补发新机，新包裹签收次日起计租',
    'The first parcel was lost in transit; we sent another phone. Rent starts the day after you sign for it',
  ),
} as const;

/** What the customer's order says about the deposit after a lost return: released, being released, or none held. */
interface DepositFacts {
  depositAuthorisationId?: string | null;
  depositReleasedAt?: Date | null;
}

function parcelCopy(
  state: CustomerState,
  order: { closeReason?: string | null; reshipped?: boolean; returnParcelLost?: boolean } & DepositFacts,
): Text | null {
  if ((state === 'inspected' || state === 'completed') && order.returnParcelLost === true) {
    if (order.depositAuthorisationId === null) return parcelCopies.return_parcel_lost_no_hold;
    return order.depositReleasedAt === null
      ? parcelCopies.return_parcel_lost_releasing
      : parcelCopies.return_parcel_lost;
  }
  if (state === 'cancelled' && (order.closeReason === 'parcel_returned' || order.closeReason === 'parcel_lost'))
    return parcelCopies[order.closeReason];
  if (state === 'in_transit' && order.reshipped === true) return parcelCopies.reshipped;
  return null;
}

/**
 * The label and line of copy for a customer state, with the operator's timers and the order's dates
 * filled in (an order without its rent start date yet reads "the day after delivery"). A parcel sent
 * back, lost, or lost and sent again says so (`closeReason`, `reshipped`: a 补发 on the timeline), and
 * a return parcel the courier lost says the customer owes nothing (`returnParcelLost`) and where the
 * deposit hold stands: released, still being released by the channel, or none held.
 */
export function customerStateText(
  state: CustomerState,
  timers: RentalTimers,
  order: {
    rentStartDate?: string | null;
    closeReason?: string | null;
    reshipped?: boolean;
    returnParcelLost?: boolean;
  } & DepositFacts = {},
): { label: Text; copy: Text } {
  const { label } = customerStateTexts[state];
  const copy = parcelCopy(state, order) ?? customerStateTexts[state].copy;
  const fill = (locale: Locale) =>
    copy[locale]
      .replaceAll('{unpaidCancel}', durationWords(timers.unpaidOrderCancelMinutes, locale))
      .replaceAll('{renewalWindowDays}', String(timers.renewalWindowDays))
      .replaceAll('{disputeWindowDays}', String(timers.disputeWindowDays))
      .replaceAll('{rentStartDate}', dayWords(order.rentStartDate ?? null, locale));
  return { label, copy: text(fill('zh-CN'), fill('en')) };
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A business date as a customer reads it: "1 月 31 日" / "31 January". */
export function dayWords(date: string | null, locale: Locale): string {
  const match = date === null ? null : /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return locale === 'zh-CN' ? '签收次日' : 'the day after delivery';
  const month = Number(match[1]);
  const day = Number(match[2]);
  return locale === 'zh-CN' ? `${month} 月 ${day} 日` : `${day} ${monthNames[month - 1]}`;
}

function durationWords(minutes: number, locale: Locale): string {
  const hours = minutes / 60;
  if (Number.isInteger(hours)) return locale === 'zh-CN' ? `${hours} 小时` : `${hours} hour${hours === 1 ? '' : 's'}`;
  return locale === 'zh-CN' ? `${minutes} 分钟` : `${minutes} minutes`;
}

export const customerActionList = [
  'sign',
  'pay',
  'cancel',
  'track',
  'view_contract',
  'pay_bill',
  'report_fault',
  'renew',
  'sign_renewal',
  'cancel_renewal',
  'buy_out',
  'pay_buyout',
  'cancel_buyout',
  'return',
  'cancel_return',
  'dispute',
  'rate',
  'appeal',
] as const;
export type CustomerAction = (typeof customerActionList)[number];

/** Customer actions that move the order, and the transition each one asks for. */
export const customerActionTransitions: Readonly<Partial<Record<CustomerAction, OrderAction>>> = Object.freeze({
  sign: 'sign',
  pay: 'pay',
  cancel: 'cancel',
  renew: 'start_renewal',
  sign_renewal: 'renew',
  cancel_renewal: 'abandon_renewal',
  buy_out: 'start_buyout',
  pay_buyout: 'buy_out',
  cancel_buyout: 'abandon_buyout',
  return: 'request_return',
  cancel_return: 'cancel_return',
  report_fault: 'report_fault',
});

const renting: readonly OrderState[] = ['delivered', 'active', 'renewed'];
const withContract: readonly OrderState[] = [
  'awaiting_payment',
  'paid',
  'shipped',
  ...renting,
  'return_requested',
  'returning',
  'inspecting',
  'settled',
  'closed',
  'bought_out',
  'defaulted',
];

/** Customer actions that show or open something without moving the order, and where they apply. */
const otherActions: Readonly<
  Partial<Record<CustomerAction, { states: readonly OrderState[]; hiddenWhen?: OrderFact }>>
> = Object.freeze({
  track: { states: ['shipped', 'return_requested', 'returning'] },
  view_contract: { states: withContract },
  pay_bill: { states: [...renting, 'return_requested', 'returning', 'inspecting', 'settled', 'defaulted'] },
  dispute: { states: ['settled'], hiddenWhen: 'dispute_window_passed' },
  rate: { states: ['settled', 'closed', 'bought_out'] },
  appeal: { states: ['rejected'] },
});

/**
 * The actions to offer now. `facts` holds what is known ahead (`before` facts such as
 * within_renewal_window); a transition whose known-ahead fact is missing or false is not offered.
 */
export function customerActions(order: {
  status: OrderState;
  openAfterSale: AfterSaleKind | null;
  facts?: Partial<Record<OrderFact, boolean>>;
}): CustomerAction[] {
  const facts = order.facts ?? {};
  return customerActionList.filter((action) => {
    const orderAction = customerActionTransitions[action];
    if (orderAction !== undefined) {
      const t = transitionFor(order.status, orderAction);
      if (t === undefined || !t.actors.includes('customer')) return false;
      return t.guards.every((g) => {
        if (g.kind === 'no_after_sale_open') return order.openAfterSale === null;
        if (g.kind === 'after_sale_open') return order.openAfterSale === g.afterSale;
        return orderFacts[g.fact] === 'during' || facts[g.fact] === true;
      });
    }
    const other = otherActions[action];
    if (other === undefined || !other.states.includes(order.status)) return false;
    return other.hiddenWhen === undefined || facts[other.hiddenWhen] !== true;
  });
}
