// The server-side catalog of notification templates: per template its category, whether it may go
// out by SMS, the parameters it takes and its text in every language, with `{param}` placeholders.
// Money is rendered with the kernel's formatCny, instants in the operator's time zone.
import type { NotificationCategory } from '@zulin/identity';
import { assert, formatCny, isBusinessDate } from '@zulin/kernel';
import type { NotificationParams } from './schema';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

/**
 * `money`: integer minor units; `count`: a whole number; `instant`: an ISO 8601 instant; `date`: a
 * business date (YYYY-MM-DD); `text`:
 * text the system wrote (a masked phone number); `userText`: text a customer wrote (a bill split's
 * title), shown in the app but never put into an SMS, so that nobody can send texts through us.
 */
export type ParamKind = 'money' | 'count' | 'instant' | 'date' | 'text' | 'userText';

export interface TemplateText {
  title: string;
  body: string;
  /** The SMS, when it must differ from "title: body" (to leave out customer-written text). */
  sms?: string;
}

export interface TemplateDefinition {
  category: NotificationCategory;
  /** May go out by SMS too (when the customer's preferences allow it). */
  sms: boolean;
  /**
   * Where tapping the notification leads in the app; `order_rating` is the rate page of the order
   * named by the template's `orderId` parameter.
   */
  target: 'wallet' | 'bills' | 'order_rating' | null;
  params: Readonly<Record<string, ParamKind>>;
  text: Readonly<Record<Locale, TemplateText>>;
}

const smsSignature: Record<Locale, string> = { 'zh-CN': '【Zulin租赁】', en: '[Zulin] ' };

