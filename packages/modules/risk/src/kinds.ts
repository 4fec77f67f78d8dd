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
