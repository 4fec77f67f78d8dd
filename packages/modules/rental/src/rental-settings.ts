// The timers as configuration (DOMAIN §5, issue #14): stored in rental_settings under `timers`,
// defaults when nothing is stored, changed only through `rentalTimers.save` (checked, audited, with
// an event: identity's auditedSettings, the one way every module keeps operator settings), and read
// by every use case and sweep that needs one.
import { auditedSettings, type StoredSettings } from '@zulin/identity';
import { defaultRentalTimers, parseRentalTimers, type RentalTimers } from './timers';

export type StoredTimers = StoredSettings<RentalTimers>;

export const rentalTimers = auditedSettings<RentalTimers>({
  table: 'rental_settings',
  key: 'timers',
  defaults: defaultRentalTimers,
  parse: parseRentalTimers,
  auditAction: 'rental.timers_changed',
  eventType: 'rental.timers_changed',
});
