// The wallet hold (docs/payments.md "Wallet hold"): a deposit authorisation held on the customer's own
// wallet balance, for customers without an Alipay fund authorisation or WeChat Pay Score. No outside
// system is involved, so each step is one transaction of ours, ledger and record together:
//   freeze  — a pending transfer wallet → customer deposits held: the wallet's available balance
//             drops at once, nothing is posted yet;
//   capture — the pending transfer posted for the part captured, then customer deposits held → the
//             capture's account (as a channel capture posts channel clearing → that account), and a
//             new pending transfer holds what is left;
//   release — the pending transfer voided, and a new one holds what is left after a partial release.
// The authorisation's `channelAuthNo` names the pending transfer that holds what is left. The wallet
// is the ledger's customer wallet account (reached through the ledger, as the wallet module does), so
// payments does not depend on the wallet module. A short wallet is refused with
// PAYMENTS_WALLET_BALANCE_INSUFFICIENT and nothing is written.
import type { Executor } from '@zulin/db';
import { assert, type Clock } from '@zulin/kernel';
import {
  availableMinor,
  createTransfers,
  customerAccount,
  getBalances,
  LedgerErrors,
  platformAccount,
  type TransferInput,
} from '@zulin/ledger';
import type { AuthorisationChannelClient } from './authorisation-clients';
import {
  type AuthorisationOperation,
  type AuthoriseDepositRequest,
  checkAmount,
  checkRequestNo,
  type DepositAuthorisation,
  recordAuthorisation,
  update,
} from './deposit-authorisations';
import { PaymentsErrors } from './errors';

/** The wallet as a deposit instrument: always there, production included; partial captures and releases. */
export const walletInstrument = { name: 'wallet', partial: true } as const;
export type WalletInstrument = typeof walletInstrument;
/** What holds a deposit: a channel's authorisation client or the wallet. */
export type AuthorisationClient = AuthorisationChannelClient | WalletInstrument;

export const walletHoldCode = 'payments.deposit_hold';
export const walletCaptureCode = 'payments.deposit_capture';

/** What the customer's wallet may spend now (held money excluded), in 分. */
export async function walletAvailableMinor(db: Executor, clock: Clock, customerId: string): Promise<number> {
  const wallet = await customerAccount(db, clock, customerId, 'wallet');
  const balances = (await getBalances(db, [wallet.id])).get(wallet.id);
  return balances === undefined ? 0 : availableMinor(balances);
}

function insufficient(availableMinor: number, neededMinor: number, what = 'the deposit hold') {
  return PaymentsErrors.PAYMENTS_WALLET_BALANCE_INSUFFICIENT({
    detail: `The wallet has ${availableMinor} fen available; ${what} needs ${neededMinor} fen.`,
    errors: [
      { path: '/availableMinor', message: String(availableMinor) },
      { path: '/neededMinor', message: String(neededMinor) },
    ],
  });
}

/**
 * Refuses with PAYMENTS_WALLET_BALANCE_INSUFFICIENT when the wallet cannot give `amountMinor` now;
 * `what` names it in the detail (default: the deposit hold).
 */
export async function assertWalletCanHold(
  db: Executor,
  clock: Clock,
  customerId: string,
  amountMinor: number,
  options: { what?: string | undefined } = {},
): Promise<void> {
  const available = await walletAvailableMinor(db, clock, customerId);
  if (available < amountMinor) throw insufficient(available, amountMinor, options.what);
}

/**
 * Holds the deposit on the customer's wallet, in the caller's transaction: the authorisation and its
 * ledger hold together, `authorised` at once. The same request number answers the same hold.
 */
