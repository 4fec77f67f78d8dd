import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout';
import { RequirePermission } from './components/RequirePermission';
import { RequireStaff } from './components/RequireStaff';
import type { StaffPermission } from './identity-api';
import { NAV_LEAVES, type NavLeaf } from './navigation';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { ProductEditorPage } from './pages/catalog/ProductEditorPage';
import { ProductsPage } from './pages/catalog/ProductsPage';
import { ContractDetailPage } from './pages/contracts/ContractDetailPage';
import { ContractsPage } from './pages/contracts/ContractsPage';
import { EvidenceRootsPage } from './pages/contracts/EvidenceRootsPage';
import { DashboardPage } from './pages/DashboardPage';
import { FeedbackAnalysisPage } from './pages/feedback/FeedbackAnalysisPage';
import { FeedbackQuestionsPage } from './pages/feedback/FeedbackQuestionsPage';
import { FeedbackQueuePage } from './pages/feedback/FeedbackQueuePage';
import { FeedbackRulesPage } from './pages/feedback/FeedbackRulesPage';
import { AccountDetailPage } from './pages/finance/AccountDetailPage';
import { AccountsPage } from './pages/finance/AccountsPage';
import { BillsPage } from './pages/finance/BillsPage';
import { CarrierClaimsPage } from './pages/finance/CarrierClaimsPage';
import { CustomerWalletPage } from './pages/finance/CustomerWalletPage';
import { DisputesPage } from './pages/finance/DisputesPage';
import { PaymentChannelsPage } from './pages/finance/PaymentChannelsPage';
import { PaymentDetailPage } from './pages/finance/PaymentDetailPage';
import { PaymentsPage } from './pages/finance/PaymentsPage';
import { PaymentsSettingsPage } from './pages/finance/PaymentsSettingsPage';
import { ReconciliationPage } from './pages/finance/ReconciliationPage';
import { RefundsPage } from './pages/finance/RefundsPage';
import { TransfersPage } from './pages/finance/TransfersPage';
import { TrialBalancePage } from './pages/finance/TrialBalancePage';
import { AuditLogPage } from './pages/identity/AuditLogPage';
import { CustomersPage } from './pages/identity/CustomersPage';
import { LoginPage } from './pages/identity/LoginPage';
import { StaffPage } from './pages/identity/StaffPage';
import { FundersPage } from './pages/installments/FundersPage';
import { InstallmentOrderPage } from './pages/installments/InstallmentOrderPage';
import { InstallmentOrdersPage } from './pages/installments/InstallmentOrdersPage';
import { ProcurementPage } from './pages/inventory/ProcurementPage';
import { UnitImportPage } from './pages/inventory/UnitImportPage';
import { UnitsPage } from './pages/inventory/UnitsPage';
import { ShipmentsPage } from './pages/logistics/ShipmentsPage';
import { ShippingDeskPage } from './pages/logistics/ShippingDeskPage';
import { StoreCounterPage } from './pages/logistics/StoreCounterPage';
import { CouponsPage } from './pages/marketing/CouponsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { DeliveriesPage } from './pages/ops/DeliveriesPage';
import { InboxPage } from './pages/ops/InboxPage';
import { SchedulePage } from './pages/ops/SchedulePage';
import { RentalOrderDetailPage } from './pages/orders/RentalOrderDetailPage';
import { RentalOrdersPage } from './pages/orders/RentalOrdersPage';
import { RentalTimersPage } from './pages/orders/RentalTimersPage';
import { InspectionPage } from './pages/returns/InspectionPage';
import { ReturnsDeskPage } from './pages/returns/ReturnsDeskPage';
import { AlertsPage } from './pages/risk/AlertsPage';
import { DecisionPage } from './pages/risk/DecisionPage';
import { DecisionsPage } from './pages/risk/DecisionsPage';
import { DevicePage } from './pages/risk/DevicePage';
import { DevicesPage } from './pages/risk/DevicesPage';
import { ListsPage } from './pages/risk/ListsPage';
import { ReviewCasePage } from './pages/risk/ReviewCasePage';
import { ReviewQueuePage } from './pages/risk/ReviewQueuePage';
import { RuleSetPage } from './pages/risk/RuleSetPage';
import { RuleSetsPage } from './pages/risk/RuleSetsPage';
import { SystemStatusPage } from './pages/SystemStatusPage';
import { ChatDeskPage } from './pages/support/ChatDeskPage';
import { HelpArticlesPage } from './pages/support/HelpArticlesPage';
import { TicketDeskPage } from './pages/support/TicketDeskPage';
import { consoleTheme } from './theme';

