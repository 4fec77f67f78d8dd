import { Card, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { type RiskDevice, useDevices } from '../../risk-api';
import { LockTag, MonitoringTag, Position } from './DeviceParts';

/** Rented phones enrolled with the MDM: lock state, last position, open alerts. */
export function DevicesPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const devices = useDevices();
  const columns: TableColumnsType<RiskDevice> = [
    {
      title: t('risk.devices.columns.imei'),
      dataIndex: 'imei',
      width: 180,
      render: (imei: string, d) => (
        <Link to={`/risk/devices/${d.id}`} data-testid="device-link">
          <Typography.Text className="mono-cell">{imei}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('risk.devices.columns.customer'),
      key: 'customer',
      width: 200,
      render: (_, d) => <NamedId name={d.customerLabel} id={d.customerId} />,
    },
    { title: t('risk.devices.columns.reference'), dataIndex: 'reference', width: 160 },
    {
      title: t('risk.devices.columns.monitoring'),
      key: 'monitoring',
      width: 100,
      render: (_, d) => <MonitoringTag device={d} />,
    },
    {
      title: t('risk.devices.columns.lockState'),
      key: 'lock',
      width: 100,
      render: (_, d) => <LockTag state={d.lockState} />,
    },
    {
      title: t('risk.devices.columns.lastLocation'),
      key: 'last',
      width: 320,
      render: (_, d) =>
        d.lastLocation ? (
          <span>
            <Position {...d.lastLocation} />
            <Typography.Text type="secondary"> · {format(d.lastLocation.reportedAt)}</Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">{t('risk.devices.noLocation')}</Typography.Text>
        ),
    },
    {
      title: t('risk.devices.columns.openAlerts'),
      dataIndex: 'openAlerts',
      width: 100,
      render: (n: number) => (n > 0 ? <Tag color="error">{n}</Tag> : 0),
    },
    { title: t('risk.devices.columns.enrolledAt'), dataIndex: 'enrolledAt', width: 170, render: (at) => format(at) },
  ];
  return (
    <div className="page" data-testid="risk-devices-page">
      <PageHeader title={t('risk.devices.title')} subtitle={t('risk.devices.subtitle')} />
      <Card>
        {devices.error && <QueryErrorAlert error={devices.error} onRetry={() => void devices.refetch()} />}
        <Table<RiskDevice>
          rowKey="id"
          size="middle"
          loading={devices.isPending}
          dataSource={devices.data?.data ?? []}
          columns={columns}
          scroll={{ x: 1300 }}
          pagination={false}
          locale={{ emptyText: t('risk.devices.empty') }}
        />
      </Card>
    </div>
  );
}
