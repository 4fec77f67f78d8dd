import { ApiOutlined, MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Layout, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router-dom';
import { findLeaf } from '../navigation';
import { AccountMenu } from './AccountMenu';
import { BrandLogo } from './BrandLogo';
import { LanguageSwitch } from './LanguageSwitch';
import { SiderMenu } from './SiderMenu';

function PageBreadcrumb() {
  const { t } = useTranslation();
  const current = findLeaf(useLocation().pathname);
  if (!current) return null;
  const items = [
    ...(current.parent ? [{ title: t(`nav.${current.parent.key}`) }] : []),
    { title: t(`nav.${current.leaf.key}`) },
  ];
  return <Breadcrumb items={items} />;
}

/** The console frame: dark sider with the module map, header with breadcrumb and language. */
export function AppLayout() {
  const { t } = useTranslation();
  const [collapsed, setCollapsed] = useState(false);
  return (
    <Layout className="console">
      <Layout.Sider className="console-sider" width={224} collapsedWidth={64} collapsed={collapsed} trigger={null}>
        <BrandLogo collapsed={collapsed} />
        <SiderMenu collapsed={collapsed} />
      </Layout.Sider>
      <Layout className="console-main">
        <Layout.Header className="console-header">
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            aria-label={collapsed ? t('header.expand') : t('header.collapse')}
            onClick={() => setCollapsed(!collapsed)}
          />
          <PageBreadcrumb />
          <Space className="console-header-actions" size={4}>
            <Button type="text" icon={<ApiOutlined />} href="/docs" target="_blank" rel="noreferrer">
              {t('header.apiDocs')}
            </Button>
            <LanguageSwitch />
            <AccountMenu />
          </Space>
        </Layout.Header>
        <Layout.Content className="console-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
