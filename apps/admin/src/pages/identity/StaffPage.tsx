import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError, useServerNow } from '../../api';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import {
  type CreateStaffBody,
  type Role,
  type Staff,
  useCreateStaff,
  useRoles,
  useStaffList,
  useStaffMe,
  useUpdateStaff,
} from '../../identity-api';

// Every role the server knows, checked against the SDK's union (listed in this order).
const ROLES = keysOf<Role>({
  admin: true,
  operator: true,
  risk_reviewer: true,
  warehouse: true,
  finance: true,
  collector: true,
  support: true,
  marketing: true,
  auditor: true,
});

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`identity.roles.${role}`) }));
}

function StatusBadge({ staff }: { staff: Staff }) {
  const { t } = useTranslation();
  const serverNow = useServerNow();
  if (staff.status === 'disabled') return <Badge status="default" text={t('identity.staff.status.disabled')} />;
  // A lock ends at an instant of the server's clock.
  if (staff.lockedUntil && new Date(staff.lockedUntil).getTime() > serverNow()) {
    return <Badge status="warning" text={t('identity.staff.status.locked')} />;
  }
  return <Badge status="success" text={t('identity.staff.status.active')} />;
}

function StaffTable() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useInstantFormatter();
  const roleOptions = useRoleOptions();
  const [role, setRole] = useState<Role | undefined>();
  const [creating, setCreating] = useState(false);
  const list = useStaffList(role);
  const update = useUpdateStaff();
  const myId = useStaffMe().data?.staff.id;
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];

  const onError = (error: Error) =>
    void message.error(error instanceof ProblemError ? (error.problem.detail ?? error.problem.title) : error.message);

  const columns: TableColumnsType<Staff> = [
    {
      title: t('identity.staff.columns.username'),
      dataIndex: 'username',
      render: (username: string, staff) => (
        <Space size={4}>
          <Typography.Text strong data-user-content>
            {username}
          </Typography.Text>
          {staff.id === myId && <Tag>{t('identity.staff.you')}</Tag>}
        </Space>
      ),
    },
    { title: t('identity.staff.columns.displayName'), dataIndex: 'displayName', render: (name) => name ?? '—' },
    {
      title: t('identity.staff.columns.role'),
      dataIndex: 'role',
      width: 180,
      render: (value: Role, staff) => (
        <Select
          size="small"
          variant="borderless"
          value={value}
          options={roleOptions}
          disabled={staff.id === myId}
          popupMatchSelectWidth={false}
          aria-label={t('identity.staff.changeRole')}
          onChange={(next: Role) =>
            update.mutate(
              { id: staff.id, role: next },
              {
                onSuccess: () =>
                  void message.success(
                    t('identity.staff.roleChanged', { name: staff.username, role: t(`identity.roles.${next}`) }),
                  ),
                onError,
              },
            )
          }
        />
      ),
    },
    { title: t('identity.staff.columns.status'), key: 'status', render: (_, staff) => <StatusBadge staff={staff} /> },
    {
      title: t('identity.staff.columns.lastLogin'),
      dataIndex: 'lastLoginAt',
      render: (at: string | null) => (at ? format(at) : t('identity.staff.never')),
    },
    { title: t('identity.staff.columns.createdAt'), dataIndex: 'createdAt', render: (at: string) => format(at) },
    {
      title: t('identity.staff.columns.actions'),
      key: 'actions',
      render: (_, staff) => {
        if (staff.id === myId) return null;
        const disabling = staff.status === 'active';
        return (
          <Popconfirm
            title={t(disabling ? 'identity.staff.disableConfirm' : 'identity.staff.enableConfirm', {
              name: staff.username,
            })}
            onConfirm={() =>
              update.mutate(
                { id: staff.id, status: disabling ? 'disabled' : 'active' },
                { onSuccess: () => void message.success(t('identity.staff.updated')), onError },
              )
            }
          >
            <Button size="small" type="link" danger={disabling}>
              {disabling ? t('identity.staff.disable') : t('identity.staff.enable')}
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <Card>
      <Space className="table-toolbar" wrap>
        <Select
          allowClear
          placeholder={t('identity.staff.filterRole')}
          options={roleOptions}
          value={role}
          onChange={setRole}
          style={{ width: 200 }}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('identity.staff.create')}
        </Button>
      </Space>
      <CursorTable
        query={list}
        rows={rows}
        columns={columns}
        size="middle"
        scrollX={900}
        empty={t('identity.staff.empty')}
        testId="staff-table"
      />
      <CreateStaffModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}

function CreateStaffModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const [form] = Form.useForm<CreateStaffBody>();
  const create = useCreateStaff();
  const [created, setCreated] = useState<{ name: string; secret: string; uri: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    form.resetFields();
    setCreated(null);
    setFailure(null);
    create.reset();
    onClose();
  };

  const onFinish = (values: CreateStaffBody) => {
    setFailure(null);
    create.mutate(
      { ...values, displayName: values.displayName || null },
      {
        onSuccess: (data) => setCreated({ name: data.staff.username, secret: data.totpSecret, uri: data.otpauthUrl }),
        onError: (error) => {
          if (error instanceof ProblemError && error.problem.errors?.length) {
            form.setFields(
              error.problem.errors.map((e) => ({
                name: (e.path.split('/').pop() ?? 'username') as keyof CreateStaffBody,
                errors: [e.message],
              })),
            );
          } else if (error instanceof ProblemError && error.problem.code === 'STAFF_USERNAME_TAKEN') {
            form.setFields([{ name: 'username', errors: [error.problem.title] }]);
          } else {
            setFailure(error instanceof ProblemError ? (error.problem.detail ?? error.problem.title) : error.message);
          }
        },
      },
    );
  };

  if (created) {
    return (
      <Modal
        open={open}
        title={t('identity.staff.created.title')}
        onCancel={close}
        footer={
          <Button type="primary" icon={<CheckOutlined />} onClick={close}>
            {t('identity.staff.created.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('identity.staff.created.description', { name: created.name })} />
        <dl className="secret-list">
          <dt>{t('identity.staff.created.secret')}</dt>
          <dd>
            <Typography.Text code copyable>
              {created.secret}
            </Typography.Text>
          </dd>
          <dt>{t('identity.staff.created.uri')}</dt>
          <dd>
            <Typography.Text code copyable className="secret-uri">
              {created.uri}
            </Typography.Text>
          </dd>
        </dl>
      </Modal>
    );
  }

  return (
    <Modal
      open={open}
      title={t('identity.staff.form.title')}
      onCancel={close}
      okText={t('identity.staff.form.submit')}
      cancelText={t('identity.staff.form.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} className="form-alert" />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ role: 'operator' }}>
        <Form.Item
          name="username"
          label={t('identity.staff.form.username')}
          extra={t('identity.staff.form.usernameHint')}
          rules={[
            { required: true, pattern: /^[a-z][a-z0-9._-]{2,31}$/, message: t('identity.staff.form.usernameHint') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('identity.staff.form.displayName')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="role" label={t('identity.staff.form.role')} rules={[{ required: true }]}>
          <Select options={roleOptions} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('identity.staff.form.password')}
          extra={t('identity.staff.form.passwordHint')}
          rules={[{ required: true, min: 10, message: t('identity.staff.form.passwordHint') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Roles × permissions, as the server defines them. */
function RolesMatrix() {
  const { t } = useTranslation();
  const roles = useRoles();
  if (roles.error) return <QueryErrorAlert error={roles.error} onRetry={() => void roles.refetch()} />;
  const data = roles.data;
  const granted = new Map(data?.data.map((r) => [r.role, new Set<string>(r.permissions)]));
  const columns: TableColumnsType<{ permission: string }> = [
    {
      title: t('identity.staff.rolesTable.permission'),
      dataIndex: 'permission',
      fixed: 'left',
      width: 210,
      render: (permission: string) => <Typography.Text code>{permission}</Typography.Text>,
    },
    ...(data?.data ?? []).map((role) => ({
      title: (
        <span title={t(`identity.roleDescriptions.${role.role}`)}>
          {t(`identity.roles.${role.role}`)}
          <div className="role-count">{role.permissions.length}</div>
        </span>
      ),
      key: role.role,
      align: 'center' as const,
      width: 96,
      render: (_: unknown, row: { permission: string }) =>
        granted.get(role.role)?.has(row.permission) ? <CheckOutlined className="granted" /> : null,
    })),
  ];
  return (
    <Card>
      <div className="role-cards">
        {(data?.data ?? []).map((role) => (
          <div key={role.role} className="role-card">
            <Typography.Text strong>{t(`identity.roles.${role.role}`)}</Typography.Text>
            <Typography.Text type="secondary" className="role-card-description">
              {t(`identity.roleDescriptions.${role.role}`)}
            </Typography.Text>
          </div>
        ))}
      </div>
      <Table
        rowKey="permission"
        size="small"
        bordered
        loading={roles.isPending}
        columns={columns}
        dataSource={(data?.permissions ?? []).map((permission) => ({ permission }))}
        pagination={false}
        scroll={{ x: 1100, y: 560 }}
        data-testid="roles-matrix"
      />
    </Card>
  );
}

export function StaffPage() {
  const { t } = useTranslation();
  return (
    <div className="page" data-testid="staff-page">
      <PageHeader title={t('identity.staff.title')} subtitle={t('identity.staff.subtitle')} />
      <Tabs
        items={[
          { key: 'staff', label: t('identity.staff.tabs.staff'), children: <StaffTable /> },
          { key: 'roles', label: t('identity.staff.tabs.roles'), children: <RolesMatrix /> },
        ]}
      />
    </div>
  );
}
