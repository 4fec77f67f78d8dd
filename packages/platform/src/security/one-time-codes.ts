// One-time codes, the one implementation behind SMS login, the wallet's SMS step-up and the consent
// to sign a contract. A code is:
//  * random, 6 digits, stored only as an HMAC bound to its row, its purpose and the operation it
//    authorises (`binding`: "withdraw ¥5,000 to card X", "sign document with hash H"), so the same
//    code does not pass another amount, payee or document (dynamic linking, as PSD2's strong
//    customer authentication asks);
//  * the subject's newest code of that purpose is the only one that counts;
//  * good until it expires and for a bounded number of tries; spent once.
// Sends are limited per subject (an interval and a count per business day) and, optionally, per
// client address per hour, counted from the rows under advisory locks, so the limits are exact
// across processes.
//
// A try is counted in its own short transaction before the command runs (`claimCodeTry`), so a
// wrong code uses up a try even though the command that carried it fails and rolls back; the code
// itself is spent inside the command's transaction (`spendCode`), so a command that fails for
// another reason leaves the code usable.
import { createHmac, randomInt } from 'node:crypto';
import { type Database, type Executor, platformSchema, queryRows, transaction } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { and, desc, eq, sql } from 'drizzle-orm';
import { safeEqual } from './webhook-signature';

const { oneTimeCodes } = platformSchema;

export interface CodePolicy {
  /** What the code is for, e.g. `identity.login`, `wallet.step_up`, `contracts.sign`. */
  purpose: string;
  ttlMs: number;
  triesMax: number;
  sendIntervalMs: number;
  sendsPerDay: number;
  /** Sends from one client address per hour, whatever the subject (optional). */
  sendsPerIpPerHour?: number;
}

export const codeDigits = 6;

export type IssueOutcome =
  | { kind: 'issued'; id: string; code: string; expiresAt: Date }
  | { kind: 'too_soon'; retryAt: Date }
  | { kind: 'daily_limit'; retryAt: Date }
  | { kind: 'ip_limit'; retryAt: Date };

export type TryOutcome =
  | { kind: 'counted'; codeId: string; triesLeft: number }
  | { kind: 'none' }
  | { kind: 'exhausted' };

/** A try at the subject's newest code, already counted: what the command's transaction spends. */
export interface CodeTry {
  codeId: string;
  triesLeft: number;
}

function codeKey(secret: Buffer): Buffer {
  return createHmac('sha256', secret).update('zulin:one-time-code').digest();
}

export function hashCode(
  secret: Buffer,
  input: { id: string; purpose: string; binding: string; code: string },
): string {
  return createHmac('sha256', codeKey(secret))
    .update(`${input.id}\n${input.purpose}\n${input.binding}\n${input.code}`)
    .digest('hex');
}

/**
 * Issues a new code in the caller's transaction (which also queues the message carrying it), or
 * says which limit refuses it and when to try again.
 */
