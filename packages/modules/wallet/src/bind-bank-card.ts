// Binds a bank card in three steps, so that no database transaction (and no row or advisory lock)
// is held while the bank answers: a short read refuses a card already bound before the bank is
// asked; the bank adapter verifies the card; a short transaction writes it, where the partial unique
// index on (customer, card) still refuses a duplicate bound meanwhile by a concurrent request.
import { type Database, type Executor, transaction } from '@zulin/db';
import { blindIndex, encryptPii } from '@zulin/identity';
import { type Clock, newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { type BankCardView, view } from './bank-cards';
import { type BankAdapter, cardNumberValid } from './bank-verification';
import { WalletErrors } from './errors';
import { walletBankCards } from './schema';

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
    // The refusal's code rides on the field (the screens translate it); the bank's sentence is the detail.
    const detail = verification.reason ?? 'The bank declined the card.';
    throw WalletErrors.WALLET_BANK_CARD_DECLINED({
      detail,
      errors: [{ path: '/body/cardNumber', message: detail, code: verification.refusal ?? 'declined' }],
    });
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
