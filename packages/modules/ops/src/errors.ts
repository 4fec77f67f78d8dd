// The operations module's stable error codes.
import { defineErrors } from '@zulin/kernel';

export const OpsErrors = defineErrors({
  OPS_DELIVERY_NOT_FOUND: { status: 404, title: 'No delivery of this event to this subscriber' },
  OPS_DELIVERY_NOT_DEAD: { status: 409, title: 'Only a dead delivery can be retried' },
});
