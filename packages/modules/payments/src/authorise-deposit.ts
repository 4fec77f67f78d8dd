import type { Database } from '@zulin/db';
import { assert, newId } from '@zulin/kernel';
import { runCommand } from '@zulin/platform';
import { eq } from 'drizzle-orm';
import {
  type AuthorisationDeps,
  type AuthoriseDepositRequest,
  checkAmount,
  checkRequestNo,
  type DepositAuthorisation,
  lockAuthorisation,
  update,
} from './deposit-authorisations';
import { PaymentsErrors } from './errors';
import { PaymentsLimits } from './limits';
import { paymentsAuthorisations } from './schema';

/** Asks the channel to hold `amountMinor` (Alipay freeze; WeChat Pay Score service order). */
export async function authoriseDeposit(
  database: Database,
  deps: AuthorisationDeps,
  request: AuthoriseDepositRequest,
): Promise<DepositAuthorisation> {
  checkRequestNo(request.outRequestNo);
  checkAmount(request.amountMinor, 1);
  const recorded = await runCommand(database, async (tx) => {
    const [existing] = await tx
      .select()
      .from(paymentsAuthorisations)
      .where(eq(paymentsAuthorisations.outRequestNo, request.outRequestNo));
    if (existing) {
      if (
        existing.amountMinor !== request.amountMinor ||
        existing.customerId !== request.customerId ||
        existing.channel !== deps.client.name
      ) {
        throw PaymentsErrors.PAYMENTS_REQUEST_NUMBER_REUSED();
      }
      return existing;
    }
    const id = newId('pau', deps.clock);
    const now = deps.clock.now();
    const [created] = await tx
      .insert(paymentsAuthorisations)
      .values({
        id,
        channel: deps.client.name,
        customerId: request.customerId,
        outRequestNo: request.outRequestNo,
        outOrderNo: `ZA${id.slice(4)}`.slice(0, PaymentsLimits.outTradeNoLengthMax),
        description: request.description.slice(0, PaymentsLimits.descriptionLengthMax),
        reference: request.reference,
        amountMinor: request.amountMinor,
        state: 'requested',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    assert(created, 'the authorisation was inserted');
    return created;
  });
  if (recorded.state !== 'requested' && recorded.state !== 'unknown') return recorded;
  const answer = await deps.client.freeze({
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
