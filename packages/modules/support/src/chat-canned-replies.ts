// Canned replies for live chat: short, without placeholders (the agent edits them before sending).
import type { LocalText } from './canned-replies';

export const chatCannedReplies: readonly { id: string; title: LocalText; body: LocalText }[] = Object.freeze([
  {
    id: 'chat_greeting',
    title: { 'zh-CN': '问候', en: 'Greeting' },
    body: {
      'zh-CN': '您好，我是租机客服，请问有什么可以帮您？',
      en: 'Hello, this is Zulin support. How can I help you?',
    },
  },
  {
    id: 'chat_checking',
    title: { 'zh-CN': '正在查询', en: 'Checking' },
    body: {
      'zh-CN': '好的，我正在为您查询订单信息，请稍等一两分钟。',
      en: 'Sure, I am looking up your order now; please give me a minute or two.',
    },
  },
  {
    id: 'chat_deposit',
    title: { 'zh-CN': '押金说明', en: 'Deposit' },
    body: {
      'zh-CN': '押金在归还手机并验机通过后原路退回，一般 1–3 个工作日到账。',
      en: 'The deposit goes back to the original payment method once the phone is returned and inspected, usually within 1–3 working days.',
    },
  },
  {
    id: 'chat_anything_else',
    title: { 'zh-CN': '还有其他问题吗', en: 'Anything else' },
    body: {
      'zh-CN': '请问还有其他可以帮您的吗？如果没有，稍后会请您为本次服务打分，谢谢！',
      en: 'Is there anything else I can help with? If not, you will be asked to rate this chat. Thank you!',
    },
  },
]);
