// What the wallet holds, told apart (GET /v1/wallet): a withdrawal the bank has not paid yet and a
// rental deposit held on the balance are both holds, but the customer reads them differently — one
// is money on its way to their card, the other comes back after the return. The balance card shows
// each; their sum is `pendingOutMinor`, and the available balance is what is left.
import { describeDb } from '@zulin/db/testing';
import { signInTestCustomer } from '@zulin/identity/testing';
import { platformAccount, verifyLedger } from '@zulin/ledger';
import {
  authorisationChannelClient,
  authoriseDeposit,
  captureFromAuthorisation,
  releaseAuthorisation,
} from '@zulin/payments';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { sandboxBankAdapter } from './bank-verification';
import { useBankAdapter, walletTestKit } from './testing';

describeDb('the wallet balance tells withdrawals in progress from deposits held', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof walletTestKit>;
  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = walletTestKit(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('¥100.00 topped up, ¥60.00 deposit held, ¥30.00 withdrawing: ¥10.00 available, each hold named', async () => {
    const who = await signInTestCustomer(s);
    await kit.topUp(who, 10_000);
    expect(await kit.wallet(who)).toMatchObject({
      availableMinor: 10_000,
      postedMinor: 10_000,
      pendingOutMinor: 0,
      heldForWithdrawalsMinor: 0,
      heldForDepositsMinor: 0,
    });

    const client = await authorisationChannelClient(s.ctx, 'wallet');
    const deposit = await authoriseDeposit(
      s.ctx.database,
      { clock: s.clock, client },
      {
        customerId: who.customerId,
        amountMinor: 6_000,
        outRequestNo: `rord_holds_${who.customerId}_dep0`,
        description: '手机租赁押金',
        reference: `rord_holds_${who.customerId}`,
        payerToken: '',
      },
    );
    expect(deposit).toMatchObject({ channel: 'wallet', state: 'authorised' });

    // The bank takes the payout request but has not paid yet: the withdrawal stays on hold.
    useBankAdapter(s, {
      verifyCard: sandboxBankAdapter.verifyCard,
      async payout() {
        throw new Error('ETIMEDOUT: the bank never answered');
      },
    });
    const card = (await kit.inject(who, 'POST', '/v1/bank-cards', { cardNumber: '6222021234567890128' })).json();
    const withdrawal = await kit.inject(who, 'POST', '/v1/wallet/withdrawals', {
      bankCardId: card.id,
      amountMinor: 3_000,
    });
    expect(withdrawal.statusCode).toBe(201);
    await kit.drain();
    expect(await kit.wallet(who)).toMatchObject({
      availableMinor: 1_000,
      postedMinor: 10_000,
      pendingOutMinor: 9_000,
      heldForWithdrawalsMinor: 3_000,
      heldForDepositsMinor: 6_000,
    });

    // ¥20.00 of the deposit captured for a damage fee, the rest released: the deposit hold is gone.
    const fee = await platformAccount(s.ctx.database.db, s.clock, 'fee_revenue');
    await captureFromAuthorisation(
      s.ctx.database,
      { clock: s.clock, client },
      {
        authorisationId: deposit.id,
        outRequestNo: 'holdscap',
        amountMinor: 2_000,
        creditAccountId: fee.id,
        description: '手机归还检测损坏费',
      },
    );
    expect(await kit.wallet(who)).toMatchObject({
      availableMinor: 1_000,
      postedMinor: 8_000,
      pendingOutMinor: 7_000,
      heldForWithdrawalsMinor: 3_000,
      heldForDepositsMinor: 4_000,
    });
    await releaseAuthorisation(
      s.ctx.database,
      { clock: s.clock, client },
      {
        authorisationId: deposit.id,
        outRequestNo: 'holdsrel',
      },
    );
    expect(await kit.wallet(who)).toMatchObject({
      availableMinor: 5_000,
      postedMinor: 8_000,
      pendingOutMinor: 3_000,
      heldForWithdrawalsMinor: 3_000,
      heldForDepositsMinor: 0,
    });
    const verification = await verifyLedger(s.ctx.database.db);
    expect(verification.problems).toEqual([]);
  });
});
