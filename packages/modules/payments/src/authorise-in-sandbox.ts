// Demo data only (seeds run before the server listens, so no HTTP): the sandbox channel's deposit
// authorisations asked in-process — a hold frozen as payInSandbox pays a payment, and later captured
// or released (a demo rental returned and graded). Each call runs the sandbox's own function
// (freezeAuthorisation, captureAuthorisation, releaseAuthorisationAtSandbox) in its own transaction,
// as its gateway would; the hold is recorded by the payments use cases (authoriseDeposit,
// captureFromAuthorisation, releaseAuthorisation) exactly as for a live request. Refused outside
// sandbox mode.
import { type Database, transaction } from '@zulin/db';
import { assert, type Clock } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import type { AuthorisationChannelClient } from './authorisation-clients';
import { authoriseDeposit } from './authorise-deposit';
import type { ChannelCall } from './channel-clients';
import { channelSettings, merchantIdOf } from './channel-settings';
import type { AuthoriseDepositRequest, DepositAuthorisation } from './deposit-authorisations';
import { PaymentsErrors } from './errors';
import {
  captureAuthorisation,
  findAuthorisation,
  freezeAuthorisation,
  releaseAuthorisationAtSandbox,
} from './sandbox-authorisations';
import { sandboxKeys } from './sandbox-keys';
import type { AuthorisationInstrumentName, PaymentChannelName } from './schema';
import { type WalletInstrument, walletInstrument } from './wallet-holds';

/**
 * The sandbox channel's authorisation client, in-process: what `authorisationChannelClient` answers
 * over HTTP, for seeds (`clock`: the seed's clock, so that the sandbox dates its records as the
 * demo's story does). A refusal is `refused` with the sandbox's reason as its code.
 */
export async function sandboxAuthorisationClient(
  ctx: AppContext,
  database: Database,
  channel: AuthorisationInstrumentName,
  clock: Clock = ctx.clock,
): Promise<AuthorisationChannelClient | WalletInstrument> {
  if (!ctx.config.sandbox) throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({ detail: 'Sandbox mode only.' });
  if (channel === 'wallet') return walletInstrument;
  const settings = await channelSettings(ctx);
  const merchantId = merchantIdOf(settings, channel);
  assert(merchantId !== undefined, 'the sandbox configures both channels');
  const keys = await sandboxKeys(database.db, clock.now());
  const deps = { clock, keys };
  const refused = (code: string): ChannelCall<never> => ({ outcome: 'refused', code, message: 'sandbox refused' });
  return {
    name: channel,
    partial: channel === 'alipay',
    freeze: (r) =>
      transaction(database, async (tx) => {
        const opened = await freezeAuthorisation(tx, deps, {
          channel,
          merchantId,
          outOrderNo: r.outOrderNo,
          requestNo: r.requestNo,
          amountMinor: r.amountMinor,
        });
        if ('refused' in opened) return refused(opened.refused);
        const a = opened.authorisation;
        return { outcome: 'ok', value: { authNo: a.authNo, creditMinor: a.creditMinor, fundMinor: a.fundMinor } };
      }),
    capture: (r) =>
      transaction(database, async (tx) => {
        const found = await findAuthorisation(tx, channel, merchantId, { authNo: r.authNo });
        if (found === undefined) return refused('not_found');
        const captured = await captureAuthorisation(tx, deps, found, {
          kind: channel === 'alipay' ? 'pay' : 'complete',
          requestNo: r.requestNo,
          amountMinor: r.amountMinor,
          finish: r.finish,
          description: r.description,
        });
        if ('refused' in captured) return refused(captured.refused);
        return { outcome: 'ok', value: { channelTradeNo: captured.tradeNo } };
      }),
    release: (r) =>
      transaction(database, async (tx) => {
        const found = await findAuthorisation(tx, channel, merchantId, { authNo: r.authNo });
        if (found === undefined) return refused('not_found');
        const released = await releaseAuthorisationAtSandbox(tx, deps, found, {
          kind: channel === 'alipay' ? 'unfreeze' : 'cancel',
          requestNo: r.requestNo,
          amountMinor: r.amountMinor,
        });
        if ('refused' in released) return refused(released.refused);
        return { outcome: 'ok', value: { released: true } };
      }),
  };
}

/** A deposit hold asked of the sandbox in-process, recorded by authoriseDeposit as a live one is. */
export async function authoriseInSandbox(
  ctx: AppContext,
  database: Database,
  channel: PaymentChannelName,
  request: AuthoriseDepositRequest,
): Promise<DepositAuthorisation> {
  const client = await sandboxAuthorisationClient(ctx, database, channel);
  return authoriseDeposit(database, { clock: ctx.clock, client }, request);
}
