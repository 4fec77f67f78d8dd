import type { Database } from '@zulin/db';
import { assert } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import {
  type AuthorisationDeps,
  type AuthoriseDepositRequest,
  checkAmount,
  checkRequestNo,
  type DepositAuthorisation,
  lockAuthorisation,
  recordAuthorisation,
  update,
} from './deposit-authorisations';
import { holdDepositOnWallet } from './wallet-holds';

/**
 * Asks the channel to hold `amountMinor` (Alipay freeze; WeChat Pay Score service order), or holds it
 * on the customer's wallet (wallet-holds.ts).
 */
export async function authoriseDeposit(
  database: Database,
  deps: AuthorisationDeps,
  request: AuthoriseDepositRequest,
): Promise<DepositAuthorisation> {
  checkRequestNo(request.outRequestNo);
  checkAmount(request.amountMinor, 1);
  const client = deps.client;
  // The wallet holds in one transaction of ours, or refuses and writes nothing.
  if (client.name === 'wallet') return runCommand(database, (tx) => holdDepositOnWallet(tx, deps.clock, request));
  const recorded = await runCommand(
    database,
    async (tx) => (await recordAuthorisation(tx, deps.clock, client.name, request)).authorisation,
  );
  if (recorded.state !== 'requested' && recorded.state !== 'unknown') return recorded;
  const answer = await client.freeze({
    outOrderNo: recorded.outOrderNo,
    requestNo: recorded.outOrderNo,
    amountMinor: recorded.amountMinor,
    description: recorded.description,
    payerToken: request.payerToken,
  });
  return runCommand(database, async (tx) => {
    const a = await lockAuthorisation(tx, recorded.id);
    if (a.state !== 'requested' && a.state !== 'unknown') return a;
    if (answer.outcome === 'ok') {
      const { creditMinor, fundMinor } = answer.value;
      assert(
        creditMinor + fundMinor === a.amountMinor,
        `the channel held ${creditMinor}+${fundMinor}, not ${a.amountMinor}`,
      );
      return update(tx, deps.clock, a, {
        state: 'authorised',
        channelAuthNo: answer.value.authNo,
        creditMinor,
        fundMinor,
        failureReason: null,
      });
    }
    if (answer.outcome === 'unknown')
      return update(tx, deps.clock, a, { state: 'unknown', failureReason: answer.reason });
    return update(tx, deps.clock, a, { state: 'failed', failureReason: `${answer.code} ${answer.message}`.trim() });
  });
}
