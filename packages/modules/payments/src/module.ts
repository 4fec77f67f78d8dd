// Payments as the server sees it: the channels' protocols (WeChat Pay v3, Alipay) and, in sandbox
// mode, a sandbox that plays both channels with its own keys and sends its callbacks by a sweep.
import type { SweepDefinition } from '@zulin/db';
import { AppError, addDays } from '@zulin/kernel';
import type { AppContext, ServerModule } from '@zulin/platform';
import { runCommand } from '@zulin/platform';
import { applyAlipayCallback, applyWechatpayCallback, paymentsWebhookVerifiers } from './channel-callbacks';
import { agreementChannelClient, configuredPaymentChannel, paymentChannelClient } from './channel-client-of';
import { channelSettings, paymentsAdapterStatuses } from './channel-settings';
import { paymentsDashboardFigures } from './dashboard-figures';
import { postDueSandboxCallbacks } from './deliver-sandbox-callbacks';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { recheckPayments } from './recheck-payments';
import { reconcilePayments } from './reconcile-payments';
import { fetchStatement } from './reconciliation-runs';
import { recheckActiveAgreements, refreshSigningAgreements } from './refresh-agreement';
import { paymentsRoutes } from './routes';
import { type PaymentChannelName, paymentChannels } from './schema';
import { sendAgreementCharges } from './send-agreement-charges';
import { sendApprovedRefunds } from './send-approved-refunds';
import { submitCreatedPayments } from './submit-payment';
import { raiseStuckUnsignAlerts, retryRequestedUnsigns } from './unsign-agreement';

/** The channels whose auto-debit agreements are configured here (WeChat's needs its papay plan id). */
async function agreementChannels(ctx: AppContext): Promise<PaymentChannelName[]> {
  const settings = await channelSettings(ctx);
  return [
    ...(settings.alipay ? (['alipay'] as const) : []),
    ...(settings.wechatpay?.papayPlanId ? (['wechatpay'] as const) : []),
  ];
}

/** Adds one channel's sweep counts to the run's (the counts of every channel, summed by name). */
function addCounts(into: Record<string, number>, counts: object): void {
  for (const [name, n] of Object.entries(counts)) if (typeof n === 'number') into[name] = (into[name] ?? 0) + n;
}

