// Binding a bank card: Luhn check, verification through the bank adapter, then stored as the
// channel's token and the last four digits, with the full number encrypted and blind-indexed (PII).
import type { Executor } from '@zulin/db';
import { blindIndex, encryptPii } from '@zulin/identity';
import { type Clock, newId } from '@zulin/kernel';
import { and, desc, eq } from 'drizzle-orm';
import { type BankAdapter, luhnValid } from './bank-verification';
import { WalletErrors } from './errors';
import { walletBankCards } from './schema';

export interface BankCardView {
  id: string;
  bankName: string;
  last4: string;
  masked: string;
  status: 'active' | 'removed';
  createdAt: Date;
}

function view(row: typeof walletBankCards.$inferSelect): BankCardView {
  return {
    id: row.id,
    bankName: row.bankName,
    last4: row.last4,
    masked: `**** **** **** ${row.last4}`,
    status: row.status,
    createdAt: row.createdAt,
  };
}

export async function bindBankCard(
  tx: Executor,
  deps: { clock: Clock; masterKey: Buffer; bank: BankAdapter },
  options: { customerId: string; cardNumber: string },
): Promise<BankCardView> {
  const cardNumber = options.cardNumber.replace(/[\s-]/g, '');
  if (!luhnValid(cardNumber)) {
    throw WalletErrors.WALLET_BANK_CARD_INVALID({
      errors: [{ path: '/body/cardNumber', message: 'not a valid card number (check digit)', code: 'LUHN' }],
    });
  }
  const index = blindIndex(deps.masterKey, 'bank_card', cardNumber);
  const [duplicate] = await tx
    .select({ id: walletBankCards.id })
    .from(walletBankCards)
    .where(
      and(
        eq(walletBankCards.customerId, options.customerId),
        eq(walletBankCards.cardNumberIndex, index),
        eq(walletBankCards.status, 'active'),
      ),
    );
  if (duplicate) throw WalletErrors.WALLET_BANK_CARD_DUPLICATE({ detail: `Already bound as ${duplicate.id}.` });
  const verification = await deps.bank.verifyCard({ cardNumber, customerId: options.customerId });
  if (!verification.ok || !verification.token) {
    throw WalletErrors.WALLET_BANK_CARD_DECLINED({ detail: verification.reason ?? 'The bank declined the card.' });
  }
  const [row] = await tx
    .insert(walletBankCards)
    .values({
      id: newId('card', deps.clock),
      customerId: options.customerId,
      token: verification.token,
      last4: cardNumber.slice(-4),
      bankName: verification.bankName ?? '银行卡',
      cardNumberEnc: await encryptPii(tx, deps.masterKey, cardNumber),
      cardNumberIndex: index,
      status: 'active',
      createdAt: deps.clock.now(),
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return view(row);
}

export async function listBankCards(tx: Executor, customerId: string): Promise<BankCardView[]> {
  const rows = await tx
    .select()
    .from(walletBankCards)
    .where(and(eq(walletBankCards.customerId, customerId), eq(walletBankCards.status, 'active')))
    .orderBy(desc(walletBankCards.id))
    .limit(50);
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
