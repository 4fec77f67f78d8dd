// Staff's action on a stuck unsign (the `payments.unsign_stuck` alert, docs/payments.md): ask the
// channel again now instead of waiting for the sweep's next attempt, up to a day away. The state
// machine is unchanged — the same ask as the sweep's (`askUnsign`), recorded the same way (a
// confirmation or a refusal ends the agreement and resolves the alert, a timeout or 5xx is one more
// failed attempt) — and each retry is audited (`payments.unsign_retried`: who, the outcome, the
// channel's reason). The channel is asked outside any transaction: the route checks the request with
// `checkUnsignRetry`, asks, then records with `recordUnsignRetry` in its command.
import type { Executor } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { type Agreement, type AgreementDeps, getAgreement } from './agreements';
import { PaymentsErrors } from './errors';
import { recordUnsignAttemptFailed, recordUnsigned } from './unsign-agreement';

/** The agreement, when an unsign the customer asked for is waiting for the channel; 409 otherwise. */
export async function checkUnsignRetry(db: Executor, agreementId: string): Promise<Agreement> {
  const found = await getAgreement(db, agreementId);
  if (!found.unsignRequestedAt) throw PaymentsErrors.PAYMENTS_AGREEMENT_UNSIGN_NOT_REQUESTED();
  return found;
}

/**
 * Records a staff retry's answer in the caller's transaction and audits it: `confirmed` ends the
 * agreement (`recordUnsigned`, which resolves the alert), `failed` counts one more attempt with the
 * channel's reason.
 */
export async function recordUnsignRetry(
  tx: Executor,
  deps: Pick<AgreementDeps, 'clock'>,
  options: { agreementId: string; staff: StaffPrincipal; outcome: 'confirmed' | 'failed'; reason?: string },
): Promise<Agreement> {
  const before = await getAgreement(tx, options.agreementId);
  const after =
    options.outcome === 'confirmed'
      ? await recordUnsigned(tx, deps, options.agreementId)
      : await recordUnsignAttemptFailed(tx, deps, options.agreementId, options.reason ?? 'no answer');
  await recordAudit(tx, {
    actor: options.staff,
    action: 'payments.unsign_retried',
    targetType: 'payment_agreement',
    targetId: options.agreementId,
    detail: {
      outcome: options.outcome,
      reason: options.reason ?? null,
      unsignRequestedAt: before.unsignRequestedAt?.toISOString() ?? null,
      attemptsBefore: before.unsignAttempts,
      state: after.state,
    },
    at: deps.clock.now(),
  });
  return after;
}
