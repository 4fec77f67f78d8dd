import type { TFunction } from 'i18next';
import { errorCode, ProblemError } from '../../api';

const KNOWN = [
  'WALLET_INSUFFICIENT_BALANCE',
  'WALLET_AMOUNT_INVALID',
  'WALLET_RECIPIENT_NOT_FOUND',
  'WALLET_RECIPIENT_SELF',
  'WALLET_SECOND_FACTOR_INVALID',
  'WALLET_SECOND_FACTOR_NOT_ENROLLED',
  'WALLET_POINTS_INSUFFICIENT',
  'WALLET_BANK_CARD_INVALID',
  'WALLET_BANK_CARD_DECLINED',
  'WALLET_BANK_CARD_DUPLICATE',
  'WALLET_BANK_CARD_NOT_FOUND',
  'WALLET_BANK_CARD_IN_USE',
  'WALLET_BANK_UNAVAILABLE',
  'WALLET_SECOND_FACTOR_TOO_MANY_ATTEMPTS',
  'WALLET_SMS_SEND_TOO_SOON',
  'WALLET_SMS_DAILY_LIMIT_REACHED',
  'WALLET_SINGLE_WITHDRAWAL_LIMIT',
  'WALLET_DAILY_WITHDRAWAL_LIMIT',
  'WALLET_WITHDRAWAL_NOT_FOUND',
  'WALLET_BILL_SPLIT_NOT_FOUND',
  'WALLET_BILL_SPLIT_NOT_OPEN',
  'WALLET_BILL_SPLIT_SHARE_PAID',
  'PAYMENTS_CHANNEL_UNAVAILABLE',
] as const;
type KnownCode = (typeof KNOWN)[number];

function isKnown(code: string | undefined): code is KnownCode {
  return (KNOWN as readonly (string | undefined)[]).includes(code);
}

/** A failed wallet call as a sentence for the customer. */
export function walletErrorMessage(t: TFunction, error: unknown): string {
  const code = errorCode(error);
  if (isKnown(code)) return t(`wallet.errors.${code}`);
  if (error instanceof ProblemError) return t('wallet.errors.generic', { reason: error.problem.title });
  return t('wallet.errors.network');
}

/** Parses a yuan amount typed by the customer into 分; null when it is not a positive amount. */
export function parseYuan(input: string, parse: (s: string) => number): number | null {
  try {
    const minor = parse(input.trim());
    return Number.isSafeInteger(minor) && minor > 0 ? minor : null;
  } catch {
    return null;
  }
}
