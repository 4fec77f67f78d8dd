// A customer opens a live chat from the help centre: it waits in the queue for an agent. A customer
// has at most one open chat; asking again answers the one already open.
import type { Executor } from '@zulin/db';
import { customerIsActive } from '@zulin/identity';
import { type ChatRow, newChatId, openChatOf } from './chats';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { supportChats } from './schema';

export async function openChat(
  tx: Executor,
  deps: SupportDeps,
  options: { customerId: string },
): Promise<{ chat: ChatRow; created: boolean }> {
  const open = await openChatOf(tx, options.customerId);
  if (open !== undefined) return { chat: open, created: false };
  if (!(await customerIsActive(tx, options.customerId))) throw SupportErrors.SUPPORT_CHAT_NOT_FOUND();
  const now = deps.clock.now();
  const [row] = await tx
    .insert(supportChats)
    .values({ id: newChatId(deps), customerId: options.customerId, state: 'queued', queuedAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  if (row !== undefined) return { chat: row, created: true };
  // Another request of the same customer opened one in between (the partial unique index).
  const raced = await openChatOf(tx, options.customerId);
  if (raced === undefined) throw SupportErrors.SUPPORT_CHAT_NOT_FOUND();
  return { chat: raced, created: false };
}