export async function issueCode(
  tx: Executor,
  input: {
    secret: Buffer;
    policy: CodePolicy;
    subject: string;
    binding: string;
    id: string;
    now: Date;
    /** Start of the subject's current business day, for the daily count. */
    dayStart: Date;
    /** Start of the next business day, when the daily limit lifts. */
    nextDayStart: Date;
    ip?: string | undefined;
  },
): Promise<IssueOutcome> {
  const { policy, now } = input;
  // Always subject first, then address: one order, so two sends never wait on each other in a cycle.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`otc:${policy.purpose}:${input.subject}`}))`);
  if (input.ip !== undefined && policy.sendsPerIpPerHour !== undefined) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`otc:${policy.purpose}:ip:${input.ip}`}))`);
  }
  const [counts] = await queryRows<{ today_count: number; last_at: Date | string | null }>(
    tx,
    sql`select count(*) filter (where created_at >= ${input.dayStart.toISOString()}::timestamptz)::int as today_count,
               max(created_at) as last_at
          from ${oneTimeCodes}
         where subject = ${input.subject} and purpose = ${policy.purpose}
           and created_at >= ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`,
  );
  if ((counts?.today_count ?? 0) >= policy.sendsPerDay) return { kind: 'daily_limit', retryAt: input.nextDayStart };
  const lastAt = counts?.last_at ? new Date(counts.last_at) : null;
  if (lastAt !== null && now.getTime() - lastAt.getTime() < policy.sendIntervalMs) {
    return { kind: 'too_soon', retryAt: new Date(lastAt.getTime() + policy.sendIntervalMs) };
  }
  if (input.ip !== undefined && policy.sendsPerIpPerHour !== undefined) {
    const [perIp] = await queryRows<{ n: number; first_at: Date | string | null }>(
      tx,
      sql`select count(*)::int as n, min(created_at) as first_at from ${oneTimeCodes}
           where ip = ${input.ip} and purpose = ${policy.purpose}
             and created_at > ${new Date(now.getTime() - 3_600_000).toISOString()}::timestamptz`,
    );
    if ((perIp?.n ?? 0) >= policy.sendsPerIpPerHour) {
      const firstAt = perIp?.first_at ? new Date(perIp.first_at).getTime() : now.getTime();
      return { kind: 'ip_limit', retryAt: new Date(firstAt + 3_600_000) };
    }
  }
  const code = String(randomInt(0, 10 ** codeDigits)).padStart(codeDigits, '0');
  const expiresAt = new Date(now.getTime() + policy.ttlMs);
  await tx.insert(oneTimeCodes).values({
    id: input.id,
    subject: input.subject,
    purpose: policy.purpose,
    codeHash: hashCode(input.secret, { id: input.id, purpose: policy.purpose, binding: input.binding, code }),
    ip: input.ip ?? null,
    createdAt: now,
    expiresAt,
  });
  return { kind: 'issued', id: input.id, code, expiresAt };
}

/**
 * Counts one try at the subject's newest live code in its own transaction (kept whatever the
 * command does next). Concurrent tries cannot take the count past the maximum.
 */
export async function claimCodeTry(
  database: Database | Executor,
  input: { policy: CodePolicy; subject: string; now: Date },
): Promise<TryOutcome> {
  return transaction(database, async (tx) => {
    const [newest] = await tx
      .select()
      .from(oneTimeCodes)
      .where(and(eq(oneTimeCodes.subject, input.subject), eq(oneTimeCodes.purpose, input.policy.purpose)))
      .orderBy(desc(oneTimeCodes.createdAt), desc(oneTimeCodes.id))
      .limit(1)
      .for('update');
    if (!newest || newest.consumedAt !== null || newest.expiresAt.getTime() <= input.now.getTime()) {
      return { kind: 'none' as const };
    }
    const [counted] = await tx
      .update(oneTimeCodes)
      .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
      .where(and(eq(oneTimeCodes.id, newest.id), sql`${oneTimeCodes.attempts} < ${input.policy.triesMax}`))
      .returning({ attempts: oneTimeCodes.attempts });
    if (!counted) return { kind: 'exhausted' as const };
    return { kind: 'counted' as const, codeId: newest.id, triesLeft: input.policy.triesMax - counted.attempts };
  });
}

/**
 * Spends the code inside the command's transaction. True when `code` is the code of that row, for
 * that binding, not expired and not spent; false otherwise (the try was already counted).
 */
export async function spendCode(
  tx: Executor,
  input: {
    secret: Buffer;
    policy: CodePolicy;
    subject: string;
    codeTry: CodeTry;
    code: string;
    binding: string;
    now: Date;
  },
): Promise<boolean> {
  assert(input.codeTry.codeId.length > 0, 'a counted try names its code');
  if (!/^[0-9]{6}$/.test(input.code)) return false;
  const [row] = await tx
    .select()
    .from(oneTimeCodes)
    .where(and(eq(oneTimeCodes.id, input.codeTry.codeId), eq(oneTimeCodes.subject, input.subject)))
    .for('update');
  if (row === undefined || row.purpose !== input.policy.purpose) return false;
  if (row.consumedAt !== null || row.expiresAt.getTime() <= input.now.getTime()) return false;
  const expected = hashCode(input.secret, {
    id: row.id,
    purpose: row.purpose,
    binding: input.binding,
    code: input.code,
  });
  if (!safeEqual(Buffer.from(expected, 'hex'), Buffer.from(row.codeHash, 'hex'))) return false;
  await tx.update(oneTimeCodes).set({ consumedAt: input.now }).where(eq(oneTimeCodes.id, row.id));
  return true;
}

/** Deletes codes that expired more than a day ago (they no longer count toward any limit). */
export async function purgeExpiredCodes(db: Executor, now: Date): Promise<number> {
  const deleted = await db
    .delete(oneTimeCodes)
    .where(sql`${oneTimeCodes.expiresAt} < ${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`)
    .returning({ id: oneTimeCodes.id });
  return deleted.length;
}
