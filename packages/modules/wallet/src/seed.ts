// Demo wallet activity for the demo customers of identity's seed (docs/identity.md): top-ups paid
// through the payments sandbox (order, trade, cashier, the channel's report), a transfer, points
// awarded and some redeemed, cashback, a bill split with one share paid and one open, and one open
// dispute. Sandbox only. Every step first looks for what an earlier run made, so running the seed
// again changes nothing.
import { transaction } from '@zulin/db';
import { findCustomerIdByPhone } from '@zulin/identity';
import { assert } from '@zulin/kernel';
import { payInSandbox } from '@zulin/payments';
import type { AppContext } from '@zulin/platform';
import { and, asc, eq } from 'drizzle-orm';
import { awardPoints } from './award-points';
import { grantCashback } from './cashback';
import { completeTopUp } from './complete-top-up';
import { createBillSplit } from './create-bill-split';
import { createTopUp } from './create-top-up';
import type { WalletDeps } from './deps';
import { openDispute } from './open-dispute';
import { payBillSplitShare } from './pay-bill-split-share';
import { redeemPoints } from './redeem-points';
import { walletBillSplitShares, walletBillSplits, walletDisputes, walletTopUps, walletTransfers } from './schema';
import { sendToCustomer } from './send-transfer';

/** The demo customers' phones, as identity's seed creates them. */
export const demoWalletPhones = { zhang: '+8613800138000', li: '+8613900139000', wang: '+8613700137000' } as const;

const splitTitle = '周末火锅 AA';
const transferNote = '奶茶钱';

export async function seedWallet(ctx: AppContext): Promise<{ created: number }> {
  if (!ctx.config.sandbox) return { created: 0 };
  const deps: WalletDeps = { clock: ctx.clock, masterKey: ctx.config.masterKey, timeZone: ctx.config.timeZone };
  const db = ctx.database.db;
  const find = (phone: string) => findCustomerIdByPhone(db, deps.masterKey, phone);
  const zhang = await find(demoWalletPhones.zhang);
  const li = await find(demoWalletPhones.li);
  const wang = await find(demoWalletPhones.wang);
  // Identity's seed runs first (module order); without its customers there is nobody to give money to.
  if (zhang === null || li === null || wang === null) return { created: 0 };

  let created = 0;
  created += await demoTopUp(ctx, deps, zhang, 300_000);
  created += await demoTopUp(ctx, deps, li, 50_000);

  created += await transaction(ctx.database, async (tx) => {
    let n = 0;
    const [sent] = await tx
      .select({ id: walletTransfers.id })
      .from(walletTransfers)
      .where(
        and(
          eq(walletTransfers.customerId, zhang),
          eq(walletTransfers.toCustomerId, li),
          eq(walletTransfers.note, transferNote),
        ),
      );
    if (!sent) {
      await sendToCustomer(tx, deps, {
        customerId: zhang,
        toPhone: demoWalletPhones.li,
        amountMinor: 8_800,
        note: transferNote,
      });
      n++;
    }

    const award = await awardPoints(tx, deps, {
      customerId: zhang,
      points: 1_200,
      reason: '按时还款奖励',
      sourceRef: 'demo:points:zhang:on-time',
    });
    if (award.awarded) {
      // Redeemed in the run that awarded them: a later run finds the award and redeems nothing.
      await redeemPoints(tx, deps.clock, { customerId: zhang, points: 500 });
      n += 2;
    }
    if (
      (await awardPoints(tx, deps, { customerId: li, points: 300, reason: '有用的反馈', sourceRef: 'demo:points:li' }))
        .awarded
    )
      n++;
    if (
      (
        await grantCashback(tx, deps.clock, {
          customerId: wang,
          amountMinor: 888,
          reason: '新人返现',
          sourceRef: 'demo:cashback:wang',
        })
      ).granted
    )
      n++;

    let [split] = await tx
      .select({ id: walletBillSplits.id })
      .from(walletBillSplits)
      .where(and(eq(walletBillSplits.customerId, zhang), eq(walletBillSplits.title, splitTitle)));
    if (!split) {
      split = await createBillSplit(tx, deps, {
        customerId: zhang,
        title: splitTitle,
        totalMinor: 36_000,
        friendPhones: [demoWalletPhones.li, demoWalletPhones.wang],
        includeRequester: true,
      });
      n++;
    }
    const [liShare] = await tx
      .select({ status: walletBillSplitShares.status })
      .from(walletBillSplitShares)
      .where(and(eq(walletBillSplitShares.splitId, split.id), eq(walletBillSplitShares.customerId, li)));
    if (liShare?.status === 'unpaid') {
      await payBillSplitShare(tx, deps, { customerId: li, splitId: split.id });
      n++;
    }

    const [dispute] = await tx
      .select({ id: walletDisputes.id })
      .from(walletDisputes)
      .where(eq(walletDisputes.customerId, li));
    const [liTopUp] = await tx
      .select({ transferId: walletTopUps.transferId })
      .from(walletTopUps)
      .where(and(eq(walletTopUps.customerId, li), eq(walletTopUps.status, 'succeeded')))
      .orderBy(asc(walletTopUps.id))
      .limit(1);
    if (!dispute && liTopUp?.transferId) {
      await openDispute(tx, deps.clock, {
        customerId: li,
        transferId: liTopUp.transferId,
        type: 'charged_twice',
        description: '充值时银行卡被扣了两次款',
        evidence: [{ kind: 'text', text: '银行短信显示 12:01 与 12:02 各扣款 ¥500.00' }],
      });
      n++;
    }
    return n;
  });
  return { created };
}

/**
 * The customer's first top-up, made (and paid) if it is not there yet: the top-up and its payment
 * order, paid through the payments sandbox in-process (`payInSandbox`: the trade opened, paid at the
 * cashier, the channel's report applied — payments posts clearing → wallet), then the top-up marked
 * as the wallet's subscriber would (the subscriber, when the outbox runs, finds it done). A run
 * interrupted after the order pays it on the next run.
 */
async function demoTopUp(ctx: AppContext, deps: WalletDeps, customerId: string, amountMinor: number): Promise<number> {
  const db = ctx.database.db;
  let [topUp] = await db
    .select()
    .from(walletTopUps)
    .where(eq(walletTopUps.customerId, customerId))
    .orderBy(asc(walletTopUps.id))
    .limit(1);
  if (topUp?.status === 'succeeded' || topUp?.status === 'failed') return 0;
  topUp ??= await transaction(ctx.database, (tx) =>
    createTopUp(tx, deps.clock, { customerId, amountMinor, channel: 'alipay' }),
  );
  const paymentId = topUp.paymentId;
  assert(paymentId !== null, 'a seeded top-up has its payment order');
  const paid = await payInSandbox(ctx, ctx.database, paymentId);
  const transferId = `txn_pay_${paid.id}`;
  await transaction(ctx.database, (tx) =>
    completeTopUp(tx, deps.clock, { topUpId: topUp.id, orderId: paid.id, outcome: 'succeeded', transferId }),
  );
  return 1;
}
