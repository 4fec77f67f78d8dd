// Agents' presence on the chat desk: an agent sets themselves online, away or offline; the desk page
// and their chat sockets beat (`recordAgentHeartbeat`); whoever's last beat is
// `chatPolicy.agentPresenceTimeoutMinutes` old counts as offline. Customers in the queue see how many
// agents are online, and with none online they are offered a ticket at once.
import { type Executor, queryRows } from '@zulin/db';
import { recordAudit, type StaffPrincipal, staffNames } from '@zulin/identity';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { type AgentStatus, effectiveAgentStatus, presenceCutoff } from './chat-policy';
import type { ChatRow } from './chats';
import type { SupportDeps } from './deps';
import { SupportLimits } from './limits';
import { supportAgentPresence } from './schema';

export type AgentPresenceRow = typeof supportAgentPresence.$inferSelect;

/** An agent sets their status; setting one is also a heartbeat. A change of status is audited. */
export async function setAgentPresence(
  tx: Executor,
  deps: SupportDeps,
  options: { staff: StaffPrincipal; status: AgentStatus },
): Promise<AgentPresenceRow> {
  const now = deps.clock.now();
  const staffId = options.staff.staffId;
  const [before] = await tx
    .select()
    .from(supportAgentPresence)
    .where(eq(supportAgentPresence.staffId, staffId))
    .for('update');
  const was = effectiveAgentStatus(before, now);
  const [row] = await tx
    .insert(supportAgentPresence)
    .values({ staffId, status: options.status, statusSince: now, lastSeenAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: supportAgentPresence.staffId,
      set: {
        status: options.status,
        // The status keeps its start while it does not change (and was not lost to a timeout).
        statusSince: was === options.status && before !== undefined ? before.statusSince : now,
        lastSeenAt: now,
        updatedAt: now,
      },
    })
    .returning();
  if (row === undefined) throw new Error('presence row not written');
  if (was !== options.status) {
    await recordAudit(tx, {
      actor: options.staff,
      action: 'support.agent_presence_set',
      targetType: 'staff',
      targetId: staffId,
      detail: { from: was, to: options.status },
      at: now,
    });
  }
  return row;
}

/**
 * A heartbeat of an agent's desk page or chat socket: the last-seen instant moves on. An agent who
 * never set a status, or set offline, stays offline (a heartbeat does not put anyone online).
 */
export async function recordAgentHeartbeat(tx: Executor, deps: SupportDeps, staffId: string): Promise<void> {
  const now = deps.clock.now();
  await tx
    .update(supportAgentPresence)
    .set({ lastSeenAt: now, updatedAt: now })
    .where(and(eq(supportAgentPresence.staffId, staffId), inArray(supportAgentPresence.status, ['online', 'away'])));
}

/** A staff member lost access: they are offline at once. */
export async function takeAgentOffline(tx: Executor, deps: SupportDeps, staffId: string): Promise<void> {
  const now = deps.clock.now();
  await tx
    .update(supportAgentPresence)
    .set({ status: 'offline', statusSince: now, updatedAt: now })
    .where(and(eq(supportAgentPresence.staffId, staffId), inArray(supportAgentPresence.status, ['online', 'away'])));
}

/** How many agents are online now (status online, heartbeat within the timeout). */
export async function countAgentsOnline(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(supportAgentPresence)
    .where(and(eq(supportAgentPresence.status, 'online'), gt(supportAgentPresence.lastSeenAt, presenceCutoff(now))));
  return Number(rows[0]?.n ?? 0);
}

/** The desk's view: every agent with a presence row, their effective status and name; me first. */
export async function readAgentPresence(db: Executor, now: Date, staffId: string) {
  const rows = await db
    .select()
    .from(supportAgentPresence)
    .orderBy(supportAgentPresence.staffId)
    .limit(SupportLimits.agentsListMax);
  const names = await staffNames(
    db,
    rows.map((r) => r.staffId),
  );
  const agents = rows.map((r) => ({
    staffId: r.staffId,
    name: names.get(r.staffId) ?? null,
    status: effectiveAgentStatus(r, now),
    setStatus: r.status,
    statusSince: r.statusSince.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
  }));
  const mine = agents.find((a) => a.staffId === staffId);
  return {
    me: {
      status: mine?.status ?? ('offline' as const),
      setStatus: mine?.setStatus ?? ('offline' as const),
      lastSeenAt: mine?.lastSeenAt ?? null,
    },
    online: agents.filter((a) => a.status === 'online').length,
    agents: agents.filter((a) => a.status !== 'offline'),
  };
}

/** Where each queued chat stands: its place in the queue (1: next) and how many agents are online. */
export interface QueueStanding {
  position: number | null;
  agentsOnline: number;
}

export async function queueStandings(
  db: Executor,
  now: Date,
  chats: readonly Pick<ChatRow, 'id' | 'state'>[],
): Promise<Map<string, QueueStanding>> {
  const agentsOnline = await countAgentsOnline(db, now);
  const queued = chats.filter((c) => c.state === 'queued').map((c) => c.id);
  const positions = new Map<string, number>();
  if (queued.length > 0) {
    const rows = await queryRows<{ id: string; position: string | number }>(
      db,
      sql`select c.id, (select count(*) from support_chats q
                          where q.state = 'queued' and (q.queued_at, q.id) <= (c.queued_at, c.id)) as position
            from support_chats c
           where c.id in (${sql.join(
             queued.map((id) => sql`${id}`),
             sql`, `,
           )}) and c.state = 'queued'`,
    );
    for (const r of rows) positions.set(r.id, Number(r.position));
  }
  return new Map(chats.map((c) => [c.id, { position: positions.get(c.id) ?? null, agentsOnline }]));
}
