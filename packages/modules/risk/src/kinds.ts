// The kinds of values risk's tables hold, shared by the schema, the use cases and the API schemas.
export const ruleSetStatuses = ['draft', 'published', 'retired'] as const;
export type RuleSetStatus = (typeof ruleSetStatuses)[number];
export const listNames = ['blacklist', 'allowlist'] as const;
export type ListName = (typeof listNames)[number];
export const listKinds = ['id_number', 'phone', 'device', 'address', 'ip_cidr'] as const;
export type ListKind = (typeof listKinds)[number];
export const caseStatuses = ['pending', 'investigating', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const caseOrigins = ['decision', 'appeal'] as const;
export type CaseOrigin = (typeof caseOrigins)[number];
export const caseOutcomes = ['confirmed_risk', 'false_positive'] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];
/** An enrolled phone's lock state as the MDM last confirmed it. */
export const deviceLockStates = ['unlocked', 'locked'] as const;
export type DeviceLockState = (typeof deviceLockStates)[number];
/** An enrolment asked for on delivery: waiting for the MDM, done, given up, or called off (released first). */
export const enrolmentStatuses = ['pending', 'enrolled', 'failed', 'cancelled'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
export const deviceCommandKinds = ['lock', 'unlock'] as const;
export type DeviceCommandKind = (typeof deviceCommandKinds)[number];
/** pending (recorded, not yet handed to the MDM) → sent → acknowledged | failed; a pending lock is cancelled when its phone is released. */
export const deviceCommandStatuses = ['pending', 'sent', 'acknowledged', 'failed', 'cancelled'] as const;
export type DeviceCommandStatus = (typeof deviceCommandStatuses)[number];
export const alertKinds = ['geofence'] as const;
export type AlertKind = (typeof alertKinds)[number];
export const alertStatuses = ['open', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];
export const geofenceShapes = ['polygon', 'circle'] as const;
export type GeofenceShape = (typeof geofenceShapes)[number];
export const limitMoveKinds = ['on_time_payment', 'late_payment'] as const;
export type LimitMoveKind = (typeof limitMoveKinds)[number];
