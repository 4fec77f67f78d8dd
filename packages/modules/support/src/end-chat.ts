// Either side ends a chat (the customer also while it is still queued). The customer is then asked
// for a 1–5 rating when an agent talked to them.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { type ChatRow, changeChat, loadChat } from './chats';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { assertHolder } from './transfer-chat';

export async function endChat(
  tx: Executor,
  deps: SupportDeps,
  options: { chatId: string } & ({ customerId: string } | { staff: StaffPrincipal }),
): Promise<ChatRow> {
  const byCustomer = 'customerId' in options;
  const chat = await loadChat(tx, options.chatId, {
    forUpdate: true,
    ...(byCustomer ? { customerId: options.customerId } : {}),
  });
  if (chat.state === 'ended') return chat;
  if (byCustomer) return changeChat(tx, deps, chat, { to: 'ended', event: 'ended', endReason: 'customer_ended' });
  if (chat.state !== 'active') throw SupportErrors.SUPPORT_CHAT_STATE_INVALID({ detail: 'Take the chat first.' });
  assertHolder(chat, options.staff);
  return changeChat(tx, deps, chat, { to: 'ended', event: 'ended', staff: options.staff, endReason: 'agent_ended' });
}