export const templates = {
  'wallet.top_up_succeeded': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { amountMinor: 'money' },
    text: {
      'zh-CN': { title: '充值成功', body: '您已成功充值 {amountMinor}，已存入钱包余额。' },
      en: { title: 'Top-up received', body: 'Your top-up of {amountMinor} is in your wallet.' },
    },
  },
  'wallet.withdrawal_succeeded': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { amountMinor: 'money' },
    text: {
      'zh-CN': { title: '提现成功', body: '您提现的 {amountMinor} 已转入您的银行卡。' },
      en: { title: 'Withdrawal paid', body: '{amountMinor} has been paid to your bank card.' },
    },
  },
  'wallet.withdrawal_failed': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { amountMinor: 'money' },
    text: {
      'zh-CN': { title: '提现未成功', body: '您提现的 {amountMinor} 未能转入银行卡，款项已退回钱包余额。' },
      en: {
        title: 'Withdrawal failed',
        body: 'Your withdrawal of {amountMinor} could not be paid to your bank card; the money is back in your wallet.',
      },
    },
  },
  'wallet.transfer_received': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { amountMinor: 'money', fromPhoneMasked: 'text' },
    text: {
      'zh-CN': { title: '收到转账', body: '{fromPhoneMasked} 向您转账 {amountMinor}，已存入钱包余额。' },
      en: { title: 'Money received', body: '{fromPhoneMasked} sent you {amountMinor}; it is in your wallet.' },
    },
  },
  'wallet.transfer_sent': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { amountMinor: 'money', toPhoneMasked: 'text' },
    text: {
      'zh-CN': {
        title: '转账成功',
        body: '您已向 {toPhoneMasked} 转账 {amountMinor}。如非本人操作，请立即联系客服。',
      },
      en: {
        title: 'Money sent',
        body: 'You sent {amountMinor} to {toPhoneMasked}. If this was not you, contact support at once.',
      },
    },
  },
  'wallet.bill_split_requested': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { requesterPhoneMasked: 'text', title: 'userText', shareMinor: 'money' },
    text: {
      'zh-CN': {
        title: 'AA 收款请求',
        body: '{requesterPhoneMasked} 发起了 AA 收款「{title}」，您需支付 {shareMinor}。',
        sms: '{requesterPhoneMasked} 向您发起 AA 收款，您需支付 {shareMinor}，请在租机 App 的钱包中查看。',
      },
      en: {
        title: 'Bill split request',
        body: '{requesterPhoneMasked} asked you to split "{title}": your share is {shareMinor}.',
        sms: '{requesterPhoneMasked} asked you to split a bill: your share is {shareMinor}. Open the wallet in the Zulin app to pay.',
      },
    },
  },
  'wallet.bill_split_share_received': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { amountMinor: 'money', fromPhoneMasked: 'text' },
    text: {
      'zh-CN': { title: '收到 AA 付款', body: '{fromPhoneMasked} 支付了 AA 分摊 {amountMinor}，已存入钱包余额。' },
      en: {
        title: 'Bill split share received',
        body: '{fromPhoneMasked} paid their share of {amountMinor}; it is in your wallet.',
      },
    },
  },
  'wallet.bill_split_share_paid': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { amountMinor: 'money', toPhoneMasked: 'text' },
    text: {
      'zh-CN': { title: 'AA 付款成功', body: '您已向 {toPhoneMasked} 支付 AA 分摊 {amountMinor}。' },
      en: { title: 'Bill split share paid', body: 'You paid your share of {amountMinor} to {toPhoneMasked}.' },
    },
  },
  'wallet.bill_split_settled': {
    category: 'wallet',
    sms: false,
    target: 'wallet',
    params: { title: 'userText', totalMinor: 'money' },
    text: {
      'zh-CN': { title: 'AA 收款已完成', body: 'AA 收款「{title}」已全部付清，共 {totalMinor}。' },
      en: { title: 'Bill split settled', body: 'Everyone has paid their share of "{title}": {totalMinor} in total.' },
    },
  },
  'wallet.bill_split_expired': {
    category: 'wallet',
    sms: false,
    target: 'wallet',
    params: { title: 'userText', amountMinor: 'money' },
    text: {
      'zh-CN': { title: 'AA 收款已过期', body: 'AA 收款「{title}」已过期，仍有 {amountMinor} 未付。' },
      en: { title: 'Bill split expired', body: '"{title}" has expired with {amountMinor} still unpaid.' },
    },
  },
  'wallet.bank_card_removed': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { last4: 'text' },
    text: {
      'zh-CN': {
        title: '银行卡已解绑',
        body: '尾号 {last4} 的银行卡已从钱包解绑。如非本人操作，请立即联系客服。',
      },
      en: {
        title: 'Bank card removed',
        body: 'The bank card ending in {last4} was removed from your wallet. If this was not you, contact support at once.',
      },
    },
  },
  'wallet.points_awarded': {
    category: 'wallet',
    sms: false,
    target: 'wallet',
    params: { points: 'count' },
    text: {
      'zh-CN': { title: '积分到账', body: '您获得了 {points} 积分，每 100 积分可抵 ¥1。' },
      en: { title: 'Points earned', body: 'You earned {points} points; every 100 points take ¥1 off.' },
    },
  },
  'wallet.cashback_granted': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { amountMinor: 'money' },
    text: {
      'zh-CN': { title: '返现到账', body: '{amountMinor} 返现已存入您的钱包余额。' },
      en: { title: 'Cashback received', body: '{amountMinor} cashback is in your wallet.' },
    },
  },
  'wallet.dispute_opened': {
    category: 'wallet',
    sms: false,
    target: 'wallet',
    params: { slaDueAt: 'instant' },
    text: {
      'zh-CN': { title: '争议已受理', body: '我们已收到您的交易争议，将在 {slaDueAt} 前给出处理结果。' },
      en: { title: 'Dispute received', body: 'We have received your dispute and will resolve it by {slaDueAt}.' },
    },
  },
  'wallet.dispute_refunded': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: { amountMinor: 'money' },
    text: {
      'zh-CN': { title: '争议已解决', body: '您的交易争议已处理完毕，{amountMinor} 已退回钱包余额。' },
      en: { title: 'Dispute resolved', body: 'Your dispute is resolved: {amountMinor} is back in your wallet.' },
    },
  },
  'wallet.dispute_rejected': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: {},
    text: {
      'zh-CN': { title: '争议处理结果', body: '经核实，您的交易争议未获支持。如有疑问，请联系客服。' },
      en: {
        title: 'Dispute decision',
        body: 'After review, your dispute was not upheld. Contact support if you have questions.',
      },
    },
  },
  'wallet.dispute_escalated': {
    category: 'wallet',
    sms: true,
    target: 'wallet',
    params: {},
    text: {
      'zh-CN': {
        title: '争议已升级处理',
        body: '您的交易争议未能在承诺时间内处理完毕，已升级由专人优先处理。给您带来不便，深表歉意。',
      },
      en: {
        title: 'Dispute escalated',
        body: 'Your dispute was not resolved in the time we promised, so a senior agent now handles it first. We apologise for the delay.',
      },
    },
  },
  // Bills (docs/billing.md): titles are written by the system or by staff, never by customers.
  'bills.bill_issued': {
    category: 'bills',
    sms: false,
    target: 'bills',
    params: { title: 'text', amountMinor: 'money', dueDate: 'date' },
    text: {
      'zh-CN': { title: '新账单', body: '{title}：{amountMinor}，{dueDate} 到期，可在“我的账单”用钱包支付。' },
      en: { title: 'New bill', body: '{title}: {amountMinor}, due {dueDate}. Pay it from your wallet in My bills.' },
    },
  },
  'bills.bill_overdue': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', dueDate: 'date' },
    text: {
      'zh-CN': {
        title: '账单已逾期',
        body: '{title} 已于 {dueDate} 到期，尚有 {outstandingMinor} 未支付，请尽快支付。',
      },
      en: {
        title: 'Bill overdue',
        body: '{title} was due on {dueDate} and {outstandingMinor} is still unpaid. Please pay it soon.',
      },
    },
  },
  'bills.rent_due_soon': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', dueDate: 'date', days: 'count' },
    text: {
      'zh-CN': {
        title: '账单即将到期',
        body: '{title} 将于 {dueDate}（{days} 天后）到期，待支付 {outstandingMinor}。已开通代扣的将在到期日自动扣款。',
      },
      en: {
        title: 'Bill due soon',
        body: '{title} is due on {dueDate} (in {days} days): {outstandingMinor} to pay. With auto-debit it is charged on the due date.',
      },
    },
  },
  'bills.rent_overdue_reminder': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', dueDate: 'date', days: 'count' },
    text: {
      'zh-CN': {
        title: '账单逾期提醒',
        body: '{title} 已于 {dueDate} 到期，已逾期 {days} 天，尚有 {outstandingMinor} 未支付，请尽快支付以免影响信用。',
      },
      en: {
        title: 'Overdue bill reminder',
        body: '{title} was due on {dueDate}, {days} days ago, and {outstandingMinor} is still unpaid. Please pay it soon to protect your credit.',
      },
    },
  },
  // Kept so that rent notices stored before the generic ones below still render; new notices use
  // `bills.auto_debit_failed` / `_final` (billing's autoDebitFailedNotice: rent and installment bills).
  'bills.installment_due_soon': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', dueDate: 'date', days: 'count' },
    text: {
      'zh-CN': {
        title: '分期账单即将到期',
        body: '{title} 将于 {dueDate}（{days} 天后）到期，应还 {outstandingMinor}。您未开通自动扣款，请在到期日前支付。',
      },
      en: {
        title: 'Installment due soon',
        body: '{title} is due on {dueDate} (in {days} days): {outstandingMinor} to pay. Auto-debit is not on, so please pay it by the due date.',
      },
    },
  },
  'bills.installment_due_soon_auto_debit': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', dueDate: 'date', days: 'count' },
    text: {
      'zh-CN': {
        title: '分期账单即将到期',
        body: '{title} 将于 {dueDate}（{days} 天后）到期，应还 {outstandingMinor}，将在到期日通过支付宝自动扣款，请保证余额充足。',
      },
      en: {
        title: 'Installment due soon',
        body: '{title} is due on {dueDate} (in {days} days): {outstandingMinor}, which auto-debit through Alipay will take on the due date. Please keep enough money in the account.',
      },
    },
  },
  'bills.installment_overdue_reminder': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', dueDate: 'date', days: 'count' },
    text: {
      'zh-CN': {
        title: '分期账单逾期提醒',
        body: '{title} 已于 {dueDate} 到期，已逾期 {days} 天，尚有 {outstandingMinor} 未还（含罚息）。您未开通自动扣款，请尽快支付以免影响信用。',
      },
      en: {
        title: 'Installment overdue',
        body: '{title} was due on {dueDate}, {days} days ago, and {outstandingMinor} is still unpaid (penalty included). Auto-debit is not on: please pay it soon to protect your credit.',
      },
    },
  },
  'bills.installment_overdue_reminder_auto_debit': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', dueDate: 'date', days: 'count' },
    text: {
      'zh-CN': {
        title: '分期账单逾期提醒',
        body: '{title} 已于 {dueDate} 到期，已逾期 {days} 天，尚有 {outstandingMinor} 未还（含罚息）。自动扣款将再次尝试扣款，您也可以现在手动支付以免影响信用。',
      },
      en: {
        title: 'Installment overdue',
        body: '{title} was due on {dueDate}, {days} days ago, and {outstandingMinor} is still unpaid (penalty included). Auto-debit will try again; you can also pay now to protect your credit.',
      },
    },
  },
  'bills.rent_auto_debit_failed': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', retryDate: 'date' },
    text: {
      'zh-CN': {
        title: '自动扣款失败',
        body: '{title} 自动扣款 {outstandingMinor} 未成功，将于 {retryDate} 重试；也可以现在手动支付。',
      },
      en: {
        title: 'Auto-debit failed',
        body: 'The auto-debit of {outstandingMinor} for {title} did not go through. We will try again on {retryDate}, or you can pay now.',
      },
    },
  },
  'bills.rent_auto_debit_failed_final': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', dueDate: 'date' },
    text: {
      'zh-CN': {
        title: '自动扣款失败',
        body: '{title}（{dueDate} 到期）自动扣款 {outstandingMinor} 未成功，且不再重试，请尽快手动支付以免影响信用。',
      },
      en: {
        title: 'Auto-debit failed',
        body: 'The auto-debit of {outstandingMinor} for {title} (due {dueDate}) did not go through and will not be retried. Please pay it soon to protect your credit.',
      },
    },
  },
  // A refused auto-debit of any bill (rent, installment period): billing's autoDebitFailedNotice.
  'bills.auto_debit_failed': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', retryDate: 'date' },
    text: {
      'zh-CN': {
        title: '自动扣款失败',
        body: '{title} 自动扣款 {outstandingMinor} 未成功，将于 {retryDate} 重试；也可以现在手动支付。',
      },
      en: {
        title: 'Auto-debit failed',
        body: 'The auto-debit of {outstandingMinor} for {title} did not go through. We will try again on {retryDate}, or you can pay now.',
      },
    },
  },
  'bills.auto_debit_failed_final': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', dueDate: 'date' },
    text: {
      'zh-CN': {
        title: '自动扣款失败',
        body: '{title}（{dueDate} 到期）自动扣款 {outstandingMinor} 未成功，且不再重试，请尽快手动支付以免影响信用。',
      },
      en: {
        title: 'Auto-debit failed',
        body: 'The auto-debit of {outstandingMinor} for {title} (due {dueDate}) did not go through and will not be retried. Please pay it soon to protect your credit.',
      },
    },
  },
  'bills.bill_paid': {
    category: 'bills',
    sms: false,
    target: 'bills',
    params: { title: 'text', amountMinor: 'money' },
    text: {
      'zh-CN': { title: '账单已结清', body: '您已支付 {amountMinor}，{title} 已结清。' },
      en: { title: 'Bill paid', body: 'You paid {amountMinor}; {title} is settled.' },
    },
  },
  'bills.bill_part_paid': {
    category: 'bills',
    sms: false,
    target: 'bills',
    params: { title: 'text', amountMinor: 'money', outstandingMinor: 'money' },
    text: {
      'zh-CN': { title: '已部分支付', body: '您已为 {title} 支付 {amountMinor}，还需支付 {outstandingMinor}。' },
      en: { title: 'Part paid', body: 'You paid {amountMinor} towards {title}; {outstandingMinor} is still to pay.' },
    },
  },
  'bills.bill_waived': {
    category: 'bills',
    sms: false,
    target: 'bills',
    params: { title: 'text', amountMinor: 'money' },
    text: {
      'zh-CN': { title: '账单已减免', body: '{title} 已为您减免 {amountMinor}。' },
      en: { title: 'Bill reduced', body: '{amountMinor} of {title} has been waived for you.' },
    },
  },
  'bills.bill_withdrawn': {
    category: 'bills',
    sms: false,
    target: 'bills',
    params: { title: 'text', amountMinor: 'money' },
    text: {
      // Neutral on why: an order cancelled, or an after-sale action (renewal, buyout, return) dropped.
      'zh-CN': { title: '账单已撤销', body: '{title} 已撤销，您无需再支付 {amountMinor}。' },
      en: { title: 'Bill withdrawn', body: '{title} was withdrawn: you no longer pay {amountMinor}.' },
    },
  },
  'feedback.replied': {
    category: 'account',
    sms: true,
    target: null,
    params: { submittedOn: 'date' },
    text: {
      'zh-CN': { title: '您的反馈有了回复', body: '您在 {submittedOn} 提交的反馈已有回复，请在“我的反馈”中查看。' },
      en: {
        title: 'Your feedback has a reply',
        body: 'Your feedback of {submittedOn} has a reply; see "My feedback".',
      },
    },
  },
  'feedback.valuable': {
    category: 'account',
    sms: false,
    target: 'wallet',
    params: { points: 'count' },
    text: {
      'zh-CN': { title: '感谢您的宝贵反馈', body: '您的反馈被评为有价值的反馈，{points} 积分已存入您的钱包。' },
      en: {
        title: 'Thank you for your feedback',
        body: 'Your feedback was marked valuable: {points} points are in your wallet.',
      },
    },
  },
  'feedback.rating_reminder': {
    category: 'orders',
    sms: true,
    target: 'order_rating',
    params: { orderId: 'text', closesOn: 'date' },
    text: {
      'zh-CN': {
        title: '邀请您评价本次租赁',
        body: '您的订单 {orderId} 已结束，欢迎在 {closesOn} 前为本次租赁评价，帮助我们做得更好。',
      },
      en: {
        title: 'How was your rental?',
        body: 'Your order {orderId} has ended. Rate the rental by {closesOn} to help us do better.',
      },
    },
  },
  'logistics.pickup_ready': {
    category: 'orders',
    sms: true,
    target: null,
    params: { store: 'text', address: 'text', pickupCode: 'text', shelfUntil: 'date' },
    text: {
      'zh-CN': {
        title: '您的手机已到店，请凭取件码自提',
        body: '您的租赁手机已到达{store}（{address}），取件码 {pickupCode}，请于 {shelfUntil} 前到店出示取件码领取，逾期将退回仓库并取消订单。',
      },
      en: {
        title: 'Your phone is ready at the store',
        body: 'Your rental phone is at {store} ({address}). Pick-up code {pickupCode}; collect it by {shelfUntil}, after which it goes back to the warehouse and the order is cancelled.',
      },
    },
  },
  'installment.order_expired': {
    category: 'orders',
    sms: true,
    target: null,
    params: { deviceName: 'text', deadlineAt: 'instant' },
    text: {
      'zh-CN': {
        title: '分期订单已过期',
        body: '您的分期订单（{deviceName}）未在 {deadlineAt} 前完成签约和首付，已自动取消，为您保留的手机已释放。如仍需要，请重新下单。',
      },
      en: {
        title: 'Installment order expired',
        body: 'Your installment order ({deviceName}) was not signed and paid by {deadlineAt}, so it has been cancelled and the phone held for you released. Place a new order if you still want it.',
      },
    },
  },
  'installment.order_expired_refunded': {
    category: 'orders',
    sms: true,
    target: null,
    params: { deviceName: 'text', deadlineAt: 'instant', refundMinor: 'money' },
    text: {
      'zh-CN': {
        title: '分期订单已过期',
        body: '您的分期订单（{deviceName}）未在 {deadlineAt} 前完成签约和首付，已自动取消，为您保留的手机已释放。已付的 {refundMinor} 首付款将全额原路退回。',
      },
      en: {
        title: 'Installment order expired',
        body: 'Your installment order ({deviceName}) was not signed and paid by {deadlineAt}, so it has been cancelled and the phone held for you released. The {refundMinor} of down payment you paid goes back in full to where it came from.',
      },
    },
  },
  'installment.parcel_returned_cancelled': {
    category: 'orders',
    sms: true,
    target: null,
    params: { deviceName: 'text', waybillNo: 'text', refundMinor: 'money' },
    text: {
      'zh-CN': {
        title: '包裹已退回，分期订单已取消',
        body: '您的分期手机（{deviceName}）包裹（运单 {waybillNo}）未能签收，已退回仓库，订单已取消，之后不会再产生分期账单。已付的 {refundMinor} 首付款将全额原路退回。',
      },
      en: {
        title: 'Parcel returned; installment order cancelled',
        body: 'The parcel with your installment phone ({deviceName}, waybill {waybillNo}) was not received and is back at our warehouse, so the order is cancelled and no installment will be billed. The {refundMinor} of down payment you paid goes back in full to where it came from.',
      },
    },
  },
  'installment.parcel_returned_to_reship': {
    category: 'orders',
    sms: true,
    target: null,
    params: { deviceName: 'text', waybillNo: 'text' },
    text: {
      'zh-CN': {
        title: '包裹已退回仓库',
        body: '您的分期手机（{deviceName}）包裹（运单 {waybillNo}）未能签收，已退回仓库。客服将联系您确认收货地址并重新发货；如有疑问请联系客服。',
      },
      en: {
        title: 'Your parcel came back to our warehouse',
        body: 'The parcel with your installment phone ({deviceName}, waybill {waybillNo}) was not received and is back at our warehouse. Our service team will contact you to confirm the address and send it again; contact us with any question.',
      },
    },
  },
  'installment.parcel_lost_cancelled': {
    category: 'orders',
    sms: true,
    target: null,
    params: { deviceName: 'text', waybillNo: 'text', refundMinor: 'money' },
    text: {
      'zh-CN': {
        title: '包裹丢失，分期订单已取消',
        body: '很抱歉，您的分期手机（{deviceName}）包裹（运单 {waybillNo}）在运输途中丢失，订单已取消，之后不会再产生分期账单。已付的 {refundMinor} 首付款将全额原路退回。',
      },
      en: {
        title: 'Parcel lost; installment order cancelled',
        body: 'We are sorry: the parcel with your installment phone ({deviceName}, waybill {waybillNo}) was lost in transit, so the order is cancelled and no installment will be billed. The {refundMinor} of down payment you paid goes back in full to where it came from.',
      },
    },
  },
  'installment.parcel_lost_to_reship': {
    category: 'orders',
    sms: true,
    target: null,
    params: { deviceName: 'text', waybillNo: 'text' },
    text: {
      'zh-CN': {
        title: '包裹丢失，将为您重新发货',
        body: '很抱歉，您的分期手机（{deviceName}）包裹（运单 {waybillNo}）在运输途中丢失。我们将为您重新发出一台，发货后会通知您新的运单号。',
      },
      en: {
        title: 'Parcel lost: we will send your phone again',
        body: 'We are sorry: the parcel with your installment phone ({deviceName}, waybill {waybillNo}) was lost in transit. We will send you another one and tell you the new waybill when it ships.',
      },
    },
  },
  'logistics.parcel_suspected_lost': {
    category: 'orders',
    sms: true,
    target: null,
    params: { waybillNo: 'text' },
    text: {
      'zh-CN': {
        title: '物流异常，我们正在与快递公司核实',
        body: '您的手机包裹（运单 {waybillNo}）物流异常，我们正在与快递公司核实，有结果会第一时间通知您，您无需任何操作。',
      },
      en: {
        title: 'Delivery problem: we are checking with the courier',
        body: 'Something is wrong with the delivery of your phone’s parcel (waybill {waybillNo}). We are checking with the courier and will tell you as soon as we know; you need not do anything.',
      },
    },
  },
  'rental.parcel_returned_cancelled': {
    category: 'orders',
    sms: true,
    target: null,
    params: { refundMinor: 'money' },
    text: {
      'zh-CN': {
        title: '包裹已退回，订单已取消',
        body: '您的租赁手机包裹未能签收，已退回仓库，订单已取消。已付的 {refundMinor} 将全额原路退回，押金授权随之解除。',
      },
      en: {
        title: 'Parcel returned; order cancelled',
        body: 'Your rental phone’s parcel was not received and is back at our warehouse, so the order is cancelled. The {refundMinor} you paid goes back in full to where it came from, and the deposit hold is released.',
      },
    },
  },
  'rental.parcel_reshipped': {
    category: 'orders',
    sms: true,
    target: null,
    params: { lostWaybillNo: 'text', waybillNo: 'text' },
    text: {
      'zh-CN': {
        title: '包裹丢失，已为您补发',
        body: '很抱歉，您的租赁手机包裹（运单 {lostWaybillNo}）在运输途中丢失，我们已为您补发一台新机，新运单号 {waybillNo}。租金自新包裹签收次日起计算。',
      },
      en: {
        title: 'Parcel lost; we sent another phone',
        body: 'Sorry: your rental phone’s parcel (waybill {lostWaybillNo}) was lost in transit. We have sent you another phone, waybill {waybillNo}. Rent starts the day after you sign for the new parcel.',
      },
    },
  },
  'rental.parcel_lost_cancelled': {
    category: 'orders',
    sms: true,
    target: null,
    params: { lostWaybillNo: 'text', refundMinor: 'money' },
    text: {
      'zh-CN': {
        title: '包裹丢失，订单已取消',
        body: '很抱歉，您的租赁手机包裹（运单 {lostWaybillNo}）在运输途中丢失，且暂无现货补发，订单已取消。已付的 {refundMinor} 将全额原路退回，押金授权随之解除。',
      },
      en: {
        title: 'Parcel lost; order cancelled',
        body: 'Sorry: your rental phone’s parcel (waybill {lostWaybillNo}) was lost in transit and we cannot send another, so the order is cancelled. The {refundMinor} you paid goes back in full to where it came from, and the deposit hold is released.',
      },
    },
  },
  // The courier lost a return parcel it had collected (rental confirm-return-lost.ts): the customer
  // owes nothing for the phone, and the deposit hold left is released in full.
  'rental.return_parcel_lost': {
    category: 'orders',
    sms: true,
    target: null,
    params: { waybillNo: 'text', releaseMinor: 'money' },
    text: {
      'zh-CN': {
        title: '退货包裹丢失，您无需承担费用',
        body: '很抱歉，您寄回的租赁手机（退货运单 {waybillNo}）被快递在运输途中丢失。手机由快递负责赔偿，您无需承担任何费用；押金冻结的 {releaseMinor} 将全额解冻，订单随之结算。',
      },
      en: {
        title: 'Return parcel lost: you owe nothing',
        body: 'Sorry: the courier lost the rental phone you sent back (return waybill {waybillNo}) in transit. The courier answers for the phone and you owe nothing; the {releaseMinor} held as your deposit is released in full and the order is settled.',
      },
    },
  },
  'rental.return_parcel_lost_no_hold': {
    category: 'orders',
    sms: true,
    target: null,
    params: { waybillNo: 'text' },
    text: {
      'zh-CN': {
        title: '退货包裹丢失，您无需承担费用',
        body: '很抱歉，您寄回的租赁手机（退货运单 {waybillNo}）被快递在运输途中丢失。手机由快递负责赔偿，您无需承担任何费用，订单随之结算。',
      },
      en: {
        title: 'Return parcel lost: you owe nothing',
        body: 'Sorry: the courier lost the rental phone you sent back (return waybill {waybillNo}) in transit. The courier answers for the phone, you owe nothing, and the order is settled.',
      },
    },
  },
  // A person resolved the customer's dispute of a return inspection (rental resolve-inspection-dispute.ts):
  // the charge stands, or a credit — waived on the inspection's bill first, the rest given back.
  'rental.inspection_dispute_upheld': {
    category: 'orders',
    sms: true,
    target: null,
    params: { chargeMinor: 'money' },
    text: {
      'zh-CN': {
        title: '验机申诉结果：维持原判',
        body: '我们复核了您对归还检测结果的申诉，检测结果维持不变，检测费用 {chargeMinor} 不作调整。如有疑问可在客服工单中继续沟通。',
      },
      en: {
        title: 'Inspection dispute: the result stands',
        body: 'We reviewed your dispute of the return inspection. The result stands and the inspection charge of {chargeMinor} is unchanged. You can keep talking to us on the support ticket.',
      },
    },
  },
  'rental.inspection_dispute_adjusted': {
    category: 'orders',
    sms: true,
    target: null,
    params: { creditMinor: 'money', waivedMinor: 'money', refundMinor: 'money' },
    text: {
      'zh-CN': {
        title: '验机申诉结果：已调整',
        body: '我们复核了您对归还检测结果的申诉，检测费用减少 {creditMinor}：未付账单减免 {waivedMinor}，已扣或已付的 {refundMinor} 退还给您（押金扣款退回钱包，账单付款原路退回）。',
      },
      en: {
        title: 'Inspection dispute: charge reduced',
        body: 'We reviewed your dispute of the return inspection and reduced the charge by {creditMinor}: {waivedMinor} off the unpaid bill, and {refundMinor} already taken or paid goes back to you (a deposit capture to your wallet, a bill payment to where it came from).',
      },
    },
  },
  // Auto-debit agreements that ended without the customer asking us (payments.agreement_ended,
  // payments-subscribers.ts): ended at the channel — with the next unpaid bill when there is one —
  // or a signing never finished in a day. The bill title is written by the system or staff.
  'bills.auto_debit_ended': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: { title: 'text', outstandingMinor: 'money', dueDate: 'date' },
    text: {
      'zh-CN': {
        title: '自动扣款已停止',
        body: '支付宝通知我们，您的自动扣款协议已解除，之后的账单不会再自动扣款。下一笔账单“{title}”{outstandingMinor} 将于 {dueDate} 到期，请在“我的账单”中手动支付。如需继续自动扣款，可重新开通。',
        sms: '支付宝通知我们，您的自动扣款协议已解除。下一笔账单 {outstandingMinor} 将于 {dueDate} 到期，请在租机 App 的“我的账单”中手动支付。',
      },
      en: {
        title: 'Auto-debit stopped',
        body: 'Alipay told us your auto-debit agreement has ended, so bills are no longer taken automatically. Your next bill, "{title}", {outstandingMinor}, is due on {dueDate}: please pay it yourself in My bills. You can turn auto-debit on again at any time.',
        sms: 'Alipay told us your auto-debit agreement has ended. Your next bill of {outstandingMinor} is due on {dueDate}: please pay it yourself in My bills in the Zulin app.',
      },
    },
  },
  'bills.auto_debit_ended_no_bill': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: {},
    text: {
      'zh-CN': {
        title: '自动扣款已停止',
        body: '支付宝通知我们，您的自动扣款协议已解除，之后的账单不会再自动扣款，您的下一笔账单需要手动支付。如需继续自动扣款，可重新开通。',
        sms: '支付宝通知我们，您的自动扣款协议已解除，下一笔账单请在租机 App 的“我的账单”中手动支付。',
      },
      en: {
        title: 'Auto-debit stopped',
        body: 'Alipay told us your auto-debit agreement has ended, so bills are no longer taken automatically: your next bill must be paid by hand. You can turn auto-debit on again at any time.',
        sms: 'Alipay told us your auto-debit agreement has ended. Please pay your next bill yourself in My bills in the Zulin app.',
      },
    },
  },
  'bills.auto_debit_signing_expired': {
    category: 'bills',
    sms: true,
    target: 'bills',
    params: {},
    text: {
      'zh-CN': {
        title: '自动扣款未开通',
        body: '您发起的支付宝自动扣款签约一天内未完成，已失效，自动扣款没有开通，账单需要手动支付。如需自动扣款，请重新开通。',
        sms: '您的支付宝自动扣款签约一天内未完成，已失效。账单请在租机 App 中手动支付，或重新开通自动扣款。',
      },
      en: {
        title: 'Auto-debit not turned on',
        body: 'The Alipay auto-debit agreement you started was not signed within a day and has lapsed, so auto-debit is not on and bills must be paid by hand. Turn it on again if you want it.',
        sms: 'Your Alipay auto-debit agreement was not signed within a day and has lapsed. Please pay bills yourself in the Zulin app, or turn auto-debit on again.',
      },
    },
  },
  'support.ticket_replied': {
    category: 'account',
    sms: true,
    target: null,
    params: { ticketNo: 'text' },
    text: {
      'zh-CN': { title: '工单有新回复', body: '客服已回复您的工单 {ticketNo}，请在“我的工单”中查看。' },
      en: { title: 'New reply on your ticket', body: 'Support replied to your ticket {ticketNo}; see "My tickets".' },
    },
  },
} as const satisfies Record<string, TemplateDefinition>;

