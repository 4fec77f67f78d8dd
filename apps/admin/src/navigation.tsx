import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  BarChartOutlined,
  CarOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  FormOutlined,
  GiftOutlined,
  InboxOutlined,
  MessageOutlined,
  MonitorOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { StaffPermission } from './identity-api';

/** The pages that exist; every other leaf opens the "coming soon" placeholder. */
export type PageKind =
  | 'dashboard'
  | 'systemStatus'
  | 'staff'
  | 'customers'
  | 'auditLog'
  | 'products'
  | 'units'
  | 'unitImport'
  | 'procurement'
  | 'trialBalance'
  | 'ledgerAccounts'
  | 'ledgerTransfers'
  | 'disputes'
  | 'bills'
  | 'payments'
  | 'refunds'
  | 'carrierClaims'
  | 'reconciliation'
  | 'opsDeliveries'
  | 'opsDeadLetters'
  | 'opsInbox'
  | 'opsSchedule'
  | 'riskCases'
  | 'riskDecisions'
  | 'riskLists'
  | 'riskRuleSets'
  | 'riskAlerts'
  | 'riskDevices'
  | 'feedbackQueue'
  | 'feedbackAnalysis'
  | 'feedbackQuestions'
  | 'feedbackRules'
  | 'ticketDesk'
  | 'chatDesk'
  | 'helpArticles'
  | 'coupons'
  | 'contracts'
  | 'evidenceRoots'
  | 'shippingDesk'
  | 'shipments'
  | 'storeCounter'
  | 'returnsDesk'
  | 'rentalOrders'
  | 'rentalTimers'
  | 'paymentsSettings'
  | 'paymentChannels'
  | 'installmentOrders'
  | 'installmentFunders'
  | 'comingSoon';

export type AreaKey = 'orders' | 'logistics' | 'risk' | 'collections' | 'marketing' | 'feedback' | 'support';

type PageKey =
  | 'dashboard'
  | 'status'
  | 'staff'
  | 'customerSearch'
  | 'auditLog'
  | 'catalog'
  | 'units'
  | 'unitImport'
  | 'procurement'
  | 'trialBalance'
  | 'ledgerAccounts'
  | 'ledgerTransfers'
  | 'disputes'
  | 'bills'
  | 'payments'
  | 'refunds'
  | 'carrierClaims'
  | 'reconciliation'
  | 'opsDeliveries'
  | 'opsDeadLetters'
  | 'opsInbox'
  | 'opsSchedule'
  | 'riskCases'
  | 'riskDecisions'
  | 'riskLists'
  | 'riskRuleSets'
  | 'riskAlerts'
  | 'riskDevices'
  | 'feedback'
  | 'feedbackAnalysis'
  | 'feedbackQuestions'
  | 'feedbackRules'
  | 'tickets'
  | 'chats'
  | 'helpArticles'
  | 'coupons'
  | 'contractList'
  | 'evidenceRoots'
  | 'shippingDesk'
  | 'shipments'
  | 'storeCounter'
  | 'returnsDesk'
  | 'rentalOrders'
  | 'rentalTimers'
  | 'paymentsSettings'
  | 'paymentChannels'
  | 'installmentOrders'
  | 'installmentFunders';

export type NavLeaf =
  | {
      key: PageKey;
      path: string;
      page: Exclude<PageKind, 'comingSoon'>;
      icon?: ReactNode;
      /** The permission a staff member needs to see this page in the menu; the API checks it too. */
      permission?: StaffPermission;
    }
  | { key: AreaKey; path: string; page: 'comingSoon'; icon?: ReactNode; permission?: StaffPermission };

export interface NavParent {
  key: 'finance' | 'system' | 'inventory' | 'ops' | 'risk' | 'contracts' | 'support' | 'logistics' | 'orders';
  icon: ReactNode;
  children: NavLeaf[];
}

export type NavItem = NavLeaf | NavParent;

export interface NavSection {
  key: 'overview' | 'business' | 'riskFunds' | 'customers' | 'platform';
  items: NavItem[];
}

const soon = (key: AreaKey, path: string, icon?: ReactNode): NavLeaf => ({ key, path, page: 'comingSoon', icon });

