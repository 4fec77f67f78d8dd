// The kinds of values risk's tables hold, shared by the schema, the use cases and the API schemas.
export const ruleSetStatuses = ['draft', 'published', 'retired'] as const;
export type RuleSetStatus = (typeof ruleSetStatuses)[number];
export const listNames = ['blacklist', 'allowlist'] as const;
export type ListName = (typeof listNames)[number];
export const listKinds = ['id_number', 'phone', 'device', 'address', 'ip_cidr'] as const;
export type ListKind = (typeof listKinds)[number];
