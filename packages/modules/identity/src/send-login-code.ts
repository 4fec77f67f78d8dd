// Sends a 6-digit login code by SMS, within the limits of DOMAIN.md §2: per number one send per
// 60 s and 10 per business day, per client address 30 per hour — counted exactly across processes
// by the platform's one-time codes.
import type { Executor } from '@zulin/db';
import { addDays, type Clock, newId, startOfDayInstant, today } from '@zulin/kernel';
import { type CodePolicy, issueCode } from '@zulin/platform';
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

export const loginCodePolicy: CodePolicy = {
  purpose: 'identity.login',
  ttlMs: IdentityLimits.smsCodeTtlMs,
  triesMax: IdentityLimits.smsCodeAttemptsMax,
  sendIntervalMs: IdentityLimits.smsSendIntervalMs,
  sendsPerDay: IdentityLimits.smsSendsPerNumberPerDay,
  sendsPerIpPerHour: IdentityLimits.smsSendsPerIpPerHour,
};

/** A login code is bound to nothing but its number: logging in is the one thing it allows. */
export const loginCodeBinding = 'login';

export function loginCodeText(code: string): string {
  return `【Zulin租赁】您的登录验证码是 ${code}，5 分钟内有效。请勿告诉他人。`;
}

/** The key codes are hashed with: their own, so a leak of one purpose's key reveals no other. */
export function codeSecret(masterKey: Buffer): Buffer {
  return derivedKey(masterKey, 'sms-code');
}

/** Whom a login code belongs to: the number's blind index (the table never holds the number). */
export function loginCodeSubject(masterKey: Buffer, phone: string): string {
  return blindIndex(masterKey, 'phone', phone);
}

function secondsUntil(from: Date, to: Date): string {
  return String(Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 1000)));
}

export async function sendLoginCode(tx: Executor, options: SendLoginCodeOptions): Promise<{ expiresAt: Date }> {
  const phone = parsePhone(options.phone);
  const now = options.clock.now();
  const businessDate = today(options.clock, options.timeZone);
  const outcome = await issueCode(tx, {
    secret: codeSecret(options.masterKey),
    policy: loginCodePolicy,
    subject: loginCodeSubject(options.masterKey, phone),
    binding: loginCodeBinding,
    id: newId('smc', options.clock),
    now,
    dayStart: startOfDayInstant(businessDate, options.timeZone),
    nextDayStart: startOfDayInstant(addDays(businessDate, 1), options.timeZone),
    ip: options.ip,
  });
  switch (outcome.kind) {
    case 'daily_limit':
      throw IdentityErrors.SMS_DAILY_LIMIT_REACHED({
        detail: `At most ${IdentityLimits.smsSendsPerNumberPerDay} codes per number per day; try again tomorrow.`,
        headers: { 'retry-after': secondsUntil(now, outcome.retryAt) },
      });
    case 'too_soon':
      throw IdentityErrors.SMS_SEND_TOO_SOON({
        detail: 'Wait a minute before asking for another code.',
        headers: { 'retry-after': secondsUntil(now, outcome.retryAt) },
      });
    case 'ip_limit':
      throw IdentityErrors.SMS_IP_LIMIT_REACHED({
        detail: `At most ${IdentityLimits.smsSendsPerIpPerHour} codes per hour from one address.`,
        headers: { 'retry-after': secondsUntil(now, outcome.retryAt) },
      });
    case 'issued':
      await queueSms(tx, options.masterKey, options.clock, { phone, text: loginCodeText(outcome.code) });
      return { expiresAt: outcome.expiresAt };
  }
}
