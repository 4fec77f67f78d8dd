import { LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Avatar, Button, Dropdown, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { logout } from '../api';
import { useStaffMe } from '../identity-api';

/** The signed-in staff member and their role in the header, with sign-out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useStaffMe();
  const staff = me.data?.staff;
  const onLogout = async () => {
    await logout();
    queryClient.clear();
    void message.info(t('identity.account.loggedOut'));
  };
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          {
            key: 'permissions',
            icon: <SafetyCertificateOutlined />,
            disabled: true,
            label: t('identity.account.permissions', { count: me.data?.permissions.length ?? 0 }),
          },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, danger: true, label: t('identity.account.logout') },
        ],
        onClick: ({ key }) => {
          if (key === 'logout') void onLogout();
        },
      }}
    >
      <Button type="text" className="account-button" data-testid="account-menu">
        <Space size={8}>
          <Avatar size={28} icon={<UserOutlined />} className="account-avatar" />
          <span className="account-name" data-testid="account-name">
            {staff ? (staff.displayName ?? staff.username) : '…'}
          </span>
          {staff && (
            <Tag color="orange" className="account-role" data-testid="account-role">
              {t(`identity.roles.${staff.role}`)}
            </Tag>
          )}
        </Space>
      </Button>
    </Dropdown>
  );
}
