// Roles and permissions of DOMAIN.md §15, defined in code: a role is a fixed set of permissions, and
// every staff route declares the one permission it needs. Changing what a role may do is a code
// change, reviewed like any other.
import { assert } from '@zulin/kernel';

export const roles = [
  'admin',
  'operator',
  'risk_reviewer',
  'warehouse',
  'finance',
  'collector',
  'support',
  'marketing',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'catalog.read',
  'catalog.write',
  'inventory.read',
  'inventory.write',
  'procurement.write',
  'orders.read',
  'orders.write',
  // Contracts and their evidence: reading contracts, PDFs and the daily roots; exporting a proof bundle.
  'contracts.read',
  'contracts.manage',
  'risk.read',
  'risk.review',
  'risk.rules_write',
  'risk.rules_publish',
  // Enrolling rented phones with the MDM and locking or unlocking them (audited, with a reason).
  'risk.devices',
  'logistics.read',
  'logistics.write',
  // Store pick-up counters (门店自提): scan arrivals, hand parcels over against the customer's code.
  'logistics.store',
  'payments.read',
  'payments.refund',
  'bills.write',
  'ledger.read',
  'ledger.write',
  'wallet.read',
  'wallet.manage',
  'reconciliation.read',
  'collections.read',
  'collections.work',
  'disputes.read',
  'disputes.handle',
  'feedback.read',
  'feedback.handle',
  'support.read',
  'support.handle',
  'marketing.read',
  'marketing.write',
  'customers.read',
  'customers.write',
  'customers.reveal_pii',
  'staff.manage',
  'audit.read',
  // The audit detail as recorded (JSON, customer ids included) beside the labelled fields (#18):
  // without it, the log answers customers in the detail by their masked label, never their ids.
  'audit.raw',
  'partners.manage',
  'reports.read',
  'system.read',
  // Operations: the outbox, the inbox, ticks and sweeps (read), and retrying a dead delivery (write).
  'ops.read',
  'ops.write',
] as const;
export type Permission = (typeof permissions)[number];

const readOnly = permissions.filter((p) => p.endsWith('.read'));

const grants: Record<Role, readonly Permission[]> = {
  admin: permissions,
  operator: [
    'catalog.read',
    'catalog.write',
    'inventory.read',
    'inventory.write',
    'procurement.write',
    'orders.read',
    'orders.write',
    'contracts.read',
    'logistics.read',
    'logistics.write',
    'logistics.store',
    'payments.read',
    'wallet.read',
    'disputes.read',
    'feedback.read',
    'support.read',
    'marketing.read',
    'customers.read',
    'reports.read',
    'system.read',
    'ops.read',
    'ops.write',
  ],
  risk_reviewer: [
    'risk.read',
    'risk.review',
    'risk.rules_write',
    'risk.devices',
    'orders.read',
    'contracts.read',
    'customers.read',
    'disputes.read',
    'reports.read',
  ],
  warehouse: [
    'catalog.read',
    'inventory.read',
    'inventory.write',
    'procurement.write',
    'orders.read',
    'logistics.read',
    'logistics.write',
    'logistics.store',
  ],
  finance: [
    'orders.read',
    'contracts.read',
    'contracts.manage',
    'payments.read',
    'payments.refund',
    'bills.write',
    'ledger.read',
    'ledger.write',
    'wallet.read',
    'wallet.manage',
    'reconciliation.read',
    'disputes.read',
    'disputes.handle',
    'customers.read',
    'reports.read',
  ],
  // Collectors call customers, so they may reveal contact data; every reveal is audited.
  collector: [
    'collections.read',
    'collections.work',
    'orders.read',
    'contracts.read',
    'payments.read',
    'customers.read',
    'customers.reveal_pii',
  ],
  support: [
    'catalog.read',
    'orders.read',
    'contracts.read',
    'contracts.manage',
    'logistics.read',
    'payments.read',
    'wallet.read',
    'disputes.read',
    'disputes.handle',
    'feedback.read',
    'feedback.handle',
    'support.read',
    'support.handle',
    'customers.read',
  ],
  marketing: ['catalog.read', 'marketing.read', 'marketing.write', 'feedback.read', 'reports.read'],
  // Auditors read everything and change nothing; clear personal data stays hidden from them too.
  auditor: [...readOnly, 'audit.read', 'audit.raw'],
};

const permissionSets: ReadonlyMap<Role, ReadonlySet<Permission>> = new Map(
  roles.map((role) => [role, new Set(grants[role])]),
);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (permissions as readonly string[]).includes(value);
}

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  const set = permissionSets.get(role);
  assert(set !== undefined, `unknown role ${role}`);
  return set;
}

export const roleDescriptions: Record<Role, string> = {
  admin: 'Everything, including staff and roles',
  operator: 'Catalog, stock, orders, shipping and operations (outbox, inbox, scheduled work)',
  risk_reviewer: 'Credit decisions, manual review and risk rules',
  warehouse: 'Stock, procurement receipts, shipping and inspection',
  finance: 'Payments, refunds, ledger, wallet and reconciliation',
  collector: 'Overdue cases and contacting customers',
  support: 'Tickets, feedback, disputes and customer questions',
  marketing: 'Coupons, campaigns and feedback',
  auditor: 'Read-only access to everything, and the audit log',
};
