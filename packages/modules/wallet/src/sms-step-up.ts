// The second factor by SMS (DOMAIN.md §8: "SMS code or TOTP"): a 6-digit step-up code sent to the
// customer's own phone through identity's SMS queue and adapter (the sandbox reads it back at
// GET /v1/sandbox/sms). The code is bound to the one operation it was asked for — withdraw this
// amount to this card, or send this amount to this phone — which the text names, and which is part
// of its stored hash: the same code does not pass another amount or payee (dynamic linking, as
// PSD2's strong customer authentication asks). The newest code of a customer counts; it is good
// for 5 minutes and 5 tries and is spent by the withdrawal or transfer that uses it. Sends are limited per customer to one a
// minute and 10 a business day. The codes themselves are the platform's one-time codes
// (@zulin/platform), which count tries, sends and expiry exactly across processes.
//
// A try is counted in its own short transaction before the command runs (`claimStepUpTry`), so a
// wrong code uses up a try even though the command that carried it fails and rolls back; the code
// itself is spent inside the command's transaction (`spendStepUpCode`), so a command that fails
// for another reason (not enough money) leaves the code usable.
import { createHmac } from 'node:crypto';
import type { Database, Executor } from '@zulin/db';
import { getCustomerProfile, maskPhone, queueCustomerSms } from '@zulin/identity';
import { addDays, type Clock, formatCny, newId, startOfDayInstant, today } from '@zulin/kernel';
import { type CodePolicy, type CodeTry, claimCodeTry, issueCode, spendCode } from '@zulin/platform';
import { and, eq } from 'drizzle-orm';
import { lockCustomerWallet } from './accounts';
import type { WalletDeps } from './deps';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletBankCards } from './schema';

/** What a step-up code authorises: one withdrawal or one transfer, with its amount and payee. */
export type StepUpOperation =
  | { kind: 'withdrawal'; bankCardId: string; amountMinor: number }
  | { kind: 'transfer'; toPhone: string; amountMinor: number };

export const stepUpPolicy: CodePolicy = {
  purpose: 'wallet.step_up',
  ttlMs: WalletLimits.stepUpCodeTtlMs,
  triesMax: WalletLimits.stepUpCodeAttemptsMax,
  sendIntervalMs: WalletLimits.stepUpSendIntervalMs,
  sendsPerDay: WalletLimits.stepUpSendsPerDay,
};

/** The operation a code is bound to: part of its hash. */
function operationKey(op: StepUpOperation): string {
  return op.kind === 'withdrawal'
    ? `withdrawal:${op.bankCardId}:${op.amountMinor}`
    : `transfer:${op.toPhone}:${op.amountMinor}`;
}

function codeSecret(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update('zulin:wallet:step-up-code').digest();
}

export function stepUpSmsTexts(
  code: string,
  minutes: number,
  what:
    | { kind: 'withdrawal'; amountMinor: number; last4: string }
    | { kind: 'transfer'; amountMinor: number; toPhoneMasked: string },
): { 'zh-CN': string; en: string } {
  const zh = formatCny(what.amountMinor, 'zh-CN');
  const en = formatCny(what.amountMinor, 'en');
  return what.kind === 'withdrawal'
    ? {
        'zh-CN': `【Zulin租赁】您正在提现 ${zh} 至尾号 ${what.last4} 的银行卡，验证码 ${code}，${minutes} 分钟内有效。如非本人操作，请勿告诉他人。`,
        en: `[Zulin] Your code to withdraw ${en} to the card ending ${what.last4} is ${code}, valid for ${minutes} minutes. If this was not you, do not share it.`,
      }
    : {
        'zh-CN': `【Zulin租赁】您正在向 ${what.toPhoneMasked} 转账 ${zh}，验证码 ${code}，${minutes} 分钟内有效。如非本人操作，请勿告诉他人。`,
        en: `[Zulin] Your code to send ${en} to ${what.toPhoneMasked} is ${code}, valid for ${minutes} minutes. If this was not you, do not share it.`,
      };
}

function secondsUntil(from: Date, to: Date): string {
  return String(Math.max(1, Math.ceil((to.getTime() - from.getTime()) / 1000)));
}

