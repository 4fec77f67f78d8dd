// The logistics settings an operator may change (issue #14, following rental's timers: rental-settings.ts):
// stored in logistics_settings under `lost_parcels`, the defaults while nothing is stored, changed only
// through `lostParcelSettings.save` (checked, audited with before/after, who changed it, with an event),
// and read by the lost-parcel sweep (flag-silent-parcels.ts) on every run.
import { auditedSettings, type StoredSettings } from '@zulin/identity';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';

export interface LostParcelSettings {
  /**
   * An outbound parcel collected and then not scanned for this many business days (its last scan's
   * business date + N ≤ today, in the business zone) is flagged as suspected lost.
   */
  suspectedLostAfterDays: number;
}

export const defaultLostParcelSettings: Readonly<LostParcelSettings> = Object.freeze({
  suspectedLostAfterDays: LogisticsLimits.suspectedLostAfterDays,
});

/** The JSON Schema of the settings, for the console's form and the settings API. */
export const lostParcelSettingsSchema = Type.Object(
  {
    suspectedLostAfterDays: Type.Integer({
      minimum: LogisticsLimits.suspectedLostAfterDaysMin,
      maximum: LogisticsLimits.suspectedLostAfterDaysMax,
      description: 'business days without a carrier scan before an outbound parcel is flagged as suspected lost',
    }),
  },
  { additionalProperties: false },
);

export type StoredLostParcelSettings = StoredSettings<LostParcelSettings>;

/** Checks settings from outside and names every bad field; missing fields take their default. */
export function parseLostParcelSettings(input: unknown): LostParcelSettings {
  const merged = typeof input === 'object' && input !== null ? { ...defaultLostParcelSettings, ...input } : input;
  const errors = Value.Errors(lostParcelSettingsSchema, merged).map((e) => ({
    path: `/body${e.instancePath}`,
    message: e.message,
  }));
  if (errors.length > 0) {
    throw LogisticsErrors.LOGISTICS_SETTINGS_INVALID({ detail: `${errors.length} setting(s) are not valid.`, errors });
  }
  return merged as LostParcelSettings;
}

/** Stored in logistics_settings under `lost_parcels` (identity's auditedSettings: checked, audited, with an event). */
export const lostParcelSettings = auditedSettings<LostParcelSettings>({
  table: 'logistics_settings',
  key: 'lost_parcels',
  defaults: defaultLostParcelSettings,
  parse: parseLostParcelSettings,
  auditAction: 'logistics.settings_changed',
  eventType: 'logistics.settings_changed',
});
