import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout';
import { NAV_LEAVES, type NavLeaf } from './navigation';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { DashboardPage } from './pages/DashboardPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SystemStatusPage } from './pages/SystemStatusPage';
import { consoleTheme } from './theme';

function pageFor(leaf: NavLeaf) {
  switch (leaf.page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'systemStatus':
      return <SystemStatusPage />;
    case 'comingSoon':
      return <ComingSoonPage area={leaf.key} />;
  }
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={consoleTheme}>
      <AntdApp>
        <Routes>
          <Route element={<AppLayout />}>
            {NAV_LEAVES.map(({ leaf }) => (
              <Route key={leaf.path} path={leaf.path} element={pageFor(leaf)} />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </AntdApp>
    </ConfigProvider>
  );
}