export type TemplateKey = keyof typeof templates;

export function isTemplateKey(key: string): key is TemplateKey {
  return Object.hasOwn(templates, key);
}

export function templateOf(key: string): TemplateDefinition {
  assert(isTemplateKey(key), `unknown notification template: ${key}`);
  return templates[key];
}

const placeholderPattern = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The parameter names a text refers to. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(placeholderPattern)].map((m) => m[1] as string);
}

/**
 * Checks parameters against the template before they are stored: each declared one present, of its
 * kind, and nothing else. The callers are our own subscribers, so a mismatch is a bug (assertion).
 */
export function assertParams(key: string, params: NotificationParams): void {
  const definition = templateOf(key);
  for (const [name, kind] of Object.entries(definition.params)) {
    const value = params[name];
    assert(value !== undefined, `${key}: parameter ${name} is missing`);
    if (kind === 'money' || kind === 'count') {
      assert(Number.isSafeInteger(value), `${key}: ${name} must be an integer, got ${String(value)}`);
    } else if (kind === 'instant') {
      assert(typeof value === 'string' && Number.isFinite(Date.parse(value)), `${key}: ${name} must be an instant`);
    } else if (kind === 'date') {
      assert(typeof value === 'string' && isBusinessDate(value), `${key}: ${name} must be a date (YYYY-MM-DD)`);
    } else {
      assert(typeof value === 'string', `${key}: ${name} must be text`);
      assert(value.length <= 200, `${key}: ${name} is longer than 200 characters`);
    }
  }
  for (const name of Object.keys(params)) {
    assert(Object.hasOwn(definition.params, name), `${key}: parameter ${name} is not declared`);
  }
}

