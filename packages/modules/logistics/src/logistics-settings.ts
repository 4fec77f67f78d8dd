// The logistics settings an operator may change (issue #14, following rental's timers: rental-settings.ts):
// stored in logistics_settings under `lost_parcels`, the defaults while nothing is stored, changed only
// through `saveLogisticsSettings` (checked, audited with before/after, who changed it, with an event),
// and read by the lost-parcel sweep (flag-silent-parcels.ts) on every run.
import { type Executor, emitEvent } from '@zulin/db';
import { recordAudit, type StaffPrincipal } from '@zulin/identity';
import { eq } from 'drizzle-orm';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';
import { logisticsSettings } from './schema';

const LOST_PARCELS = 'lost_parcels';

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

export interface StoredLostParcelSettings {
  settings: LostParcelSettings;
  /** null while the defaults apply. */
  updatedBy: string | null;
  updatedAt: Date | null;
}

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

export async function readLostParcelSettings(db: Executor): Promise<StoredLostParcelSettings> {
  const [row] = await db.select().from(logisticsSettings).where(eq(logisticsSettings.key, LOST_PARCELS));
  if (row === undefined) return { settings: { ...defaultLostParcelSettings }, updatedBy: null, updatedAt: null };
  return { settings: parseLostParcelSettings(row.value), updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

/** Replaces the settings with `input` (missing fields take their default); refuses bad ones, naming each. */
export async function saveLostParcelSettings(
  tx: Executor,
  options: { input: unknown; staff: StaffPrincipal; now: Date },
): Promise<StoredLostParcelSettings> {
  const settings = parseLostParcelSettings(options.input);
  const before = await readLostParcelSettings(tx);
  const changed = (Object.keys(settings) as (keyof LostParcelSettings)[]).filter(
    (key) => settings[key] !== before.settings[key],
  );
  await tx
    .insert(logisticsSettings)
    .values({ key: LOST_PARCELS, value: settings, updatedBy: options.staff.staffId, updatedAt: options.now })
    .onConflictDoUpdate({
      target: logisticsSettings.key,
      set: { value: settings, updatedBy: options.staff.staffId, updatedAt: options.now },
    });
  await recordAudit(tx, {
    actor: options.staff,
    action: 'logistics.settings_changed',
    targetType: 'logistics_settings',
    targetId: LOST_PARCELS,
    detail: { changed, before: before.settings, after: settings },
    at: options.now,
  });
  await emitEvent(tx, options.now, {
    type: 'logistics.settings_changed',
    aggregateType: 'logistics_settings',
    aggregateId: LOST_PARCELS,
    payload: { changedBy: options.staff.staffId, keys: changed },
  });
  return { settings, updatedBy: options.staff.staffId, updatedAt: options.now };
}
