// The bank-verification and payout adapter, with a sandbox that ships with the product.
//
// Sandbox test numbers (all pass the Luhn check):
//   6222021234567890128  ICBC — verifies, payouts succeed
//   6217000000000000004  CCB  — verifies, payouts succeed
//   6222020000000000000  ends in 0000 — the bank declines verification (card_reported_lost, "卡已挂失")
//   6225880000000000002  ends in 0002 — verifies, but every payout fails (account_frozen, "账户已冻结";
//                        the money returns to the wallet)
// Any number failing the Luhn check is refused before the bank is asked.

import { createHash } from 'node:crypto';
import { luhnValid } from '@zulin/kernel';
import { WalletErrors } from './errors';

/**
 * Why a bank refused, as a stable code the screens translate (a bank answers with its own response
 * code and a sentence in its own language; the adapter maps the code to one of these and keeps the
 * sentence as `reason`). `declined` is every refusal the adapter cannot name.
 */
export const BANK_REFUSAL_CODES = [
  'card_reported_lost',
  'card_restricted',
  'account_frozen',
  'account_closed',
  'name_mismatch',
  'declined',
] as const;
export type BankRefusalCode = (typeof BANK_REFUSAL_CODES)[number];

export interface BankCardVerification {
  ok: boolean;
  /** The channel's token for the card: what payouts are sent to. */
  token?: string;
  bankName?: string;
  /** Set when `ok` is false. */
  refusal?: BankRefusalCode;
  /** The bank's own sentence, as it came. */
  reason?: string;
}

export interface BankAdapter {
  verifyCard(input: { cardNumber: string; customerId: string }): Promise<BankCardVerification>;
  payout(input: {
    token: string;
    amountMinor: number;
    reference: string;
  }): Promise<{ ok: boolean; refusal?: BankRefusalCode; reason?: string }>;
}

/** A bank card number: 12–19 digits ending in its Luhn check digit. */
export function cardNumberValid(cardNumber: string): boolean {
  return /^[0-9]{12,19}$/.test(cardNumber) && luhnValid(cardNumber);
}

const banksByBin: Record<string, string> = {
  '622202': '中国工商银行',
  '621700': '中国建设银行',
  '622848': '中国农业银行',
  '622588': '招商银行',
};

export const sandboxBankAdapter: BankAdapter = {
  async verifyCard({ cardNumber }) {
    if (cardNumber.endsWith('0000')) return { ok: false, refusal: 'card_reported_lost', reason: '卡已挂失' };
    const token = `bct_${createHash('sha256').update(`sandbox:${cardNumber}`).digest('hex').slice(0, 24)}`;
    return { ok: true, token, bankName: banksByBin[cardNumber.slice(0, 6)] ?? '银行卡' };
  },
  async payout({ token }) {
    // The sandbox remembers nothing: a card that fails payouts is recognized from its token.
    const failing = `bct_${createHash('sha256').update('sandbox:6225880000000000002').digest('hex').slice(0, 24)}`;
    return token === failing ? { ok: false, refusal: 'account_frozen', reason: '账户已冻结' } : { ok: true };
  },
};

/**
 * The bank outside sandbox mode until a licensed partner's adapter is configured: it refuses every
 * call, so nothing is ever booked as paid without a bank (docs/security.md).
 */
export const unconfiguredBankAdapter: BankAdapter = {
  async verifyCard() {
    throw WalletErrors.WALLET_BANK_UNAVAILABLE({ detail: 'No bank is configured for this deployment.' });
  },
  async payout() {
    throw WalletErrors.WALLET_BANK_UNAVAILABLE({ detail: 'No bank is configured for this deployment.' });
  },
};