/**
 * What is wrong with a template, if anything: a language missing or with an empty title or body, a
 * declared parameter not said in some language, a placeholder that is not declared, an SMS override
 * in one language only, or customer-written text in the SMS. Tests run it over the whole catalog.
 */
export function templateProblems(key: string, definition: TemplateDefinition): string[] {
  const problems: string[] = [];
  const declared = Object.keys(definition.params);
  for (const locale of locales) {
    const text = definition.text[locale] as TemplateText | undefined;
    if (text === undefined) {
      problems.push(`${key}: no ${locale} text`);
      continue;
    }
    if (text.title.trim() === '') problems.push(`${key}: empty ${locale} title`);
    if (text.body.trim() === '') problems.push(`${key}: empty ${locale} body`);
    const used = new Set(placeholdersOf(`${text.title} ${text.body}`));
    for (const name of declared) if (!used.has(name)) problems.push(`${key}: ${locale} never says {${name}}`);
    for (const name of [...used, ...placeholdersOf(text.sms ?? '')]) {
      if (!declared.includes(name)) problems.push(`${key}: ${locale} refers to undeclared {${name}}`);
    }
    const sms = text.sms ?? `${text.title} ${text.body}`;
    if (definition.sms && placeholdersOf(sms).some((name) => definition.params[name] === 'userText')) {
      problems.push(`${key}: ${locale} SMS would carry customer-written text`);
    }
  }
  if (definition.target === 'order_rating' && definition.params.orderId !== 'text') {
    problems.push(`${key}: an order_rating target needs an orderId text parameter`);
  }
  const overrides = new Set(locales.map((l) => definition.text[l]?.sms === undefined));
  if (overrides.size > 1) problems.push(`${key}: an SMS text in one language only`);
  return problems;
}

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** `2026-03-05 10:00` in the operator's time zone (the same in both languages). */
export function formatInstant(iso: string, timeZone: string): string {
  let format = instantFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    instantFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function formatParam(kind: ParamKind, value: string | number, locale: Locale, timeZone: string): string {
  switch (kind) {
    case 'money':
      return formatCny(Number(value), locale);
    case 'count':
      return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
    case 'instant':
      return formatInstant(String(value), timeZone);
    case 'date':
    case 'text':
    case 'userText':
      return String(value);
  }
}

function interpolate(
  definition: TemplateDefinition,
  text: string,
  params: NotificationParams,
  options: { locale: Locale; timeZone: string },
): string {
  return text.replace(placeholderPattern, (_, name: string) => {
    const kind = definition.params[name];
    const value = params[name];
    assert(kind !== undefined && value !== undefined, `placeholder {${name}} has no parameter`);
    return formatParam(kind, value, options.locale, options.timeZone);
  });
}

export interface RenderedNotification {
  title: string;
  body: string;
}

/** The title and body of a notification in one language. */
export function renderNotification(
  key: string,
  params: NotificationParams,
  options: { locale: Locale; timeZone: string },
): RenderedNotification {
  const definition = templateOf(key);
  const text = definition.text[options.locale];
  return {
    title: interpolate(definition, text.title, params, options),
    body: interpolate(definition, text.body, params, options),
  };
}

/** The text of the SMS: the signature, then the template's SMS text or "title: body". */
export function renderSms(key: string, params: NotificationParams, options: { locale: Locale; timeZone: string }) {
  const definition = templateOf(key);
  const text = definition.text[options.locale];
  const source = text.sms ?? `${text.title}${options.locale === 'zh-CN' ? '：' : ': '}${text.body}`;
  for (const name of placeholdersOf(source)) {
    assert(definition.params[name] !== 'userText', `${key}: customer-written {${name}} would go into an SMS`);
  }
  return `${smsSignature[options.locale]}${interpolate(definition, source, params, options)}`;
}

/**
 * The language to answer in, from an `Accept-Language` header: the supported language with the
 * highest weight (`zh`, `zh-CN`, `zh-Hans` → zh-CN; `en`, `en-US` → en); zh-CN when none matches.
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return defaultLocale;
  const ranges = header
    .split(',')
    .slice(0, 20) // a header is a short list; more is not a browser's
    .map((part, position) => {
      const [tag = '', ...attributes] = part.trim().split(';');
      const q = attributes.map((a) => a.trim()).find((a) => a.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, position };
    })
    .filter((r) => r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.position - b.position);
  for (const { tag } of ranges) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === '*') return defaultLocale;
  }
  return defaultLocale;
}
