// The installment's operator settings, kept the one way (identity's auditedSettings): the timers in
// installment_settings under `timers`, the defaults while nothing is stored, each change checked,
// audited with before/after and announced (`installment.timers_changed`).
import { auditedSettings } from '@zulin/identity';
import { defaultInstallmentTimers, type InstallmentTimers, parseInstallmentTimers } from './timers';

export const installmentTimers = auditedSettings<InstallmentTimers>({
  table: 'installment_settings',
  key: 'timers',
  defaults: defaultInstallmentTimers,
  parse: parseInstallmentTimers,
  auditAction: 'installment.timers_changed',
  eventType: 'installment.timers_changed',
});
