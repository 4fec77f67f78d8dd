// The sandbox channel's authorisations, shared by its Alipay (fund authorisation: freeze, pay with
// auth_no, unfreeze) and WeChat Pay (Pay Score service order: create, complete, cancel) faces.
// Every request is carried out once per request number; a repeated request with the same number and
// amount is answered the same, with another amount it is refused.
import { randomBytes } from 'node:crypto';
import type { Executor } from '@zulin/db';
import { newId } from '@zulin/kernel';
import { and, eq } from 'drizzle-orm';
import { readKnobs } from './sandbox-knobs';
import type { SandboxDeps } from './sandbox-trades';
import {
  paymentsSandboxAuthorisationRequests,
  paymentsSandboxAuthorisations,
  paymentsSandboxTrades,
  type SandboxChannel,
} from './schema';

export type SandboxAuthorisation = typeof paymentsSandboxAuthorisations.$inferSelect;
type Request = typeof paymentsSandboxAuthorisationRequests.$inferSelect;

function authNo(channel: SandboxChannel, now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  const digits = BigInt(`0x${randomBytes(8).toString('hex')}`)
    .toString()
    .padStart(20, '0')
    .slice(0, 12);
  return channel === 'alipay' ? `${day}10002001${digits}` : `1000000000${day}${digits}`;
}

export async function findAuthorisation(
  db: Executor,
  channel: SandboxChannel,
  merchantId: string,
  where: { outOrderNo: string } | { authNo: string },
): Promise<SandboxAuthorisation | undefined> {
  const [found] = await db
    .select()
    .from(paymentsSandboxAuthorisations)
    .where(
      and(
        eq(paymentsSandboxAuthorisations.channel, channel),
        eq(paymentsSandboxAuthorisations.merchantId, merchantId),
        'outOrderNo' in where
          ? eq(paymentsSandboxAuthorisations.outOrderNo, where.outOrderNo)
          : eq(paymentsSandboxAuthorisations.authNo, where.authNo),
      ),
    )
    .for('update');
  return found;
}

async function findRequest(
  tx: Executor,
  authorisationId: string,
  kind: Request['kind'],
  requestNo: string,
): Promise<Request | undefined> {
  const [found] = await tx
    .select()
    .from(paymentsSandboxAuthorisationRequests)
    .where(
      and(
        eq(paymentsSandboxAuthorisationRequests.authorisationId, authorisationId),
        eq(paymentsSandboxAuthorisationRequests.kind, kind),
        eq(paymentsSandboxAuthorisationRequests.requestNo, requestNo),
      ),
    );
  return found;
}

async function record(
  tx: Executor,
  deps: SandboxDeps,
  authorisationId: string,
  kind: Request['kind'],
  requestNo: string,
  amountMinor: number,
  tradeNo?: string,
): Promise<Request> {
  const [created] = await tx
    .insert(paymentsSandboxAuthorisationRequests)
    .values({
      id: newId('sba', deps.clock),
      authorisationId,
      kind,
      requestNo,
      amountMinor,
      tradeNo: tradeNo ?? null,
      createdAt: deps.clock.now(),
    })
    .returning();
  if (!created) throw new Error('insert returned nothing');
  return created;
}

/**
 * Opens an authorisation. Alipay's credit covers up to the `creditAvailableMinor` knob and the rest
 * is frozen from the payer's funds; WeChat Pay Score is all credit (nothing is frozen).
 */
export async function freezeAuthorisation(
  tx: Executor,
  deps: SandboxDeps,
  order: { channel: SandboxChannel; merchantId: string; outOrderNo: string; requestNo: string; amountMinor: number },
): Promise<{ authorisation: SandboxAuthorisation } | { refused: 'different' | 'closed' }> {
  const existing = await findAuthorisation(tx, order.channel, order.merchantId, { outOrderNo: order.outOrderNo });
  if (existing) {
    if (existing.state !== 'open') return { refused: 'closed' };
    return existing.amountMinor === order.amountMinor ? { authorisation: existing } : { refused: 'different' };
  }
  const knobs = await readKnobs(tx);
  const creditMinor =
    order.channel === 'wechatpay' ? order.amountMinor : Math.min(order.amountMinor, knobs.creditAvailableMinor);
  const now = deps.clock.now();
  const [created] = await tx
    .insert(paymentsSandboxAuthorisations)
    .values({
      id: newId('sbz', deps.clock),
      channel: order.channel,
      merchantId: order.merchantId,
      outOrderNo: order.outOrderNo,
      authNo: authNo(order.channel, now),
      amountMinor: order.amountMinor,
      creditMinor,
      fundMinor: order.amountMinor - creditMinor,
      state: 'open',
      createdAt: now,
    })
    .returning();
  if (!created) throw new Error('insert returned nothing');
  await record(tx, deps, created.id, 'freeze', order.requestNo, order.amountMinor);
  return { authorisation: created };
}

