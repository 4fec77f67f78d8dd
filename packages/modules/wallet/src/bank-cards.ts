// Binding a bank card: Luhn check, verification through the bank adapter, then stored as the
// channel's token and the last four digits, with the full number encrypted and blind-indexed (PII).

import { type Database, type Executor, emitEvent, transaction } from '@zulin/db';
import { blindIndex, encryptPii } from '@zulin/identity';
import { assert, type Clock, newId } from '@zulin/kernel';
import { and, desc, eq } from 'drizzle-orm';
import { lockCustomerWallet } from './accounts';
import { type BankAdapter, cardNumberValid } from './bank-verification';
import { WalletErrors } from './errors';
import { WalletLimits } from './limits';
import { walletBankCards, walletWithdrawals } from './schema';

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

/**
 * Binds a card in three steps, so that no database transaction (and no row or advisory lock) is
 * held while the bank answers: a short read refuses a card already bound before the bank is asked;
 * the bank adapter verifies the card; a short transaction writes it, where the partial unique index
 * on (customer, card) still refuses a duplicate bound meanwhile by a concurrent request.
 */
/** A card the bank verified, not yet stored: what `saveBankCard` records. */
export interface VerifiedBankCard {
  customerId: string;
  cardNumber: string;
  index: string;
  token: string;
  bankName: string;
}

/**
 * The first step of binding a card, outside any transaction: the check digit, a duplicate check,
 * then the bank (an outside system, which may take seconds).
 */
export async function verifyBankCard(
  database: Database,
  deps: { masterKey: Buffer; bank: BankAdapter },
  options: { customerId: string; cardNumber: string },
): Promise<VerifiedBankCard> {
  const cardNumber = options.cardNumber.replace(/[\s-]/g, '');
  if (!cardNumberValid(cardNumber)) {
    throw WalletErrors.WALLET_BANK_CARD_INVALID({
      errors: [{ path: '/body/cardNumber', message: 'not a valid card number (check digit)', code: 'LUHN' }],
    });
  }
  const index = blindIndex(deps.masterKey, 'bank_card', cardNumber);
  await refuseDuplicate(database.db, options.customerId, index);
  const verification = await deps.bank.verifyCard({ cardNumber, customerId: options.customerId });
  if (!verification.ok || !verification.token) {
    throw WalletErrors.WALLET_BANK_CARD_DECLINED({ detail: verification.reason ?? 'The bank declined the card.' });
  }
  return {
    customerId: options.customerId,
    cardNumber,
    index,
    token: verification.token,
    bankName: verification.bankName ?? '银行卡',
  };
}

/** The second step, in the command's transaction: stores the verified card (token and last 4 digits). */
export async function saveBankCard(
  tx: Executor,
  deps: { clock: Clock; masterKey: Buffer },
  card: VerifiedBankCard,
): Promise<BankCardView> {
  await refuseDuplicate(tx, card.customerId, card.index);
  const [row] = await tx
    .insert(walletBankCards)
    .values({
      id: newId('card', deps.clock),
      customerId: card.customerId,
      token: card.token,
      last4: card.cardNumber.slice(-4),
      bankName: card.bankName,
      cardNumberEnc: await encryptPii(tx, deps.masterKey, card.cardNumber),
      cardNumberIndex: card.index,
      status: 'active',
      createdAt: deps.clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  // No row: a concurrent request bound the same card between our check and our insert.
  if (!row) throw WalletErrors.WALLET_BANK_CARD_DUPLICATE();
  return view(row);
}

/** Both steps, for callers outside HTTP (seeds, tests). */
export async function bindBankCard(
  database: Database,
  deps: { clock: Clock; masterKey: Buffer; bank: BankAdapter },
  options: { customerId: string; cardNumber: string },
): Promise<BankCardView> {
  const verified = await verifyBankCard(database, deps, options);
  return transaction(database, (tx) => saveBankCard(tx, deps, verified));
}

async function refuseDuplicate(tx: Executor, customerId: string, index: string): Promise<void> {
  const [duplicate] = await tx
    .select({ id: walletBankCards.id })
    .from(walletBankCards)
    .where(
      and(
        eq(walletBankCards.customerId, customerId),
        eq(walletBankCards.cardNumberIndex, index),
        eq(walletBankCards.status, 'active'),
      ),
    );
  if (duplicate) throw WalletErrors.WALLET_BANK_CARD_DUPLICATE({ detail: `Already bound as ${duplicate.id}.` });
}

/**
 * Removes a card: it no longer shows and cannot be withdrawn to, but its row stays (marked removed)
 * because withdrawals name it. Refused while a withdrawal to it is in progress: the payout still
 * needs the card. Taken under the customer's wallet lock, the lock a withdrawal request holds, so
 * a withdrawal to the card cannot start between the check and the removal.
 */
export async function removeBankCard(
  tx: Executor,
  deps: { clock: Clock },
  options: { customerId: string; bankCardId: string },
): Promise<void> {
  await lockCustomerWallet(tx, options.customerId);
  const card = await activeBankCard(tx, options.customerId, options.bankCardId);
  const [inFlight] = await tx
    .select({ id: walletWithdrawals.id })
    .from(walletWithdrawals)
    .where(and(eq(walletWithdrawals.bankCardId, card.id), eq(walletWithdrawals.status, 'processing')))
    .limit(1);
  if (inFlight) {
    throw WalletErrors.WALLET_BANK_CARD_IN_USE({
      detail: `Withdrawal ${inFlight.id} to this card is in progress; remove the card once it completes.`,
    });
  }
  const now = deps.clock.now();
  const [removed] = await tx
    .update(walletBankCards)
    .set({ status: 'removed', removedAt: now })
    .where(and(eq(walletBankCards.id, card.id), eq(walletBankCards.status, 'active')))
    .returning({ id: walletBankCards.id });
  assert(removed, 'the active card was removed under the wallet lock');
  await emitEvent(tx, now, {
    type: 'wallet.bank_card_removed',
    aggregateType: 'wallet',
    aggregateId: options.customerId,
    payload: { bankCardId: card.id, customerId: options.customerId, last4: card.last4 },
  });
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
