// Bank cards: stored as the channel's token and the last four digits, with the full number
// encrypted and blind-indexed (PII); their view and reads. Binding: bind-bank-card.ts (Luhn check,
// verification through the bank adapter); removal: remove-bank-card.ts.
import type { Executor } from '@zulin/db';
import { and, desc, eq } from 'drizzle-orm';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletBankCards } from './schema';

export interface BankCardView {
  id: string;
  bankName: string;
  last4: string;
  masked: string;
  status: 'active' | 'removed';
  createdAt: Date;
}

export function view(row: typeof walletBankCards.$inferSelect): BankCardView {
  return {
    id: row.id,
    bankName: row.bankName,
    last4: row.last4,
    masked: `**** **** **** ${row.last4}`,
    status: row.status,
    createdAt: row.createdAt,
  };
}

export async function listBankCards(tx: Executor, customerId: string): Promise<BankCardView[]> {
  const rows = await tx
    .select()
    .from(walletBankCards)
    .where(and(eq(walletBankCards.customerId, customerId), eq(walletBankCards.status, 'active')))
    .orderBy(desc(walletBankCards.id))
    .limit(WalletLimits.bankCardsListMax);
  return rows.map(view);
}

/** The customer's active card with this id, with the token to pay out to; a foreign id is not found. */
export async function activeBankCard(tx: Executor, customerId: string, id: string) {
  const [row] = await tx
    .select()
    .from(walletBankCards)
    .where(
      and(eq(walletBankCards.id, id), eq(walletBankCards.customerId, customerId), eq(walletBankCards.status, 'active')),
    );
  if (!row) throw WalletErrors.WALLET_BANK_CARD_NOT_FOUND();
  return row;
}
