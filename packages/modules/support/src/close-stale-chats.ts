// The system closes chats left hanging (sweep `support.close_stale_chats`): a chat still queued
// `chatPolicy.queuedCloseMinutes` after it joined the queue ends as `no_agent` (the customer is told by
// a system line and may still leave a ticket with what they wrote), and an active chat in which nobody
// wrote for `chatPolicy.idleCloseMinutes` ends as `idle`. Locked rows are skipped and taken next run.
import { type Executor, queryRows } from '@zulin/db';
import { sql } from 'drizzle-orm';
import { chatPolicy } from './chat-policy';
import { changeChat, loadChat } from './chats';
import type { SupportDeps } from './deps';

export async function closeStaleChats(
  tx: Executor,
  deps: SupportDeps,
  batchSize: number,
): Promise<{ noAgent: number; idle: number }> {
  const now = deps.clock.now();
  const queuedCutoff = new Date(now.getTime() - chatPolicy.queuedCloseMinutes * 60_000);
  const idleCutoff = new Date(now.getTime() - chatPolicy.idleCloseMinutes * 60_000);
  const queued = await queryRows<{ id: string }>(
    tx,
    sql`select id from support_chats
         where state = 'queued' and queued_at <= ${queuedCutoff}
         order by queued_at, id limit ${batchSize} for update skip locked`,
  );
  for (const { id } of queued) {
    const chat = await loadChat(tx, id, { forUpdate: true });
    await changeChat(tx, deps, chat, { to: 'ended', event: 'no_agent', endReason: 'no_agent' });
  }
  // The last line of an active chat (its "taken" line at least) is older than the idle bound.
  const idle = await queryRows<{ id: string }>(
    tx,
    sql`select c.id from support_chats c
         where c.state = 'active'
           and not exists (select 1 from support_chat_messages m
                            where m.chat_id = c.id and m.created_at > ${idleCutoff})
         order by c.updated_at, c.id limit ${batchSize} for update of c skip locked`,
  );
  for (const { id } of idle) {
    const chat = await loadChat(tx, id, { forUpdate: true });
    await changeChat(tx, deps, chat, { to: 'ended', event: 'idle', endReason: 'idle' });
  }
  return { noAgent: queued.length, idle: idle.length };
}
