// Amounts as the channels write them, to and from integer minor units (分), never through a float.
// Alipay writes yuan strings ("88.88", "0.01"); WeChat Pay v3 writes integer fen. Seed 003 is the
// failure this file exists for: a callback that mixed up 元 and 分.
import { formatMajor, parseMajor } from '@zulin/kernel';
import { PaymentsErrors } from './errors';

/** A yuan string exactly as Alipay writes it: no sign, no leading zeros, at most two decimals. */
const YUAN_PATTERN = /^(0|[1-9][0-9]{0,14})(\.[0-9]{1,2})?$/;

/** "88.88" → 8888. Refuses more than two decimals, signs, exponents, spaces and empty strings. */
export function yuanToMinor(yuan: string): number {
  if (typeof yuan !== 'string' || !YUAN_PATTERN.test(yuan)) {
    const shown = typeof yuan === 'string' && yuan.length > 24 ? `${yuan.slice(0, 24)}…` : String(yuan);
    throw PaymentsErrors.PAYMENTS_AMOUNT_INVALID({
      detail: `Expected a yuan amount with at most two decimals, got "${shown}".`,
    });
  }
  return parseMajor(yuan, 2);
}

/** 8888 → "88.88"; 1 → "0.01"; 0 → "0.00". */
export function minorToYuan(amountMinor: number): string {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) {
    throw PaymentsErrors.PAYMENTS_AMOUNT_INVALID({ detail: `A channel amount is a non-negative integer of fen.` });
  }
  return formatMajor(amountMinor, 2);
}

/** A WeChat Pay amount field (`amount.total`, `amount.payer_total`, `amount.refund`): integer fen. */
export function fenToMinor(fen: unknown): number {
  if (typeof fen !== 'number' || !Number.isSafeInteger(fen) || fen < 0) {
    throw PaymentsErrors.PAYMENTS_AMOUNT_INVALID({ detail: `Expected integer fen, got ${JSON.stringify(fen)}.` });
  }
  return fen;
}
