// The agent holding an active chat hands it to another support agent (a supervisor may too).
import type { Executor } from '@zulin/db';
import { isActiveStaffWith, type StaffPrincipal } from '@zulin/identity';
import { type ChatRow, changeChat, loadChat } from './chats';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';

export async function transferChat(
  tx: Executor,
  deps: SupportDeps,
  options: { staff: StaffPrincipal; chatId: string; agentId: string },
): Promise<ChatRow> {
  const chat = await loadChat(tx, options.chatId, { forUpdate: true });
  if (chat.state !== 'active')
    throw SupportErrors.SUPPORT_CHAT_STATE_INVALID({ detail: 'Only an active chat is transferred.' });
  assertHolder(chat, options.staff);
  if (options.agentId === chat.agentId) {
    throw SupportErrors.SUPPORT_ASSIGNEE_NOT_FOUND({
      errors: [{ path: '/agentId', message: 'Already holds the chat' }],
    });
  }
  if (!(await isActiveStaffWith(tx, options.agentId, 'support.handle'))) {
    throw SupportErrors.SUPPORT_ASSIGNEE_NOT_FOUND({
      errors: [{ path: '/agentId', message: 'Not an active support agent' }],
    });
  }
  return changeChat(tx, deps, chat, {
    to: 'active',
    event: 'transferred',
    staff: options.staff,
    set: { agentId: options.agentId },
  });
}

/** Only the agent holding a chat writes in it, transfers or ends it (an administrator may step in). */
export function assertHolder(chat: ChatRow, staff: StaffPrincipal): void {
  if (chat.agentId === staff.staffId || staff.role === 'admin') return;
  throw SupportErrors.SUPPORT_CHAT_NOT_YOURS();
}