/** The console's map: the sider menu and the routes are both built from it. */
export const NAV_SECTIONS: NavSection[] = [
  { key: 'overview', items: [{ key: 'dashboard', path: '/', page: 'dashboard', icon: <DashboardOutlined /> }] },
  {
    key: 'business',
    items: [
      { key: 'catalog', path: '/catalog', page: 'products', icon: <AppstoreOutlined />, permission: 'catalog.read' },
      {
        key: 'inventory',
        icon: <DatabaseOutlined />,
        children: [
          { key: 'units', path: '/inventory/units', page: 'units', permission: 'inventory.read' },
          { key: 'unitImport', path: '/inventory/import', page: 'unitImport', permission: 'inventory.write' },
          { key: 'procurement', path: '/inventory/procurement', page: 'procurement', permission: 'inventory.read' },
        ],
      },
      {
        key: 'orders',
        icon: <ProfileOutlined />,
        children: [
          { key: 'rentalOrders', path: '/orders', page: 'rentalOrders', permission: 'orders.read' },
          { key: 'installmentOrders', path: '/installments', page: 'installmentOrders', permission: 'orders.read' },
          {
            key: 'installmentFunders',
            path: '/installments/funders',
            page: 'installmentFunders',
            permission: 'orders.read',
          },
          { key: 'rentalTimers', path: '/orders/timers', page: 'rentalTimers', permission: 'orders.read' },
        ],
      },
      { key: 'returnsDesk', path: '/returns', page: 'returnsDesk', icon: <InboxOutlined />, permission: 'orders.read' },
      {
        key: 'contracts',
        icon: <FileProtectOutlined />,
        children: [
          { key: 'contractList', path: '/contracts', page: 'contracts', permission: 'contracts.read' },
          { key: 'evidenceRoots', path: '/evidence/roots', page: 'evidenceRoots', permission: 'contracts.read' },
        ],
      },
      {
        key: 'logistics',
        icon: <CarOutlined />,
        children: [
          { key: 'shippingDesk', path: '/logistics/desk', page: 'shippingDesk', permission: 'logistics.write' },
          { key: 'shipments', path: '/logistics/shipments', page: 'shipments', permission: 'logistics.read' },
          { key: 'storeCounter', path: '/logistics/stores', page: 'storeCounter', permission: 'logistics.store' },
        ],
      },
    ],
  },
  {
    key: 'riskFunds',
    items: [
      {
        key: 'risk',
        icon: <SafetyCertificateOutlined />,
        children: [
          { key: 'riskCases', path: '/risk/cases', page: 'riskCases', permission: 'risk.read' },
          { key: 'riskDecisions', path: '/risk/decisions', page: 'riskDecisions', permission: 'risk.read' },
          { key: 'riskLists', path: '/risk/lists', page: 'riskLists', permission: 'risk.read' },
          { key: 'riskRuleSets', path: '/risk/rule-sets', page: 'riskRuleSets', permission: 'risk.read' },
          { key: 'riskAlerts', path: '/risk/alerts', page: 'riskAlerts', permission: 'risk.read' },
          { key: 'riskDevices', path: '/risk/devices', page: 'riskDevices', permission: 'risk.read' },
        ],
      },
      soon('collections', '/collections', <AlertOutlined />),
      {
        key: 'finance',
        icon: <AccountBookOutlined />,
        children: [
          { key: 'trialBalance', path: '/finance/ledger', page: 'trialBalance', permission: 'ledger.read' },
          { key: 'ledgerAccounts', path: '/finance/accounts', page: 'ledgerAccounts', permission: 'ledger.read' },
          {
            key: 'ledgerTransfers',
            path: '/finance/transfers',
            page: 'ledgerTransfers',
            permission: 'ledger.read',
          },
          { key: 'bills', path: '/finance/bills', page: 'bills', permission: 'payments.read' },
          { key: 'disputes', path: '/finance/disputes', page: 'disputes', permission: 'disputes.read' },
          { key: 'payments', path: '/finance/payments', page: 'payments', permission: 'payments.read' },
          { key: 'refunds', path: '/finance/refunds', page: 'refunds', permission: 'payments.read' },
          {
            key: 'carrierClaims',
            path: '/finance/carrier-claims',
            page: 'carrierClaims',
            permission: 'orders.read',
          },
          {
            key: 'paymentChannels',
            path: '/finance/payment-channels',
            page: 'paymentChannels',
            permission: 'payments.read',
          },
          {
            key: 'paymentsSettings',
            path: '/finance/payments-settings',
            page: 'paymentsSettings',
            permission: 'payments.read',
          },
          {
            key: 'reconciliation',
            path: '/finance/reconciliation',
            page: 'reconciliation',
            permission: 'reconciliation.read',
          },
        ],
      },
    ],
  },
  {
    key: 'customers',
    items: [
      {
        key: 'customerSearch',
        path: '/customers',
        page: 'customers',
        icon: <TeamOutlined />,
        permission: 'customers.read',
      },
      {
        key: 'coupons',
        path: '/marketing/coupons',
        page: 'coupons',
        icon: <GiftOutlined />,
        permission: 'marketing.read',
      },
      {
        key: 'feedback',
        path: '/feedback',
        page: 'feedbackQueue',
        icon: <MessageOutlined />,
        permission: 'feedback.read',
      },
      {
        key: 'feedbackAnalysis',
        path: '/feedback-analysis',
        page: 'feedbackAnalysis',
        icon: <BarChartOutlined />,
        permission: 'feedback.read',
      },
      {
        key: 'feedbackQuestions',
        path: '/feedback/questions',
        page: 'feedbackQuestions',
        icon: <FormOutlined />,
        permission: 'feedback.read',
      },
      {
        key: 'feedbackRules',
        path: '/feedback/rules',
        page: 'feedbackRules',
        icon: <ApartmentOutlined />,
        permission: 'feedback.read',
      },
      {
        key: 'support',
        icon: <CustomerServiceOutlined />,
        children: [
          { key: 'tickets', path: '/support/tickets', page: 'ticketDesk', permission: 'support.read' },
          { key: 'chats', path: '/support/chats', page: 'chatDesk', permission: 'support.handle' },
          { key: 'helpArticles', path: '/support/articles', page: 'helpArticles', permission: 'support.read' },
        ],
      },
    ],
  },
  {
    key: 'platform',
    items: [
      {
        key: 'system',
        icon: <SettingOutlined />,
        children: [
          { key: 'staff', path: '/system/staff', page: 'staff', permission: 'staff.manage' },
          { key: 'auditLog', path: '/system/audit-log', page: 'auditLog', permission: 'audit.read' },
          { key: 'status', path: '/system/status', page: 'systemStatus' },
        ],
      },
      {
        key: 'ops',
        icon: <MonitorOutlined />,
        children: [
          { key: 'opsDeadLetters', path: '/ops/dead-letters', page: 'opsDeadLetters', permission: 'ops.read' },
          { key: 'opsDeliveries', path: '/ops/deliveries', page: 'opsDeliveries', permission: 'ops.read' },
          { key: 'opsInbox', path: '/ops/inbox', page: 'opsInbox', permission: 'ops.read' },
          { key: 'opsSchedule', path: '/ops/schedule', page: 'opsSchedule', permission: 'ops.read' },
        ],
      },
    ],
  },
];

export function isParent(item: NavItem): item is NavParent {
  return 'children' in item;
}

/** Every leaf with the parent it sits under, in menu order. */
export const NAV_LEAVES: { leaf: NavLeaf; parent?: NavParent }[] = NAV_SECTIONS.flatMap((section) =>
  section.items.flatMap((item) =>
    isParent(item) ? item.children.map((leaf) => ({ leaf, parent: item })) : [{ leaf: item }],
  ),
);

/** The leaf a location belongs to: an exact match, or the longest path that prefixes it. */
export function findLeaf(pathname: string) {
  const matches = NAV_LEAVES.filter(({ leaf }) =>
    leaf.path === '/' ? pathname === '/' : pathname === leaf.path || pathname.startsWith(`${leaf.path}/`),
  );
  return matches.sort((a, b) => b.leaf.path.length - a.leaf.path.length)[0];
}
