// The public face of the operations module.
export { OpsErrors } from './errors';
export { type DeliveryStatus, type DeliveryView, deliveryStatuses, listDeliveries } from './list-deliveries';
export { type InboxStatus, inboxStatuses, listInboxMessages } from './list-inbox-messages';
export { listSchedule, type ScheduledWork, tickDueAt } from './list-schedule';
export { opsModule } from './module';
export { retryDelivery } from './retry-delivery';
