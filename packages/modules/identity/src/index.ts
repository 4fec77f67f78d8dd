// The public face of the identity module: the only file other modules may import.
export {
  type AuditActor,
  type AuditEntry,
  type AuditEntryInput,
  listAuditEntries,
  recordAudit,
  recordAudits,
} from './audit';
export { type AuditedSettings, auditedSettings, type SettingsMeta, type StoredSettings } from './audited-settings';
export { createPartnerKey } from './create-partner-key';
export { type CreatedStaff, createStaff } from './create-staff';
export { type CustomerLabel, customerLabels, customerRealNames } from './customer-labels';
export { customerIsActive, findCustomerIdByPhone } from './customers';
export { type CustomerSearch, searchCustomers } from './customers-admin';
export { IdentityErrors } from './errors';
export { IdentityEvents } from './events';
export { ageOn, checkIdNumber, idCheckChar } from './id-number';
export type { IdentityProvider } from './identity-provider';
export { maskBankCard, maskIdNumber, maskName, maskPhone, maskText } from './mask';
export { identityModule } from './module';
export {
  getNotificationPreferences,
  type NotificationCategory,
  type NotificationChannel,
  notificationAllowed,
} from './notification-preferences';
export type { OauthProvider } from './oauth';
export { isPermission, isRole, type Permission, permissions, permissionsOf, type Role, roles } from './permissions';
export { parsePhone } from './phone';
export { blindIndex, decryptPii, decryptPiiOrNull, encryptPii, isPiiCiphertext } from './pii';
export {
  type CustomerPrincipal,
  customerIdOf,
  type PartnerPrincipal,
  type Principal,
  partnerOf,
  type StaffPrincipal,
  staffOf,
} from './principal';
export { type CustomerProfile, customerIdentity, getCustomerProfile, type Tier } from './profile';
export { revokePartnerKey } from './revoke-partner-key';
export { declareEncryptedColumn, type EncryptedColumn, type RotationReport, rotateKeys } from './rotate-keys';
export { listSandboxSmsOfCustomer, queueCustomerSms, type SmsAdapter } from './sms';
export { firstStaffOfRole, isActiveStaffWith, listStaff, type StaffView, staffNames } from './staff';
