import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntdApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ProblemError } from '../../api';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type DeviceCommandKind,
  type RiskDeviceCommand,
  type RiskDeviceLocation,
  useDevice,
  useDeviceCommand,
} from '../../risk-api';
import { CommandStatusTag, LockTag, MonitoringTag, Position } from './DeviceParts';

/** One phone: lock and unlock (with a reason, confirmed), its commands as the MDM answers, where it has been. */
export function DevicePage() {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const { id } = useParams<{ id: string }>();
  const detail = useDevice(id);
  const send = useDeviceCommand();
  const canControl = useCan('risk.devices');
  const [asking, setAsking] = useState<DeviceCommandKind | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const device = detail.data?.device;
  const open = detail.data?.commands.find((c) => c.status === 'pending' || c.status === 'sent');

  const commandColumns: TableColumnsType<RiskDeviceCommand> = [
    { title: t('risk.devices.commands.createdAt'), dataIndex: 'createdAt', width: 170, render: (at) => format(at) },
    {
      title: t('risk.devices.commands.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (kind: DeviceCommandKind) => t(`risk.devices.commandKinds.${kind}`),
    },
    {
      title: t('risk.devices.commands.status'),
      key: 'status',
      width: 200,
      render: (_, c) => (
        <Space size={4}>
          <CommandStatusTag status={c.status} />
          {c.failure && (
            <Typography.Text type="danger">{t(`risk.devices.failures.${c.failure}`, c.failure)}</Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('risk.devices.commands.reason'), dataIndex: 'reason', width: 220 },
    {
      title: t('risk.devices.commands.requestedBy'),
      key: 'by',
      width: 140,
      render: (_, c) => (
        <NamedId
          name={c.requestedByName ?? (c.requestedBy === 'system' ? t('risk.devices.system') : null)}
          id={c.requestedBy}
        />
      ),
    },
    { title: t('risk.devices.commands.answeredAt'), dataIndex: 'answeredAt', width: 170, render: (at) => format(at) },
  ];
  const locationColumns: TableColumnsType<RiskDeviceLocation> = [
    { title: t('risk.devices.locations.reportedAt'), dataIndex: 'reportedAt', width: 170, render: (at) => format(at) },
    { title: t('risk.devices.locations.position'), key: 'pos', width: 200, render: (_, l) => <Position {...l} /> },
    {
      title: t('risk.devices.locations.accuracy'),
      dataIndex: 'accuracyM',
      width: 110,
      render: (m: number) => `${m} m`,
    },
    {
      title: t('risk.devices.locations.inside'),
      dataIndex: 'inside',
      width: 140,
      render: (inside: boolean | null) =>
        inside === null ? (
          <Tag>{t('risk.devices.locations.noRegion')}</Tag>
        ) : (
          <Tag color={inside ? 'success' : 'error'}>
            {t(inside ? 'risk.devices.locations.insideYes' : 'risk.devices.locations.insideNo')}
          </Tag>
        ),
    },
  ];

  const submit = ({ reason }: { reason: string }) => {
    if (!device || !asking) return;
    send.mutate(
      { id: device.id, kind: asking, reason },
      {
        onSuccess: () => {
          setAsking(null);
          form.resetFields();
          void message.success(t('risk.devices.commandSent'));
        },
        onError: (error) =>
          void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
      },
    );
  };

  return (
    <div className="page" data-testid="risk-device-page">
      <PageHeader
        title={t('risk.devices.detailTitle', { imei: device?.imei ?? id })}
        extra={
          device &&
          canControl && (
            <Space>
              {device.lockState === 'unlocked' ? (
                // A released phone takes no more locks (RISK_DEVICE_RELEASED); an unlock still goes.
                device.releasedAt === null && (
                  <Button
                    danger
                    icon={<LockOutlined />}
                    disabled={!!open}
                    onClick={() => setAsking('lock')}
                    data-testid="device-lock"
                  >
                    {t('risk.devices.lock')}
                  </Button>
                )
              ) : (
                <Button
                  icon={<UnlockOutlined />}
                  disabled={!!open}
                  onClick={() => setAsking('unlock')}
                  data-testid="device-unlock"
                >
                  {t('risk.devices.unlock')}
                </Button>
              )}
            </Space>
          )
        }
      />
      {detail.error && <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.isPending && <Spin />}
      {device && detail.data && (
        <>
          {open && <Alert type="info" showIcon message={t('risk.devices.waiting')} data-testid="device-waiting" />}
          {device.releasedAt !== null && (
            <Alert type="warning" showIcon message={t('risk.devices.releasedNote')} data-testid="device-released" />
          )}
          <Card>
            <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
              <Descriptions.Item label={t('risk.devices.columns.imei')}>
                <Typography.Text className="mono-cell">{device.imei}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('risk.devices.columns.customer')}>
                <NamedId name={device.customerLabel} id={device.customerId} />
              </Descriptions.Item>
              <Descriptions.Item label={t('risk.devices.columns.reference')}>
                {device.reference ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('risk.devices.columns.monitoring')}>
                <MonitoringTag device={device} />
              </Descriptions.Item>
              {device.releasedAt !== null && (
                <Descriptions.Item label={t('risk.devices.columns.releasedAt')}>
                  {format(device.releasedAt)}
                  {device.releaseReason !== null &&
                    ` · ${t(`risk.devices.releaseReasons.${device.releaseReason}`, { defaultValue: device.releaseReason })}`}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('risk.devices.columns.lockState')}>
                <LockTag state={device.lockState} />
              </Descriptions.Item>
              <Descriptions.Item label={t('risk.devices.columns.lastLocation')}>
                {device.lastLocation ? <Position {...device.lastLocation} /> : t('risk.devices.noLocation')}
              </Descriptions.Item>
              <Descriptions.Item label={t('risk.devices.columns.openAlerts')}>
                {device.openAlerts > 0 ? <Tag color="error">{device.openAlerts}</Tag> : 0}
              </Descriptions.Item>
              <Descriptions.Item label={t('risk.devices.columns.enrolledAt')}>
                {format(device.enrolledAt)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('risk.devices.commands.title')}>
            <Table<RiskDeviceCommand>
              rowKey="id"
              size="small"
              dataSource={detail.data.commands}
              columns={commandColumns}
              pagination={false}
              scroll={{ x: 1000 }}
              locale={{ emptyText: t('risk.devices.commands.empty') }}
              data-testid="device-commands"
            />
          </Card>
          <Card title={t('risk.devices.locations.title')}>
            <Table<RiskDeviceLocation>
              rowKey="id"
              size="small"
              dataSource={detail.data.locations}
              columns={locationColumns}
              pagination={false}
              locale={{ emptyText: t('risk.devices.noLocation') }}
              data-testid="device-locations"
            />
          </Card>
        </>
      )}
      <Modal
        open={asking !== null}
        title={asking && t(`risk.devices.confirm.${asking}Title`)}
        okText={asking && t(`risk.devices.${asking}`)}
        okButtonProps={{ danger: asking === 'lock', id: 'device-command-confirm' }}
        cancelText={t('risk.cancel')}
        confirmLoading={send.isPending}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {device && asking && (
          <Alert
            type={asking === 'lock' ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            message={t(`risk.devices.confirm.${asking}Body`, {
              imei: device.imei,
              customer: device.customerLabel ?? device.customerId,
            })}
          />
        )}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('risk.devices.confirm.reason')}
            rules={[{ required: true, message: t('risk.devices.confirm.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={300} data-testid="device-command-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
