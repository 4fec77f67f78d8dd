import { BellOutlined } from '@ant-design/icons';
import { App as AntdApp, Badge, Button, List, Popover, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type SlaAlert, useAcknowledgeSlaAlert, useSlaAlerts } from '../../chat-api';
import { useInstantFormatter } from '../../hooks';

const KIND_COLORS = {
  first_response_at_risk: 'warning',
  first_response_breached: 'error',
  resolution_at_risk: 'warning',
  resolution_breached: 'error',
} satisfies Record<SlaAlert['kind'], string>;

/** The SLA badge: open alerts for me and for the desk, each acknowledged by a click. */
export function SlaAlertsButton() {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const alerts = useSlaAlerts();
  const acknowledge = useAcknowledgeSlaAlert();
  const rows = alerts.data?.data ?? [];
  const content = (
    <List
      size="small"
      style={{ width: 380 }}
      dataSource={rows}
      locale={{ emptyText: t('support.slaAlerts.none') }}
      renderItem={(a) => (
        <List.Item
          actions={[
            <Button
              key="ack"
              size="small"
              onClick={() => acknowledge.mutate(a.id, { onError: () => message.error(t('support.desk.failed')) })}
              data-testid="sla-alert-ack"
            >
              {t('support.slaAlerts.acknowledge')}
            </Button>,
          ]}
        >
          <List.Item.Meta
            title={
              <>
                <Tag color={KIND_COLORS[a.kind]}>{t(`support.slaAlerts.kinds.${a.kind}`)}</Tag>
                <Typography.Text code>{a.ticketId.slice(-8)}</Typography.Text>
              </>
            }
            description={`${t('support.slaAlerts.due', { when: format(a.dueAt) })}${a.assigneeId === null ? ` · ${t('support.slaAlerts.desk')}` : ''}`}
          />
        </List.Item>
      )}
    />
  );
  return (
    <Popover content={content} title={t('support.slaAlerts.title')} trigger="click" placement="bottomRight">
      <Badge count={rows.length} data-testid="sla-alerts-badge">
        <Button icon={<BellOutlined />}>{t('support.slaAlerts.title')}</Button>
      </Badge>
    </Popover>
  );
}
