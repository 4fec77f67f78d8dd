// The sandbox's test knobs, kept in the database (one row) so every process sees them. Counters are
// spent one by one in the transaction of the call or callback they affect.
import type { Executor } from '@zulin/db';
import { eq } from 'drizzle-orm';
import { paymentsSandboxKnobs } from './schema';

export interface SandboxKnobs {
  /** Callbacks are due this many seconds after the event. */
  callbackDelaySeconds: number;
  /** The next N callbacks are lost: recorded, never sent. */
  loseNextCallbacks: number;
  /** Every callback is sent twice. */
  duplicateCallbacks: boolean;
  /** Due callbacks are sent newest first. */
  outOfOrderCallbacks: boolean;
  /** The next N API calls answer 5xx (WeChat: HTTP 500 SYSTEM_ERROR; Alipay: 20000 isp.unknow-error). */
  failNextCalls: number;
  /** The next N API calls are carried out but answered only after `timeoutSeconds` (the client times out). */
  timeoutNextCalls: number;
  timeoutSeconds: number;
  /** The cashier may pay a trade the merchant already closed (a late payment after close). */
  allowPaymentAfterClose: boolean;
  /** The key WeChat Pay signs with: the platform certificate or the WeChat Pay public key. */
  wechatpayKeyMode: 'platform-certificate' | 'public-key';
  /** Alipay fund authorisation: how much of a freeze the payer's credit covers (the rest is frozen). */
  creditAvailableMinor: number;
  /** The payer's balance is short: captures beyond frozen funds and auto-debit charges are refused. */
  insufficientFunds: boolean;
  /** Auto-debit charges are left waiting (Alipay 10003, the trade open): the payer pays them later at the cashier. */
  chargesWaitForPayer: boolean;
}

export const defaultKnobs: SandboxKnobs = Object.freeze({
  callbackDelaySeconds: 0,
  loseNextCallbacks: 0,
  duplicateCallbacks: false,
  outOfOrderCallbacks: false,
  failNextCalls: 0,
  timeoutNextCalls: 0,
  timeoutSeconds: 10,
  allowPaymentAfterClose: false,
  wechatpayKeyMode: 'public-key',
  creditAvailableMinor: 0,
  insufficientFunds: false,
  chargesWaitForPayer: false,
});

const knobRow = 'knobs';

export async function readKnobs(db: Executor): Promise<SandboxKnobs> {
  const [row] = await db.select().from(paymentsSandboxKnobs).where(eq(paymentsSandboxKnobs.id, knobRow));
  return { ...defaultKnobs, ...(row?.knobs as Partial<SandboxKnobs> | undefined) };
}

export async function setKnobs(tx: Executor, now: Date, changes: Partial<SandboxKnobs>): Promise<SandboxKnobs> {
  const knobs = { ...(await readKnobs(tx)), ...changes };
  await tx
    .insert(paymentsSandboxKnobs)
    .values({ id: knobRow, knobs, updatedAt: now })
    .onConflictDoUpdate({ target: paymentsSandboxKnobs.id, set: { knobs, updatedAt: now } });
  return knobs;
}

/** Spends one of a counter knob; true when there was one to spend. */
export async function spendKnob(
  tx: Executor,
  now: Date,
  name: 'loseNextCallbacks' | 'failNextCalls' | 'timeoutNextCalls',
): Promise<boolean> {
  // Locks the row so two calls never spend the same unit.
  const [row] = await tx.select().from(paymentsSandboxKnobs).where(eq(paymentsSandboxKnobs.id, knobRow)).for('update');
  const knobs = { ...defaultKnobs, ...(row?.knobs as Partial<SandboxKnobs> | undefined) };
  if (knobs[name] <= 0) return false;
  await tx
    .update(paymentsSandboxKnobs)
    .set({ knobs: { ...knobs, [name]: knobs[name] - 1 }, updatedAt: now })
    .where(eq(paymentsSandboxKnobs.id, knobRow));
  return true;
}
