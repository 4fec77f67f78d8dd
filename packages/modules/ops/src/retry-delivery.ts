// Retrying a dead letter: an operator fixed what made a subscriber fail and puts the delivery back
// in the queue, due now with its attempts counted from zero. Audited with who, from where, and the
// error the delivery died of.
import { type Executor, retryDeadDelivery } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { assert, type Clock } from '@zulin/kernel';
import { OpsErrors } from './errors';
import { type DeliveryView, findDelivery } from './list-deliveries';

export async function retryDelivery(
  tx: Executor,
  deps: { clock: Clock },
  options: { actor: StaffPrincipal; ip?: string | undefined; eventId: string; subscriber: string },
): Promise<DeliveryView> {
  const key = { eventId: options.eventId, subscriber: options.subscriber };
  const before = await findDelivery(tx, key);
  if (!before) throw OpsErrors.OPS_DELIVERY_NOT_FOUND();
  if (before.status !== 'dead') {
    throw OpsErrors.OPS_DELIVERY_NOT_DEAD({ detail: `The delivery is ${before.status}.` });
  }
  const now = deps.clock.now();
  // The update re-checks the state, so of two operators retrying at once only one succeeds.
  if (!(await retryDeadDelivery(tx, now, options.eventId, options.subscriber))) {
    throw OpsErrors.OPS_DELIVERY_NOT_DEAD({ detail: 'Someone retried it a moment ago.' });
  }
  await recordAudit(tx, {
    actor: options.actor,
    action: 'ops.delivery_retried',
    targetType: 'outbox_delivery',
    targetId: before.id,
    ip: options.ip,
    detail: { eventType: before.eventType, attempts: before.attempts, lastError: before.lastError },
    at: now,
  });
  const after = await findDelivery(tx, key);
  assert(after?.status === 'pending', 'a retried delivery is pending');
  return after;
}
