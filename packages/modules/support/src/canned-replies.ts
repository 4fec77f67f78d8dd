// Canned replies: texts an agent picks and edits before sending, kept as data in both languages.
// Placeholders are `{name}`; rendering refuses a reply with a placeholder left unfilled, so a
// customer never reads "{orderNo}".
import { SupportErrors } from './errors';
import { SupportLimits } from './limits';
import type { TicketKind } from './tickets';

export type Locale = 'zh-CN' | 'en';

export interface LocalText {
  'zh-CN': string;
  en: string;
}

export interface CannedReply {
  id: string;
  /** The ticket kinds the reply is offered for; empty means every kind. */
  kinds: readonly TicketKind[];
  title: LocalText;
  body: LocalText;
}

export const cannedReplies: readonly CannedReply[] = Object.freeze([
  {
    id: 'greeting',
    kinds: [],
    title: { 'zh-CN': '已收到', en: 'Received' },
    body: {
      'zh-CN': '您好，我们已收到您的问题（工单 {ticketNo}），正在处理，有进展会第一时间通知您。',
      en: 'Hello, we have received your request (ticket {ticketNo}) and are working on it. We will let you know as soon as there is news.',
    },
  },
  {
    id: 'fault_swap',
    kinds: ['fault'],
    title: { 'zh-CN': '安排换机', en: 'Swap arranged' },
    body: {
      'zh-CN':
        '很抱歉手机给您带来不便。我们已为订单 {orderNo} 安排换机，新机预计 {date} 送达，旧机请交给上门的快递员。手机无法使用的天数不收租金。',
      en: 'We are sorry for the trouble with your phone. We have arranged a replacement for order {orderNo}; it should arrive by {date}. Please hand the old phone to the courier. Days without a working phone are not charged.',
    },
  },
  {
    id: 'fault_troubleshoot',
    kinds: ['fault'],
    title: { 'zh-CN': '排查步骤', en: 'Troubleshooting steps' },
    body: {
      'zh-CN':
        '请先尝试：1. 长按电源键重启；2. 检查系统是否有更新；3. 如仍无法解决，请回复故障照片或视频，我们会安排维修或换机。',
      en: 'Please try: 1. hold the power button to restart; 2. check for a system update; 3. if the problem persists, reply with a photo or video of it and we will arrange a repair or a replacement.',
    },
  },
  {
    id: 'billing_refund_started',
    kinds: ['billing'],
    title: { 'zh-CN': '已发起退款', en: 'Refund started' },
    body: {
      'zh-CN': '已为您发起退款 {amount}，将原路退回，一般 1–3 个工作日到账，具体以支付渠道为准。',
      en: 'We have started a refund of {amount} to the original payment method. It usually arrives within 1–3 working days, depending on the payment channel.',
    },
  },
  {
    id: 'billing_explain_debit',
    kinds: ['billing'],
    title: { 'zh-CN': '扣款说明', en: 'About the debit' },
    body: {
      'zh-CN':
        '这笔 {amount} 是订单 {orderNo} 在 {date} 到期的租金，按您开通的自动扣款扣除。账单明细可在“我的账单”中查看。',
      en: 'The {amount} is the rent of order {orderNo} due on {date}, taken by the auto-debit you set up. You can see the details under "My bills".',
    },
  },
  {
    id: 'logistics_delayed',
    kinds: ['logistics'],
    title: { 'zh-CN': '物流延误', en: 'Delivery delayed' },
    body: {
      'zh-CN': '很抱歉，您的包裹（运单号 {waybillNo}）在运输中延误，我们已联系承运商催促，预计 {date} 送达。',
      en: 'We are sorry: your parcel (waybill {waybillNo}) is delayed in transit. We have chased the carrier and expect it to arrive by {date}.',
    },
  },
  {
    id: 'logistics_pickup_booked',
    kinds: ['logistics'],
    title: { 'zh-CN': '已预约取件', en: 'Pick-up booked' },
    body: {
      'zh-CN': '已为您预约 {date} 上门取件。快递员揽收扫描后租金即停止计算，请保留好包装内的配件。',
      en: 'We have booked a pick-up on {date}. Rent stops when the courier scans the parcel. Please pack all the accessories with the phone.',
    },
  },
  {
    id: 'account_verify',
    kinds: ['account'],
    title: { 'zh-CN': '身份核验', en: 'Identity check' },
    body: {
      'zh-CN': '为保护您的账户安全，请在 App 中重新完成实名认证后再试。我们的客服不会索要您的验证码或密码。',
      en: 'To keep your account safe, please complete the identity check again in the app and retry. Our staff will never ask for your codes or passwords.',
    },
  },
  {
    id: 'complaint_ack',
    kinds: ['complaint'],
    title: { 'zh-CN': '投诉受理', en: 'Complaint received' },
    body: {
      'zh-CN': '您的投诉（工单 {ticketNo}）已由专人负责，我们会在 {date} 前给您答复。给您带来不好的体验，非常抱歉。',
      en: 'Your complaint (ticket {ticketNo}) is with a dedicated person, who will answer you by {date}. We are sorry for the poor experience.',
    },
  },
  {
    id: 'resolved_followup',
    kinds: [],
    title: { 'zh-CN': '问题已解决', en: 'Resolved' },
    body: {
      'zh-CN': '您的问题已处理完毕。如仍有疑问，可在 7 天内直接回复本工单，我们会重新跟进。',
      en: 'Your request has been dealt with. If anything is still unclear, reply to this ticket within 7 days and we will pick it up again.',
    },
  },
]);

/** The replies offered for a ticket of `kind`. */
export function cannedRepliesFor(kind: TicketKind): CannedReply[] {
  return cannedReplies.filter((reply) => reply.kinds.length === 0 || reply.kinds.includes(kind));
}

const placeholderPattern = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** The placeholders of a text, in order of first appearance. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(placeholderPattern)].map((m) => m[1] ?? ''))];
}

/** The reply's body in `locale` with every placeholder filled, or a typed error naming the missing ones. */
export function renderCannedReply(
  id: string,
  locale: Locale,
  variables: Readonly<Record<string, string>>,
  replies: readonly CannedReply[] = cannedReplies,
): string {
  const reply = replies.find((r) => r.id === id);
  if (reply === undefined) throw SupportErrors.SUPPORT_CANNED_REPLY_NOT_FOUND({ detail: `No canned reply ${id}.` });
  const entries = Object.entries(variables);
  if (entries.length > SupportLimits.cannedReplyVariablesMax) {
    throw SupportErrors.SUPPORT_CANNED_REPLY_VARIABLES({ detail: 'Too many values.' });
  }
  const text = reply.body[locale];
  const missing = placeholdersOf(text).filter((name) => (variables[name] ?? '').trim().length === 0);
  if (missing.length > 0) {
    throw SupportErrors.SUPPORT_CANNED_REPLY_VARIABLES({ detail: `Missing values for: ${missing.join(', ')}.` });
  }
  return text.replace(placeholderPattern, (_, name: string) =>
    (variables[name] ?? '').slice(0, SupportLimits.cannedReplyVariableLengthMax),
  );
}
