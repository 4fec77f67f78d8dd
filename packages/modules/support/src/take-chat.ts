// An agent takes a queued chat: it becomes active and theirs; the customer sees who joined.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { type ChatRow, changeChat, loadChat } from './chats';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';

export async function takeChat(
  tx: Executor,
  deps: SupportDeps,
  options: { staff: StaffPrincipal; chatId: string },
): Promise<ChatRow> {
  const chat = await loadChat(tx, options.chatId, { forUpdate: true });
  if (chat.state === 'active' && chat.agentId === options.staff.staffId) return chat;
  if (chat.state !== 'queued') {
    throw SupportErrors.SUPPORT_CHAT_STATE_INVALID({
      detail: chat.state === 'active' ? 'Another agent took this chat.' : 'This chat has ended.',
    });
  }
  return changeChat(tx, deps, chat, {
    to: 'active',
    event: 'taken',
    staff: options.staff,
    set: { agentId: options.staff.staffId, takenAt: deps.clock.now() },
  });
}
