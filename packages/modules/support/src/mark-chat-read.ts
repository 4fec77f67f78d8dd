// A side has read the chat up to a message: the other side sees the read mark. A mark never moves
// back, and never past the last message of the chat.
import type { Executor } from '@zulin/db';
import { type ChatRow, chatMessagesAfter, loadChat, updateChat } from './chats';
import type { SupportDeps } from './deps';

export async function markChatRead(
  tx: Executor,
  deps: SupportDeps,
  options: { chatId: string; side: 'customer' | 'agent'; customerId?: string; upToSeq: number },
): Promise<ChatRow> {
  const chat = await loadChat(tx, options.chatId, {
    forUpdate: true,
    ...(options.customerId === undefined ? {} : { customerId: options.customerId }),
  });
  const current = options.side === 'customer' ? chat.customerReadSeq : chat.agentReadSeq;
  if (options.upToSeq <= current) return chat;
  // The newest message at or below the mark: a mark beyond the chat's messages stops at its last one.
  const after = await chatMessagesAfter(tx, chat.id, current);
  const seen = after.filter((m) => m.seq <= options.upToSeq).at(-1)?.seq;
  if (seen === undefined) return chat;
  return updateChat(tx, deps, chat, options.side === 'customer' ? { customerReadSeq: seen } : { agentReadSeq: seen });
}
