// Demo data only (seeds run before the server listens, so no HTTP): a deposit hold asked of the
// sandbox in-process, as payInSandbox pays a payment. The hold is recorded by authoriseDeposit exactly
// as for a live request; only the channel's freeze runs in-process (the sandbox's own
// freezeAuthorisation, in its own transaction, as its gateway would). The hold is then an ordinary
// sandbox hold: captured or released later over the channel's protocol. Refused outside sandbox mode.
import { type Database, transaction } from '@zulin/db';
import { assert } from '@zulin/kernel';
import type { AppContext } from '@zulin/platform';
import type { AuthorisationChannelClient } from './authorisation-clients';
import { authoriseDeposit } from './authorise-deposit';
import { channelSettings, merchantIdOf } from './channel-settings';
import type { AuthoriseDepositRequest, DepositAuthorisation } from './deposit-authorisations';
import { PaymentsErrors } from './errors';
import { freezeAuthorisation } from './sandbox-authorisations';
import { sandboxKeys } from './sandbox-keys';
import type { PaymentChannelName } from './schema';

export async function authoriseInSandbox(
  ctx: AppContext,
  database: Database,
  channel: PaymentChannelName,
  request: AuthoriseDepositRequest,
): Promise<DepositAuthorisation> {
  if (!ctx.config.sandbox) throw PaymentsErrors.PAYMENTS_CHANNEL_UNCONFIGURED({ detail: 'Sandbox mode only.' });
  const settings = await channelSettings(ctx);
  const merchantId = merchantIdOf(settings, channel);
  assert(merchantId !== undefined, 'the sandbox configures both channels');
  const keys = await sandboxKeys(database.db, ctx.clock.now());
  const notInProcess = () => {
    throw new Error('the in-process sandbox client only freezes (demo data)');
  };
  const client: AuthorisationChannelClient = {
    name: channel,
    partial: channel === 'alipay',
    freeze: (r) =>
      transaction(database, async (tx) => {
        const opened = await freezeAuthorisation(
          tx,
          { clock: ctx.clock, keys },
          { channel, merchantId, outOrderNo: r.outOrderNo, requestNo: r.requestNo, amountMinor: r.amountMinor },
        );
        if ('refused' in opened) return { outcome: 'refused', code: opened.refused, message: 'sandbox refused' };
        const a = opened.authorisation;
        return { outcome: 'ok', value: { authNo: a.authNo, creditMinor: a.creditMinor, fundMinor: a.fundMinor } };
      }),
    capture: notInProcess,
    release: notInProcess,
  };
  return authoriseDeposit(database, { clock: ctx.clock, client }, request);
}