export const paymentsModule: ServerModule = {
  name: 'payments',
  routes: paymentsRoutes,
  adapters: paymentsAdapterStatuses,
  dashboard: paymentsDashboardFigures,
  webhookVerifiers: paymentsWebhookVerifiers,
  inboxHandlers: (ctx) => ({
    async wechatpay(message, tx) {
      const settings = (await channelSettings(ctx, tx)).wechatpay;
      if (!settings) throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED();
      await applyWechatpayCallback(tx, ctx.clock, settings, message.body);
    },
    async alipay(message, tx) {
      const settings = (await channelSettings(ctx, tx)).alipay;
      if (!settings) throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED();
      await applyAlipayCallback(tx, ctx.clock, settings, message.body);
    },
  }),
  ticks: (ctx) => [
    {
      name: 'payments.reconcile',
      description: "Reconciles each configured channel's statement of the day before with our payments",
      runAt: PaymentsLimits.reconciliationRunAt,
      async run({ clock, businessDate, progress, saveProgress }) {
        const date = addDays(businessDate, -1);
        // A channel reconciled in an earlier attempt of this tick is not reconciled twice; a channel
        // whose statement was not out is asked again after statementRetrySeconds, not on every pass.
        const saved = (progress ?? {}) as { done?: Record<string, number>; retryAfter?: string };
        const done: Record<string, number> = { ...(saved.done ?? {}) };
        const now = clock.now();
        if (saved.retryAfter && now < new Date(saved.retryAfter)) {
          throw PaymentsErrors.PAYMENTS_STATEMENT_NOT_READY({
            detail: `A statement of ${date} was not out yet; asked again from ${saved.retryAfter}.`,
          });
        }
        const notReady: string[] = [];
        for (const name of paymentChannels) {
          if (done[name] !== undefined) continue;
          const channel = await configuredPaymentChannel(ctx, name);
          if (!channel) continue;
          let statement: string;
          try {
            statement = await fetchStatement(ctx, name, date);
          } catch (error) {
            // Not out yet: the other channels go on; the tick fails below and the worker runs it again.
            if (error instanceof AppError && error.code === 'PAYMENTS_STATEMENT_NOT_READY') {
              notReady.push(name);
              continue;
            }
            throw error;
          }
          const { run } = await runCommand(ctx.database, async (tx) => {
            const reconciled = await reconcilePayments(
              tx,
              { clock, timeZone: ctx.config.timeZone },
              { channel: name, businessDate: date, statement, merchantId: channel.merchantId },
            );
            await saveProgress(tx, { done: { ...done, [name]: reconciled.run.mismatchCount } });
            return reconciled;
          });
          done[name] = run.mismatchCount;
        }
        if (notReady.length > 0) {
          const retryAfter = new Date(now.getTime() + PaymentsLimits.statementRetrySeconds * 1000).toISOString();
          await saveProgress(ctx.database.db, { done, retryAfter });
          throw PaymentsErrors.PAYMENTS_STATEMENT_NOT_READY({
            detail: `The ${notReady.join(' and ')} statement of ${date} is not out yet; asked again from ${retryAfter}.`,
          });
        }
        return done;
      },
    },
  ],
  sweeps: (ctx) => [
    {
      name: 'payments.agreement_charges',
      description: 'Sends the recorded auto-debit charges to the channel and records the answers',
      everySeconds: PaymentsLimits.agreementChargeSweepSeconds,
      async run({ clock }) {
        const done: Record<string, number> = { sent: 0 };
        for (const channel of await agreementChannels(ctx)) {
          addCounts(
            done,
            await sendAgreementCharges(ctx.database, { clock, client: await agreementChannelClient(ctx, channel) }),
          );
        }
        return done;
      },
    },
    {
      name: 'payments.agreements',
      description:
        'Asks the channel about auto-debit agreements still being signed (after 2, 4, 8 … min) and expires those unsigned after a day; asks it again to unsign the agreements customers asked to end that it did not confirm (after 2, 4, 8 … min, at most a day apart) and alerts staff when one is still unconfirmed after 24 h; asks about active agreements not checked for 7 days and ends those the payer ended in their Alipay app',
      everySeconds: PaymentsLimits.agreementCheckSweepSeconds,
      async run({ clock }) {
        const done: Record<string, number> = { asked: 0 };
        for (const channel of await agreementChannels(ctx)) {
          const deps = { clock, client: await agreementChannelClient(ctx, channel) };
          addCounts(done, await refreshSigningAgreements(ctx.database, deps));
          addCounts(done, await retryRequestedUnsigns(ctx.database, deps));
          addCounts(done, await raiseStuckUnsignAlerts(ctx.database, deps));
          addCounts(done, await recheckActiveAgreements(ctx.database, deps));
        }
        return done;
      },
    },
    {
      name: 'payments.submissions',
      description: 'Submits to their channel the payment orders recorded but left unsubmitted by their request',
      everySeconds: PaymentsLimits.submitSweepSeconds,
      async run({ clock }) {
        const settings = await channelSettings(ctx);
        return submitCreatedPayments(ctx.database, {
          clock,
          clientOf: async (channel) => (settings[channel] ? paymentChannelClient(ctx, channel) : undefined),
        });
      },
    },
    {
      name: 'payments.janitor',
      description:
        'Asks the channel again about pending and unknown payments (5 min, 1 h, then daily) and settles or closes them',
      everySeconds: PaymentsLimits.recheckSweepSeconds,
      run: ({ clock }) =>
        recheckPayments(ctx.database, { clock, channelOf: (channel) => configuredPaymentChannel(ctx, channel) }),
    },
    {
      name: 'payments.refunds',
      description: 'Sends approved refunds to their channel and asks again about unknown or processing ones',
      everySeconds: PaymentsLimits.refundSweepSeconds,
      async run({ clock }) {
        const settings = await channelSettings(ctx);
        return sendApprovedRefunds(ctx.database, {
          clock,
          clientOf: async (channel) => (settings[channel] ? paymentChannelClient(ctx, channel) : undefined),
        });
      },
    },
    ...(ctx.config.sandbox
      ? ([
          {
            name: 'payments.sandbox_callbacks',
            description: "The sandbox channel posts its due callbacks to the merchant's notify_url",
            everySeconds: PaymentsLimits.sandboxCallbackSweepSeconds,
            run: ({ db, clock }) => postDueSandboxCallbacks(db, clock),
          },
        ] satisfies SweepDefinition[])
      : []),
  ],
};