export async function holdDepositOnWallet(
  tx: Executor,
  clock: Clock,
  request: Omit<AuthoriseDepositRequest, 'payerToken'>,
): Promise<DepositAuthorisation> {
  checkRequestNo(request.outRequestNo);
  checkAmount(request.amountMinor, 1);
  const recorded = await recordAuthorisation(tx, clock, walletInstrument.name, request);
  if (!recorded.created) return recorded.authorisation;
  const created = recorded.authorisation;
  const wallet = await customerAccount(tx, clock, request.customerId, 'wallet');
  const held = await platformAccount(tx, clock, 'customer_deposits_held');
  const holdId = `txn_walhold_${created.id}`;
  try {
    await createTransfers(tx, clock, [
      {
        id: holdId,
        kind: 'pending',
        debitAccountId: wallet.id,
        creditAccountId: held.id,
        amountMinor: request.amountMinor,
        currency: 'CNY',
        code: walletHoldCode,
        reference: request.reference,
        metadata: { description: request.description, authorisationId: created.id },
      },
    ]);
  } catch (error) {
    // The caller's transaction rolls back: the authorisation row goes with it.
    if (LedgerErrors.LEDGER_INSUFFICIENT_FUNDS.is(error)) {
      throw insufficient(await walletAvailableMinor(tx, clock, request.customerId), request.amountMinor);
    }
    throw error;
  }
  return update(tx, clock, created, {
    state: 'authorised',
    channelAuthNo: holdId,
    creditMinor: 0,
    fundMinor: request.amountMinor,
    failureReason: null,
  });
}

/**
 * Carries out a capture or release of a wallet hold in the caller's transaction (the operation was
 * just recorded `pending` with its amount checked): the ledger legs, the operation `succeeded`, the
 * authorisation's running amounts and state — all or nothing.
 */
export async function applyWalletOperation(
  tx: Executor,
  clock: Clock,
  a: DepositAuthorisation,
  op: AuthorisationOperation,
): Promise<{ authorisation: DepositAuthorisation; transferId: string | null }> {
  assert(a.channel === 'wallet' && a.channelAuthNo !== null, 'a wallet hold names its pending transfer');
  const left = a.amountMinor - a.capturedMinor - a.releasedMinor;
  assert(op.amountMinor > 0 && op.amountMinor <= left, 'the operation was checked against what is held');
  const wallet = await customerAccount(tx, clock, a.customerId, 'wallet');
  const held = await platformAccount(tx, clock, 'customer_deposits_held');
  const stillHeld = left - op.amountMinor;
  const nextHoldId = stillHeld > 0 ? `txn_walhold_${op.id}` : null;
  const legs: TransferInput[] = [];
  let transferId: string | null = null;
  const metadata = { authorisationId: a.id, operationId: op.id, outRequestNo: op.outRequestNo };
  if (op.kind === 'capture') {
    assert(op.creditAccountId, 'a capture names its account');
    transferId = `txn_authcap_${op.id}`;
    // Posting part of a pending transfer gives the rest back; the rest is held again below.
    legs.push(
      {
        id: `txn_walpost_${op.id}`,
        kind: 'post_pending',
        pendingId: a.channelAuthNo,
        amountMinor: op.amountMinor,
        code: walletCaptureCode,
        reference: a.reference,
        metadata: { ...metadata, description: a.description },
      },
      {
        id: transferId,
        debitAccountId: held.id,
        creditAccountId: op.creditAccountId,
        amountMinor: op.amountMinor,
        currency: 'CNY',
        code: walletCaptureCode,
        reference: a.id,
        metadata: { ...metadata, reference: a.reference, outOrderNo: a.outOrderNo },
      },
    );
  } else {
    legs.push({
      id: `txn_walrel_${op.id}`,
      kind: 'void_pending',
      pendingId: a.channelAuthNo,
      code: walletHoldCode,
      reference: a.reference,
      metadata: { ...metadata, description: a.description },
    });
  }
  if (nextHoldId !== null) {
    legs.push({
      id: nextHoldId,
      kind: 'pending',
      debitAccountId: wallet.id,
      creditAccountId: held.id,
      amountMinor: stillHeld,
      currency: 'CNY',
      code: walletHoldCode,
      reference: a.reference,
      metadata: { description: a.description, authorisationId: a.id },
    });
  }
  await createTransfers(tx, clock, legs);
  const captured = a.capturedMinor + (op.kind === 'capture' ? op.amountMinor : 0);
  const released = a.releasedMinor + (op.kind === 'release' ? op.amountMinor : 0);
  const state =
    stillHeld > 0 ? (captured > 0 ? 'partially_captured' : 'authorised') : captured > 0 ? 'settled' : 'released';
  const authorisation = await update(tx, clock, a, {
    capturedMinor: captured,
    releasedMinor: released,
    state,
    channelAuthNo: nextHoldId ?? a.channelAuthNo,
  });
  return { authorisation, transferId };
}
