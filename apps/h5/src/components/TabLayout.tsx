import { TabBar } from 'antd-mobile';
import { AppOutline, PayCircleOutline, UnorderedListOutline, UserOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';

const TABS = [
  { path: '/', key: 'home', Icon: AppOutline },
  { path: '/orders', key: 'orders', Icon: UnorderedListOutline },
  { path: '/wallet', key: 'wallet', Icon: PayCircleOutline },
  { path: '/me', key: 'me', Icon: UserOutline },
] as const;

function activeTabPath(pathname: string): string {
  const tab = TABS.find((candidate) => candidate.path !== '/' && pathname.startsWith(candidate.path));
  return tab?.path ?? '/';
}

/** The app frame: the page scrolls above a fixed bottom tab bar. */
export function TabLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <div className="app-shell">
      <main className="app-body">
        <Outlet />
      </main>
      <TabBar className="app-tabbar" safeArea activeKey={activeTabPath(location.pathname)} onChange={navigate}>
        {TABS.map(({ path, key, Icon }) => (
          <TabBar.Item key={path} icon={<Icon />} title={t(`tabs.${key}`)} />
        ))}
      </TabBar>
    </div>
  );
}
