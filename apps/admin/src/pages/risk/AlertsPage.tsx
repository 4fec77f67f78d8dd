import { keysOf } from '@zulin/web';
import {
  App as AntdApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ProblemError } from '../../api';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import { type AlertStatus, type RiskAlert, useAlerts, useGeofences, useResolveAlert } from '../../risk-api';
import { ALERT_COLORS, Position } from './DeviceParts';

const STATUSES = keysOf(ALERT_COLORS);

/** Alerts for a person: a phone reported outside every allowed region (one per phone and day). */
export function AlertsPage() {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const canResolve = useCan('risk.review');
  const [status, setStatus] = useState<AlertStatus | 'all'>('open');
  const alerts = useAlerts(status === 'all' ? undefined : status);
  const regions = useGeofences();
  const resolve = useResolveAlert();
  const [resolving, setResolving] = useState<RiskAlert | null>(null);
  const [form] = Form.useForm<{ resolution: string }>();

  const columns: TableColumnsType<RiskAlert> = [
    { title: t('risk.alerts.columns.latest'), key: 'at', width: 170, render: (_, a) => format(a.latest.reportedAt) },
    {
      title: t('risk.alerts.columns.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: RiskAlert['kind']) => <Tag color="volcano">{t(`risk.alerts.kinds.${kind}`)}</Tag>,
    },
    {
      title: t('risk.alerts.columns.customer'),
      key: 'customer',
      width: 200,
      render: (_, a) => <NamedId name={a.customerLabel} id={a.customerId} />,
    },
    {
      title: t('risk.alerts.columns.device'),
      key: 'device',
      width: 180,
      render: (_, a) => (
        <Link to={`/risk/devices/${a.deviceId}`} data-testid="alert-device">
          <Typography.Text className="mono-cell">{a.imei ?? a.deviceId}</Typography.Text>
        </Link>
      ),
    },
    { title: t('risk.alerts.columns.date'), dataIndex: 'alertDate', width: 110 },
    { title: t('risk.alerts.columns.position'), key: 'pos', width: 170, render: (_, a) => <Position {...a.latest} /> },
    { title: t('risk.alerts.columns.reports'), dataIndex: 'reports', width: 80 },
    {
      title: t('risk.alerts.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: AlertStatus) => <Tag color={ALERT_COLORS[s]}>{t(`risk.alerts.statuses.${s}`)}</Tag>,
    },
    {
      title: t('risk.alerts.columns.resolution'),
      key: 'resolution',
      width: 240,
      render: (_, a) =>
        a.status === 'resolved' ? (
          <span>
            {a.resolution}
            <Typography.Text type="secondary"> — {a.resolvedByName ?? ''}</Typography.Text>
          </span>
        ) : canResolve ? (
          <Button size="small" onClick={() => setResolving(a)} data-testid="alert-resolve">
            {t('risk.alerts.resolve')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="page" data-testid="risk-alerts-page">
      <PageHeader
        title={t('risk.alerts.title')}
        subtitle={t('risk.alerts.subtitle', {
          regions: (regions.data?.data ?? []).map((r) => r.name).join('、') || t('risk.alerts.noRegion'),
        })}
      />
      <Card>
        <Radio.Group
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          optionType="button"
          options={[
            ...STATUSES.map((s) => ({ value: s, label: t(`risk.alerts.statuses.${s}`) })),
            { value: 'all', label: t('risk.all') },
          ]}
        />
      </Card>
      <Card>
        {alerts.error && <QueryErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} />}
        <Table<RiskAlert>
          rowKey="id"
          size="middle"
          loading={alerts.isPending}
          dataSource={alerts.data?.data ?? []}
          columns={columns}
          scroll={{ x: 1400 }}
          pagination={false}
          locale={{ emptyText: t('risk.alerts.empty') }}
          data-testid="alerts-table"
        />
      </Card>
      <Modal
        open={resolving !== null}
        title={t('risk.alerts.resolveTitle')}
        okText={t('risk.alerts.resolve')}
        cancelText={t('risk.cancel')}
        confirmLoading={resolve.isPending}
        onCancel={() => setResolving(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={({ resolution }) =>
            resolving &&
            resolve.mutate(
              { id: resolving.id, resolution },
              {
                onSuccess: () => {
                  setResolving(null);
                  form.resetFields();
                  void message.success(t('risk.alerts.resolved'));
                },
                onError: (error) =>
                  void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
              },
            )
          }
        >
          <Form.Item
            name="resolution"
            label={t('risk.alerts.resolution')}
            rules={[{ required: true, message: t('risk.alerts.resolutionRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={300} data-testid="alert-resolution" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
