// The public face of the notification module: the only file other modules may import.
export { type ReminderEvidence, sendBillReminder } from './bill-reminders';
export type { NotificationDeps } from './deps';
export { NotificationErrors } from './errors';
export { NotificationEvents } from './events';
export { NotificationLimits } from './limits';
export { notificationModule } from './module';
export { type NotifyOptions, type NotifyResult, notifiedAt, notify, smsRequestedEvent } from './notify';
export type { NotificationParams } from './schema';
export {
  type Locale,
  locales,
  negotiateLocale,
  type ParamKind,
  renderNotification,
  renderSms,
  type TemplateDefinition,
  type TemplateKey,
  templates,
} from './templates';
export { walletEventTypes } from './wallet-subscribers';
