// Sends a 6-digit login code by SMS, within the limits of DOMAIN.md §2: per number one send per
// 60 s and 10 per business day, per client address 30 per hour. The limits are counted from the
// code rows themselves under an advisory lock per number, so they are exact across processes.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { type Database, queryRows, transaction } from '@zulin/db';
import { addDays, type Clock, newId, startOfDayInstant, today } from '@zulin/kernel';
import { sql } from 'drizzle-orm';
import { IdentityErrors } from './errors';
import { derivedKey } from './keys';
import { IdentityLimits } from './limits';
import { parsePhone } from './phone';
import { blindIndex } from './pii';
import { queueSms } from './sms';

export interface SendLoginCodeOptions {
  masterKey: Buffer;
  clock: Clock;
  timeZone: string;
  phone: string;
  ip: string;
}

export function loginCodeText(code: string): string {
  return `【Zulin租赁】您的登录验证码是 ${code}，5 分钟内有效。请勿告诉他人。`;
}

/** A code is stored as an HMAC bound to its row, so the table alone does not give it away. */
export function hashLoginCode(masterKey: Buffer, codeId: string, code: string): string {
  return createHmac('sha256', derivedKey(masterKey, 'sms-code')).update(`${codeId}:${code}`).digest('hex');
}

export function loginCodeMatches(masterKey: Buffer, codeId: string, code: string, storedHash: string): boolean {
  const expected = Buffer.from(hashLoginCode(masterKey, codeId, code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return expected.length === stored.length && timingSafeEqual(expected, stored);
}

function secondsUntil(from: Date, to: Date): string {
  return String(Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 1000)));
}

export async function sendLoginCode(database: Database, options: SendLoginCodeOptions): Promise<{ expiresAt: Date }> {
  const phone = parsePhone(options.phone);
  const phoneBidx = blindIndex(options.masterKey, 'phone', phone);
  const now = options.clock.now();
  return transaction(database, async (tx) => {
    // Always number first, then address: one order, so two sends never wait on each other in a cycle.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`identity.sms.phone:${phoneBidx}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`identity.sms.ip:${options.ip}`}))`);
    const businessDate = today(options.clock, options.timeZone);
    const dayStart = startOfDayInstant(businessDate, options.timeZone);
    const [perNumber] = await queryRows<{ today_count: number; last_at: Date | string | null }>(
      tx,
      sql`select count(*) filter (where created_at >= ${dayStart})::int as today_count, max(created_at) as last_at
          from identity_sms_codes where phone_bidx = ${phoneBidx} and created_at >= ${new Date(now.getTime() - 86_400_000)}`,
    );
    if ((perNumber?.today_count ?? 0) >= IdentityLimits.smsSendsPerNumberPerDay) {
      const nextDay = startOfDayInstant(addDays(businessDate, 1), options.timeZone);
      throw IdentityErrors.SMS_DAILY_LIMIT_REACHED({
        detail: `At most ${IdentityLimits.smsSendsPerNumberPerDay} codes per number per day; try again tomorrow.`,
        headers: { 'retry-after': secondsUntil(now, nextDay) },
      });
    }
    const lastAt = perNumber?.last_at ? new Date(perNumber.last_at) : null;
    if (lastAt !== null && now.getTime() - lastAt.getTime() < IdentityLimits.smsSendIntervalMs) {
      throw IdentityErrors.SMS_SEND_TOO_SOON({
        detail: 'Wait a minute before asking for another code.',
        headers: { 'retry-after': secondsUntil(now, new Date(lastAt.getTime() + IdentityLimits.smsSendIntervalMs)) },
      });
    }
    const [perIp] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from identity_sms_codes
          where ip = ${options.ip} and created_at > ${new Date(now.getTime() - 3_600_000)}`,
    );
    if ((perIp?.n ?? 0) >= IdentityLimits.smsSendsPerIpPerHour) {
      throw IdentityErrors.SMS_IP_LIMIT_REACHED({
        detail: `At most ${IdentityLimits.smsSendsPerIpPerHour} codes per hour from one address.`,
        headers: { 'retry-after': '3600' },
      });
    }
    const id = newId('smc', options.clock);
    const code = String(randomInt(0, 10 ** IdentityLimits.smsCodeDigits)).padStart(IdentityLimits.smsCodeDigits, '0');
    const expiresAt = new Date(now.getTime() + IdentityLimits.smsCodeTtlMs);
    await tx.execute(sql`
      insert into identity_sms_codes (id, phone_bidx, code_hash, ip, created_at, expires_at)
      values (${id}, ${phoneBidx}, ${hashLoginCode(options.masterKey, id, code)}, ${options.ip}, ${now}, ${expiresAt})`);
    await queueSms(tx, options.masterKey, options.clock, { phone, text: loginCodeText(code) });
    return { expiresAt };
  });
}
