import { ConfigProvider, Skeleton } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { type ComponentType, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireSignIn } from './components/RequireSignIn';
import { TabLayout } from './components/TabLayout';
import { HomePage } from './pages/HomePage';
import { MePage } from './pages/MePage';
import { OrdersPage } from './pages/OrdersPage';
import { WalletPage } from './pages/wallet/WalletPage';
import { WALLET_SUB_PAGES } from './pages/wallet/wallet-pages';

// Pages other than the four tabs load when first opened: the home page's first load stays small
// (issue #18: at most 300 KB over the network, measured in e2e/landing.test.ts).
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
const IdentityPage = lazyPage(() => import('./pages/account/IdentityPage'), 'IdentityPage');
const LoginPage = lazyPage(() => import('./pages/account/LoginPage'), 'LoginPage');
const LegalPage = lazyPage(() => import('./pages/account/LegalPage'), 'LegalPage');
const NotificationsPage = lazyPage(() => import('./pages/account/NotificationsPage'), 'NotificationsPage');
const BillPage = lazyPage(() => import('./pages/bills/BillPage'), 'BillPage');
const BillsPage = lazyPage(() => import('./pages/bills/BillsPage'), 'BillsPage');
const ProductPage = lazyPage(() => import('./pages/catalog/ProductPage'), 'ProductPage');
const SearchPage = lazyPage(() => import('./pages/catalog/SearchPage'), 'SearchPage');
const ContractPage = lazyPage(() => import('./pages/contracts/ContractPage'), 'ContractPage');
const ContractsPage = lazyPage(() => import('./pages/contracts/ContractsPage'), 'ContractsPage');
const FeedbackPage = lazyPage(() => import('./pages/feedback/FeedbackPage'), 'FeedbackPage');
const ThanksPage = lazyPage(() => import('./pages/feedback/ThanksPage'), 'ThanksPage');
const ChatPage = lazyPage(() => import('./pages/support/ChatPage'), 'ChatPage');
const HelpArticlePage = lazyPage(() => import('./pages/support/HelpArticlePage'), 'HelpArticlePage');
const HelpCentrePage = lazyPage(() => import('./pages/support/HelpCentrePage'), 'HelpCentrePage');
const NewTicketPage = lazyPage(() => import('./pages/support/NewTicketPage'), 'NewTicketPage');
const TicketPage = lazyPage(() => import('./pages/support/TicketPage'), 'TicketPage');
const TicketsPage = lazyPage(() => import('./pages/support/TicketsPage'), 'TicketsPage');
const CouponsPage = lazyPage(() => import('./pages/coupons/CouponsPage'), 'CouponsPage');
const InstallmentCheckoutPage = lazyPage(() => import('./pages/installments/CheckoutPage'), 'CheckoutPage');
const InstallmentOrderPage = lazyPage(
  () => import('./pages/installments/InstallmentOrderPage'),
  'InstallmentOrderPage',
);
const InstallmentsPage = lazyPage(() => import('./pages/installments/InstallmentsPage'), 'InstallmentsPage');
const InboxPage = lazyPage(() => import('./pages/notifications/InboxPage'), 'InboxPage');
const DecisionsPage = lazyPage(() => import('./pages/risk/DecisionsPage'), 'DecisionsPage');
const PointsPage = lazyPage(() => import('./pages/wallet/PointsPage'), 'PointsPage');
const TopUpPage = lazyPage(() => import('./pages/wallet/TopUpPage'), 'TopUpPage');
const TopUpResultPage = lazyPage(() => import('./pages/wallet/TopUpPage'), 'TopUpResultPage');
const RentalCheckoutPage = lazyPage(() => import('./pages/rentals/CheckoutPage'), 'CheckoutPage');
const RentalPage = lazyPage(() => import('./pages/rentals/RentalPage'), 'RentalPage');
const RentalInspectionPage = lazyPage(() => import('./pages/rentals/InspectionPage'), 'InspectionPage');
const RentalsPage = lazyPage(() => import('./pages/rentals/RentalsPage'), 'RentalsPage');
const CashierPage = lazyPage(() => import('./pages/cashier/CashierPage'), 'CashierPage');
const SandboxAgreementPage = lazyPage(() => import('./pages/cashier/SandboxAgreementPage'), 'SandboxAgreementPage');
const TransferPage = lazyPage(() => import('./pages/wallet/TransferPage'), 'TransferPage');

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <Suspense fallback={<Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}>
        <Routes>
          <Route path="login" element={<LoginPage />} />
          <Route path="legal/:document" element={<LegalPage />} />
          <Route path="search" element={<SearchPage />} />
          <Route path="products/:id" element={<ProductPage />} />
          <Route path="help" element={<HelpCentrePage />} />
          <Route path="help/:slug" element={<HelpArticlePage />} />
          <Route path="feedback/thanks" element={<ThanksPage />} />
          <Route
            path="me/chat"
            element={
              <RequireSignIn>
                <ChatPage />
              </RequireSignIn>
            }
          />
          <Route
            path="me/tickets"
            element={
              <RequireSignIn>
                <TicketsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="me/tickets/new"
            element={
              <RequireSignIn>
                <NewTicketPage />
              </RequireSignIn>
            }
          />
          <Route
            path="me/tickets/:id"
            element={
              <RequireSignIn>
                <TicketPage />
              </RequireSignIn>
            }
          />
          <Route
            path="me/identity"
            element={
              <RequireSignIn>
                <IdentityPage />
              </RequireSignIn>
            }
          />
          <Route
            path="me/inbox"
            element={
              <RequireSignIn>
                <InboxPage />
              </RequireSignIn>
            }
          />
          <Route
            path="me/coupons"
            element={
              <RequireSignIn>
                <CouponsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="me/feedback"
            element={
              <RequireSignIn>
                <FeedbackPage />
              </RequireSignIn>
            }
          />
          <Route
            path="orders/:orderId/rate"
            element={
              <RequireSignIn>
                <FeedbackPage />
              </RequireSignIn>
            }
          />
          <Route
            path="me/credit"
            element={
              <RequireSignIn>
                <DecisionsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="me/notifications"
            element={
              <RequireSignIn>
                <NotificationsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="wallet/top-up"
            element={
              <RequireSignIn>
                <TopUpPage />
              </RequireSignIn>
            }
          />
          <Route
            path="wallet/top-up/:id"
            element={
              <RequireSignIn>
                <TopUpResultPage />
              </RequireSignIn>
            }
          />
          <Route
            path="installments"
            element={
              <RequireSignIn>
                <InstallmentsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="installments/checkout"
            element={
              <RequireSignIn>
                <InstallmentCheckoutPage />
              </RequireSignIn>
            }
          />
          <Route
            path="installments/:id"
            element={
              <RequireSignIn>
                <InstallmentOrderPage />
              </RequireSignIn>
            }
          />
          <Route path="sandbox-agreement/:id" element={<SandboxAgreementPage />} />
          <Route
            path="cashier/:paymentId"
            element={
              <RequireSignIn>
                <CashierPage />
              </RequireSignIn>
            }
          />
          <Route
            path="wallet/transfer"
            element={
              <RequireSignIn>
                <TransferPage />
              </RequireSignIn>
            }
          />
          <Route
            path="wallet/points"
            element={
              <RequireSignIn>
                <PointsPage />
              </RequireSignIn>
            }
          />
          {WALLET_SUB_PAGES.map(({ path, page }) => (
            <Route key={path} path={path} element={<RequireSignIn>{page}</RequireSignIn>} />
          ))}
          <Route
            path="products/:id/rent"
            element={
              <RequireSignIn>
                <RentalCheckoutPage />
              </RequireSignIn>
            }
          />
          <Route
            path="rentals"
            element={
              <RequireSignIn>
                <RentalsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="rentals/:id"
            element={
              <RequireSignIn>
                <RentalPage />
              </RequireSignIn>
            }
          />
          <Route
            path="rentals/:id/inspection"
            element={
              <RequireSignIn>
                <RentalInspectionPage />
              </RequireSignIn>
            }
          />
          <Route
            path="bills"
            element={
              <RequireSignIn>
                <BillsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="bills/:id"
            element={
              <RequireSignIn>
                <BillPage />
              </RequireSignIn>
            }
          />
          <Route
            path="contracts"
            element={
              <RequireSignIn>
                <ContractsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="contracts/:id"
            element={
              <RequireSignIn>
                <ContractPage />
              </RequireSignIn>
            }
          />
          <Route element={<TabLayout />}>
            <Route index element={<HomePage />} />
            <Route path="orders" element={<OrdersPage />} />
            <Route path="wallet" element={<WalletPage />} />
            <Route path="me" element={<MePage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Route>
        </Routes>
      </Suspense>
    </ConfigProvider>
  );
}
