import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { RequireSignIn } from './components/RequireSignIn';
import { TabLayout } from './components/TabLayout';
import { IdentityPage } from './pages/account/IdentityPage';
import { LoginPage } from './pages/account/LoginPage';
import { NotificationsPage } from './pages/account/NotificationsPage';
import { BillPage } from './pages/bills/BillPage';
import { BillsPage } from './pages/bills/BillsPage';
import { ProductPage } from './pages/catalog/ProductPage';
import { SearchPage } from './pages/catalog/SearchPage';
import { ContractPage } from './pages/contracts/ContractPage';
import { ContractsPage } from './pages/contracts/ContractsPage';
import { FeedbackPage } from './pages/feedback/FeedbackPage';
import { HomePage } from './pages/HomePage';
import { MePage } from './pages/MePage';
import { InboxPage } from './pages/notifications/InboxPage';
import { OrdersPage } from './pages/OrdersPage';
import { DecisionsPage } from './pages/risk/DecisionsPage';
import { PointsPage } from './pages/wallet/PointsPage';
import { TopUpPage } from './pages/wallet/TopUpPage';
import { TransferPage } from './pages/wallet/TransferPage';
import { WalletPage } from './pages/wallet/WalletPage';
import { WALLET_SUB_PAGES } from './pages/wallet/wallet-pages';

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <Routes>
        <Route path="login" element={<LoginPage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="products/:id" element={<ProductPage />} />
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
    </ConfigProvider>
  );
}
