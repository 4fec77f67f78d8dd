// Turns the wallet's outbox events into notifications (docs/ledger-wallet.md lists the events). One
// subscriber per event type, so a failing one holds back only its own kind. Each notification's
// dedupe key is the event id and the template: a redelivered event notifies nobody twice. What a
// payload lacks (a masked phone number) is read through identity's public functions.
import type { Subscriber, Tx } from '@zulin/db';
import { getCustomerProfile } from '@zulin/identity';
import { WalletEvents } from '@zulin/wallet';
import type { NotificationDeps } from './deps';
import { customerOf, minor, notifierOf, PayloadError, text } from './event-fields';
import { notify } from './notify';
import type { NotificationParams } from './schema';
import type { TemplateKey } from './templates';

const on = notifierOf(WalletEvents);

function walletNotice(
  tx: Tx,
  deps: NotificationDeps,
  event: { eventId: string },
  customerId: string,
  template: TemplateKey,
  params: NotificationParams,
) {
  return notify(tx, deps, {
    customerId,
    category: 'wallet',
    template,
    params,
    dedupeKey: `${event.eventId}:${template}`,
  });
}

async function phoneMaskedOf(tx: Tx, deps: NotificationDeps, customerId: string): Promise<string> {
  return (await getCustomerProfile(tx, deps.masterKey, customerId)).phoneMasked;
}

const handlers = [
  on('wallet.top_up_succeeded', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event), 'wallet.top_up_succeeded', {
      amountMinor: minor(event, 'amountMinor'),
    });
  }),
  on('wallet.withdrawal_succeeded', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event), 'wallet.withdrawal_succeeded', {
      amountMinor: minor(event, 'amountMinor'),
    });
  }),
  on('wallet.withdrawal_failed', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event), 'wallet.withdrawal_failed', {
      amountMinor: minor(event, 'amountMinor'),
    });
  }),
  // One event, two customers: the sender learns the money left, the recipient that it arrived. A
  // bill split share moves through the same transfer and is worded as one.
  on('wallet.transfer_sent', async (event, tx, deps) => {
    const fromCustomerId = text(event, 'fromCustomerId');
    const toCustomerId = text(event, 'toCustomerId');
    const amountMinor = minor(event, 'amountMinor');
    const share = event.payload.type === 'bill_split';
    await walletNotice(
      tx,
      deps,
      event,
      fromCustomerId,
      share ? 'wallet.bill_split_share_paid' : 'wallet.transfer_sent',
      {
        amountMinor,
        toPhoneMasked: await phoneMaskedOf(tx, deps, toCustomerId),
      },
    );
    await walletNotice(
      tx,
      deps,
      event,
      toCustomerId,
      share ? 'wallet.bill_split_share_received' : 'wallet.transfer_received',
      { amountMinor, fromPhoneMasked: await phoneMaskedOf(tx, deps, fromCustomerId) },
    );
  }),
  // One event per friend asked to pay; `customerId` is the friend, `amountMinor` their share.
  on('wallet.bill_split_requested', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event), 'wallet.bill_split_requested', {
      requesterPhoneMasked: await phoneMaskedOf(tx, deps, text(event, 'requesterCustomerId')),
      title: text(event, 'title'),
      shareMinor: minor(event, 'amountMinor'),
    });
  }),
  // The requester is told; the friends each learnt of their own payment already.
  on('wallet.bill_split_settled', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event, 'requesterCustomerId'), 'wallet.bill_split_settled', {
      title: text(event, 'title'),
      totalMinor: minor(event, 'amountMinor'),
    });
  }),
  on('wallet.bill_split_expired', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event), 'wallet.bill_split_expired', {
      title: text(event, 'title'),
      amountMinor: minor(event, 'amountMinor'),
    });
  }),
  on('wallet.bank_card_removed', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event), 'wallet.bank_card_removed', {
      last4: text(event, 'last4'),
    });
  }),
  on('wallet.points_awarded', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event), 'wallet.points_awarded', {
      points: minor(event, 'points'),
    });
  }),
  on('wallet.cashback_granted', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event), 'wallet.cashback_granted', {
      amountMinor: minor(event, 'amountMinor'),
    });
  }),
  on('wallet.dispute_opened', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event), 'wallet.dispute_opened', {
      slaDueAt: text(event, 'slaDueAt'),
    });
  }),
  on('wallet.dispute_resolved', async (event, tx, deps) => {
    const customerId = customerOf(event);
    const outcome = text(event, 'outcome');
    if (outcome === 'rejected') {
      await walletNotice(tx, deps, event, customerId, 'wallet.dispute_rejected', {});
      return;
    }
    if (outcome !== 'refund' && outcome !== 'reversal') {
      throw new PayloadError(`${event.type} ${event.eventId}: unknown outcome ${outcome}`);
    }
    // A refund and a reversal both put the money back into the wallet; the customer sees one thing.
    await walletNotice(tx, deps, event, customerId, 'wallet.dispute_refunded', {
      amountMinor: minor(event, 'amountMinor'),
    });
  }),
  on('wallet.dispute_sla_breached', async (event, tx, deps) => {
    await walletNotice(tx, deps, event, customerOf(event), 'wallet.dispute_escalated', {});
  }),
];

/** The wallet event types that notify someone. */
export const walletEventTypes = handlers.map((h) => h.eventType);

export function walletSubscribers(deps: NotificationDeps): Subscriber[] {
  return handlers.map((h) => h.subscriber(deps));
}
