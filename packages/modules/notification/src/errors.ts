// The notification module's stable error codes.
import { defineErrors } from '@zulin/kernel';

export const NotificationErrors = defineErrors({
  NOTIFICATION_NOT_FOUND: { status: 404, title: 'Notification not found' },
});
