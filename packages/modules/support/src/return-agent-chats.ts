// A staff member lost access (identity's `identity.staff_access_changed`: disabled, or a role without
// `support.handle`): they go offline, and every chat they held goes back to the queue, the customer
// told by a system line (`returned`). Their open sockets are closed by the chat hub.
import type { Executor } from '@zulin/db';
import { isActiveStaffWith } from '@zulin/identity';
import { and, eq } from 'drizzle-orm';
import { takeAgentOffline } from './agent-presence';
import { changeChat, loadChat } from './chats';
import type { SupportDeps } from './deps';
import { SupportLimits } from './limits';
import { supportChats } from './schema';

export async function returnChatsOfAgent(tx: Executor, deps: SupportDeps, staffId: string): Promise<number> {
  if (await isActiveStaffWith(tx, staffId, 'support.handle')) return 0;
  await takeAgentOffline(tx, deps, staffId);
  const held = await tx
    .select({ id: supportChats.id })
    .from(supportChats)
    .where(and(eq(supportChats.state, 'active'), eq(supportChats.agentId, staffId)))
    .limit(SupportLimits.chatQueueMax);
  for (const { id } of held) {
    const chat = await loadChat(tx, id, { forUpdate: true });
    if (chat.state !== 'active' || chat.agentId !== staffId) continue;
    // It queues again from now: the queue's timers (ticket offer, system close) start over.
    await changeChat(tx, deps, chat, {
      to: 'queued',
      event: 'returned',
      set: { agentId: null, takenAt: null, queuedAt: deps.clock.now() },
    });
  }
  return held.length;
}
