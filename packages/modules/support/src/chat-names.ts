// Names on chats: agents by display name (both sides see them), customers by identity's masked
// label (staff only).
import type { Executor } from '@zulin/db';
import { customerLabels, staffNames } from '@zulin/identity';
import type { ChatNames } from './chat-schemas';
import type { ChatMessageRow, ChatRow } from './chats';

export async function chatNames(
  db: Executor,
  chats: readonly ChatRow[],
  messages: readonly ChatMessageRow[],
  options: { masterKey?: Buffer } = {},
): Promise<ChatNames> {
  const staffIds = [
    ...chats.flatMap((c) => (c.agentId === null ? [] : [c.agentId])),
    ...messages.flatMap((m) => (m.authorKind !== 'customer' && m.authorId !== null ? [m.authorId] : [])),
  ];
  const staff = await staffNames(db, [...new Set(staffIds)]);
  if (options.masterKey === undefined) return { customers: new Map(), staff };
  const labels = await customerLabels(
    db,
    options.masterKey,
    chats.map((c) => c.customerId),
  );
  return { customers: new Map([...labels].map(([id, label]) => [id, label.label])), staff };
}
