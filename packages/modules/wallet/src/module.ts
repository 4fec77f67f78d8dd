// The wallet as the server sees it: routes, the sandbox payment channel's webhook and inbox handler,
// the payout subscriber, and the ticks that expire points and bill splits.
import { transaction } from '@zulin/db';
import type { ServerModule } from '@zulin/server/context';
import { sandboxBankAdapter } from './bank-verification';
import { expireBillSplits } from './bill-splits';
import { walletCode } from './codes';
import { WalletLimits } from './limits';
import { expirePointsLots } from './points';
import { walletRoutes } from './routes';
import {
  parseSandboxNotification,
  sandboxWebhookChannel,
  sandboxWebhookSecret,
  verifySandboxSignature,
} from './sandbox-channel';
import { applyPaymentNotification } from './top-ups';
import { failExpiredWithdrawal, processWithdrawalPayout } from './withdrawals';

export const walletModule: ServerModule = {
  name: 'wallet',
  routes: walletRoutes,
  webhookVerifiers: (ctx) => ({
    [sandboxWebhookChannel]: {
      verify({ rawBody, headers, now }) {
        const header = headers['zulin-signature'];
        verifySandboxSignature(
          sandboxWebhookSecret(ctx.config.masterKey),
          rawBody,
          Array.isArray(header) ? header[0] : header,
          now,
        );
        const n = parseSandboxNotification(rawBody.toString('utf8'));
        return { eventId: n.id, eventType: n.type };
      },
    },
  }),
  inboxHandlers: (ctx) => ({
    [sandboxWebhookChannel]: (message, tx) => applyPaymentNotification(tx, ctx.clock, message.body),
  }),
  subscribers: (ctx) => {
    const deps = {
      clock: ctx.clock,
      masterKey: ctx.config.masterKey,
      timeZone: ctx.config.timeZone,
      bank: sandboxBankAdapter,
    };
    return [
      {
        name: 'wallet.withdrawal_payout',
        eventTypes: ['wallet.withdrawal_requested'],
        async handle(event, tx) {
          await processWithdrawalPayout(tx, deps, String(event.payload.withdrawalId));
        },
      },
      {
        name: 'wallet.withdrawal_hold_expired',
        eventTypes: ['ledger.pending_expired'],
        async handle(event, tx) {
          if (event.payload.code !== walletCode('withdrawal') || typeof event.payload.reference !== 'string') return;
          await failExpiredWithdrawal(tx, deps, event.payload.reference);
        },
      },
    ];
  },
  ticks: () => [
    {
      name: 'wallet.expire_points',
      description: 'Expires points 12 months after they were earned',
      runAt: '00:10',
      async run({ db, clock }) {
        let expired = 0;
        for (let batch = 0; batch < WalletLimits.tickBatchesPerRun; batch++) {
          const n = await transaction(db, (tx) => expirePointsLots(tx, clock));
          expired += n;
          if (n < WalletLimits.tickBatchSize) break;
        }
        return { lotsExpired: expired };
      },
    },
    {
      name: 'wallet.expire_bill_splits',
      description: 'Closes bill splits that stayed open past their 7 days',
      runAt: '00:15',
      async run({ db, clock }) {
        return { expired: await transaction(db, (tx) => expireBillSplits(tx, clock.now())) };
      },
    },
  ],
};