/** Sends a new step-up code for one operation to the customer's phone; the older codes stop counting. */
export async function sendStepUpSms(
  tx: Executor,
  deps: WalletDeps,
  customerId: string,
  op: StepUpOperation,
): Promise<{ expiresAt: Date; phoneMasked: string }> {
  // The wallet lock orders sends of one customer behind the wallet's other commands.
  await lockCustomerWallet(tx, customerId);
  const now = deps.clock.now();
  const profile = await getCustomerProfile(tx, deps.masterKey, customerId);
  // The text names what the code is for; a withdrawal's card must be one of the customer's own.
  let what: Parameters<typeof stepUpSmsTexts>[2];
  if (op.kind === 'withdrawal') {
    const [card] = await tx
      .select({ last4: walletBankCards.last4 })
      .from(walletBankCards)
      .where(
        and(
          eq(walletBankCards.id, op.bankCardId),
          eq(walletBankCards.customerId, customerId),
          eq(walletBankCards.status, 'active'),
        ),
      );
    if (!card) throw WalletErrors.WALLET_BANK_CARD_NOT_FOUND();
    what = { kind: 'withdrawal', amountMinor: op.amountMinor, last4: card.last4 };
  } else {
    what = { kind: 'transfer', amountMinor: op.amountMinor, toPhoneMasked: maskPhone(op.toPhone) };
  }
  const businessDate = today(deps.clock, deps.timeZone);
  const outcome = await issueCode(tx, {
    secret: codeSecret(deps.masterKey),
    policy: stepUpPolicy,
    subject: customerId,
    binding: operationKey(op),
    id: newId('suc', deps.clock),
    now,
    dayStart: startOfDayInstant(businessDate, deps.timeZone),
    nextDayStart: startOfDayInstant(addDays(businessDate, 1), deps.timeZone),
  });
  if (outcome.kind === 'daily_limit' || outcome.kind === 'ip_limit') {
    throw WalletErrors.WALLET_SMS_DAILY_LIMIT_REACHED({
      detail: `At most ${WalletLimits.stepUpSendsPerDay} codes a day; use your authenticator app or try tomorrow.`,
      headers: { 'retry-after': secondsUntil(now, outcome.retryAt) },
    });
  }
  if (outcome.kind === 'too_soon') {
    throw WalletErrors.WALLET_SMS_SEND_TOO_SOON({
      detail: 'Wait a minute before asking for another code.',
      headers: { 'retry-after': secondsUntil(now, outcome.retryAt) },
    });
  }
  const texts = stepUpSmsTexts(outcome.code, WalletLimits.stepUpCodeTtlMs / 60_000, what);
  await queueCustomerSms(tx, deps.masterKey, deps.clock, customerId, texts[profile.locale] ?? texts['zh-CN']);
  return { expiresAt: outcome.expiresAt, phoneMasked: profile.phoneMasked };
}

/** A try at the customer's newest code, already counted: what the command's transaction checks. */
export interface StepUpTry {
  codeTry: CodeTry;
  code: string;
  /** The operation the command carrying the code is about to do: the code must have been sent for it. */
  operation: StepUpOperation;
  /** Tries left after this one. */
  triesLeft: number;
}

/**
 * Counts one try at the customer's newest code in its own transaction (kept whatever the command
 * does next). No live code, or all 5 tries used, is refused here.
 */
export async function claimStepUpTry(
  database: Database,
  deps: { clock: Clock },
  customerId: string,
  code: string,
  operation: StepUpOperation,
): Promise<StepUpTry> {
  const outcome = await claimCodeTry(database, { policy: stepUpPolicy, subject: customerId, now: deps.clock.now() });
  if (outcome.kind === 'exhausted') throw WalletErrors.WALLET_SECOND_FACTOR_TOO_MANY_ATTEMPTS();
  if (outcome.kind === 'none') {
    throw WalletErrors.WALLET_SECOND_FACTOR_INVALID({
      detail: 'No valid SMS code: request one at POST /v1/wallet/second-factor/sms.',
      errors: [{ path: '/body/smsCode', message: 'no valid code', code: 'SMS_CODE_MISSING' }],
    });
  }
  return { codeTry: outcome, code, operation, triesLeft: outcome.triesLeft };
}

/** Spends the code inside the command's transaction; a wrong, expired or spent code is refused. */
export async function spendStepUpCode(
  tx: Executor,
  deps: { clock: Clock; masterKey: Buffer },
  customerId: string,
  attempt: StepUpTry,
): Promise<void> {
  const spent = await spendCode(tx, {
    secret: codeSecret(deps.masterKey),
    policy: stepUpPolicy,
    subject: customerId,
    codeTry: attempt.codeTry,
    code: attempt.code,
    binding: operationKey(attempt.operation),
    now: deps.clock.now(),
  });
  if (spent) return;
  if (attempt.triesLeft <= 0) throw WalletErrors.WALLET_SECOND_FACTOR_TOO_MANY_ATTEMPTS();
  throw WalletErrors.WALLET_SECOND_FACTOR_INVALID({
    detail: `Wrong or used SMS code, or one sent for another amount or payee; ${attempt.triesLeft} tries left.`,
    errors: [{ path: '/body/smsCode', message: 'wrong or already used', code: 'SECOND_FACTOR_INVALID' }],
  });
}