function pageFor(leaf: NavLeaf) {
  switch (leaf.page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'systemStatus':
      return <SystemStatusPage />;
    case 'staff':
      return <StaffPage />;
    case 'customers':
      return <CustomersPage />;
    case 'auditLog':
      return <AuditLogPage />;
    case 'products':
      return <ProductsPage />;
    case 'units':
      return <UnitsPage />;
    case 'unitImport':
      return <UnitImportPage />;
    case 'procurement':
      return <ProcurementPage />;
    case 'trialBalance':
      return <TrialBalancePage />;
    case 'ledgerAccounts':
      return <AccountsPage />;
    case 'ledgerTransfers':
      return <TransfersPage />;
    case 'disputes':
      return <DisputesPage />;
    case 'bills':
      return <BillsPage />;
    case 'payments':
      return <PaymentsPage />;
    case 'refunds':
      return <RefundsPage />;
    case 'carrierClaims':
      return <CarrierClaimsPage />;
    case 'reconciliation':
      return <ReconciliationPage />;
    case 'opsDeliveries':
      return <DeliveriesPage key="all" />;
    case 'opsDeadLetters':
      return <DeliveriesPage key="dead" deadLetters />;
    case 'opsInbox':
      return <InboxPage />;
    case 'opsSchedule':
      return <SchedulePage />;
    case 'riskCases':
      return <ReviewQueuePage />;
    case 'riskDecisions':
      return <DecisionsPage />;
    case 'riskLists':
      return <ListsPage />;
    case 'riskRuleSets':
      return <RuleSetsPage />;
    case 'riskAlerts':
      return <AlertsPage />;
    case 'riskDevices':
      return <DevicesPage />;
    case 'feedbackQueue':
      return <FeedbackQueuePage />;
    case 'feedbackAnalysis':
      return <FeedbackAnalysisPage />;
    case 'feedbackQuestions':
      return <FeedbackQuestionsPage />;
    case 'feedbackRules':
      return <FeedbackRulesPage />;
    case 'ticketDesk':
      return <TicketDeskPage />;
    case 'chatDesk':
      return <ChatDeskPage />;
    case 'coupons':
      return <CouponsPage />;
    case 'helpArticles':
      return <HelpArticlesPage />;
    case 'contracts':
      return <ContractsPage />;
    case 'evidenceRoots':
      return <EvidenceRootsPage />;
    case 'shippingDesk':
      return <ShippingDeskPage />;
    case 'storeCounter':
      return <StoreCounterPage />;
    case 'shipments':
      return <ShipmentsPage />;
    case 'returnsDesk':
      return <ReturnsDeskPage />;
    case 'rentalOrders':
      return <RentalOrdersPage />;
    case 'rentalTimers':
      return <RentalTimersPage />;
    case 'paymentsSettings':
      return <PaymentsSettingsPage />;
    case 'paymentChannels':
      return <PaymentChannelsPage />;
    case 'installmentOrders':
      return <InstallmentOrdersPage />;
    case 'installmentFunders':
      return <FundersPage />;
    case 'comingSoon':
      return <ComingSoonPage area={leaf.key} />;
  }
}

/** Pages reached from a list rather than the menu, with the permission their list needs. */
const DETAIL_PAGES: { path: string; permission: StaffPermission; page: ReactNode }[] = [
  { path: '/catalog/products/:id', permission: 'catalog.read', page: <ProductEditorPage /> },
  { path: '/finance/accounts/:id', permission: 'ledger.read', page: <AccountDetailPage /> },
  { path: '/customers/:id/wallet', permission: 'wallet.read', page: <CustomerWalletPage /> },
  { path: '/contracts/:id', permission: 'contracts.read', page: <ContractDetailPage /> },
  { path: '/returns/:id', permission: 'orders.read', page: <InspectionPage /> },
  { path: '/orders/:id', permission: 'orders.read', page: <RentalOrderDetailPage /> },
  { path: '/finance/payments/:id', permission: 'payments.read', page: <PaymentDetailPage /> },
  { path: '/installments/:id', permission: 'orders.read', page: <InstallmentOrderPage /> },
  { path: '/risk/cases/:id', permission: 'risk.read', page: <ReviewCasePage /> },
  { path: '/risk/decisions/:id', permission: 'risk.read', page: <DecisionPage /> },
  { path: '/risk/rule-sets/:version', permission: 'risk.read', page: <RuleSetPage /> },
  { path: '/risk/devices/:id', permission: 'risk.read', page: <DevicePage /> },
];

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={consoleTheme}>
      <AntdApp>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<RequireStaff />}>
            <Route element={<AppLayout />}>
              {NAV_LEAVES.map(({ leaf }) => (
                <Route
                  key={leaf.path}
                  path={leaf.path}
                  element={<RequirePermission permission={leaf.permission}>{pageFor(leaf)}</RequirePermission>}
                />
              ))}
              {DETAIL_PAGES.map(({ path, permission, page }) => (
                <Route
                  key={path}
                  path={path}
                  element={<RequirePermission permission={permission}>{page}</RequirePermission>}
                />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Routes>
      </AntdApp>
    </ConfigProvider>
  );
}