export const remainingOf = (a: SandboxAuthorisation) => a.amountMinor - a.capturedMinor - a.releasedMinor;

/**
 * Takes money from an authorisation: Alipay `alipay.trade.pay` with `auth_no` (a paid trade with its
 * own number, refundable like any other), WeChat Pay Score `complete` (once; the rest is released).
 * `finish` releases what is left (Alipay `auth_confirm_mode=COMPLETE`, every Pay Score completion).
 */
export async function captureAuthorisation(
  tx: Executor,
  deps: SandboxDeps,
  authorisation: SandboxAuthorisation,
  capture: { kind: 'pay' | 'complete'; requestNo: string; amountMinor: number; finish: boolean; description: string },
): Promise<
  | { authorisation: SandboxAuthorisation; tradeNo: string }
  | { refused: 'different' | 'closed' | 'too_much' | 'insufficient_funds' }
> {
  const previous = await findRequest(tx, authorisation.id, capture.kind, capture.requestNo);
  if (previous) {
    return previous.amountMinor === capture.amountMinor
      ? { authorisation, tradeNo: previous.tradeNo ?? '' }
      : { refused: 'different' };
  }
  if (authorisation.state !== 'open') return { refused: 'closed' };
  if (capture.amountMinor < 0 || capture.amountMinor > remainingOf(authorisation)) return { refused: 'too_much' };
  const knobs = await readKnobs(tx);
  // What the credit covers is taken from the payer's balance at capture: the knob says it is short.
  const frozenLeft = Math.max(0, authorisation.fundMinor - authorisation.capturedMinor);
  const fromCredit = Math.max(0, capture.amountMinor - frozenLeft);
  if (fromCredit > 0 && knobs.insufficientFunds) return { refused: 'insufficient_funds' };
  const now = deps.clock.now();
  const tradeNo = authNo(authorisation.channel, now).replace(/^(\d{8})1000/, '$12200');
  if (capture.kind === 'pay') {
    await tx.insert(paymentsSandboxTrades).values({
      id: newId('sbx', deps.clock),
      channel: authorisation.channel,
      merchantId: authorisation.merchantId,
      outTradeNo: capture.requestNo,
      channelTradeNo: tradeNo,
      amountMinor: capture.amountMinor,
      description: capture.description,
      notifyUrl: '',
      state: 'paid',
      createdAt: now,
      paidAt: now,
    });
  }
  await record(tx, deps, authorisation.id, capture.kind, capture.requestNo, capture.amountMinor, tradeNo);
  const captured = authorisation.capturedMinor + capture.amountMinor;
  const left = authorisation.amountMinor - captured - authorisation.releasedMinor;
  const [updated] = await tx
    .update(paymentsSandboxAuthorisations)
    .set({
      capturedMinor: captured,
      releasedMinor: authorisation.releasedMinor + (capture.finish ? left : 0),
      state: capture.finish || left === 0 ? 'finished' : 'open',
    })
    .where(eq(paymentsSandboxAuthorisations.id, authorisation.id))
    .returning();
  if (!updated) throw new Error('update returned nothing');
  return { authorisation: updated, tradeNo };
}

/** Gives back part of an authorisation (Alipay unfreeze) or all of it (WeChat Pay Score cancel). */
export async function releaseAuthorisationAtSandbox(
  tx: Executor,
  deps: SandboxDeps,
  authorisation: SandboxAuthorisation,
  release: { kind: 'unfreeze' | 'cancel'; requestNo: string; amountMinor: number },
): Promise<{ authorisation: SandboxAuthorisation } | { refused: 'different' | 'closed' | 'too_much' }> {
  const previous = await findRequest(tx, authorisation.id, release.kind, release.requestNo);
  if (previous) return previous.amountMinor === release.amountMinor ? { authorisation } : { refused: 'different' };
  if (authorisation.state !== 'open') return { refused: 'closed' };
  if (release.kind === 'cancel' && authorisation.capturedMinor > 0) return { refused: 'closed' };
  if (release.amountMinor <= 0 || release.amountMinor > remainingOf(authorisation)) return { refused: 'too_much' };
  await record(tx, deps, authorisation.id, release.kind, release.requestNo, release.amountMinor);
  const released = authorisation.releasedMinor + release.amountMinor;
  const left = authorisation.amountMinor - authorisation.capturedMinor - released;
  const [updated] = await tx
    .update(paymentsSandboxAuthorisations)
    .set({
      releasedMinor: released,
      state: release.kind === 'cancel' ? 'revoked' : left === 0 ? 'finished' : 'open',
    })
    .where(eq(paymentsSandboxAuthorisations.id, authorisation.id))
    .returning();
  if (!updated) throw new Error('update returned nothing');
  return { authorisation: updated };
}
