// Funder partners (资金方): the list with their shares, orders funded, disbursed and collected for
// them; adding one (partners.manage); issuing a funder's API key (shown once); downloading a funder's
// monthly statement (CSV, ledger.read); its settlements (FunderSettlements.tsx).
import {
  App as AntdApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSystemStatus } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import {
  downloadFunderStatement,
  type Funder,
  useCreateFunder,
  useFunders,
  useIssueFunderKey,
} from '../../funders-api';
import { useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { FunderSettlements } from './FunderSettlements';
import { percent2 } from './installment-parts';

export function FundersPage() {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const money = useMoney();
  const funders = useFunders();
  const create = useCreateFunder();
  const issueKey = useIssueFunderKey();
  const canManage = useCan('partners.manage');
  const canStatements = useCan('ledger.read');
  const [adding, setAdding] = useState(false);
  const [apiKey, setApiKey] = useState<string | null>(null);
  const [statementOf, setStatementOf] = useState<Funder | null>(null);
  const [settlementsOf, setSettlementsOf] = useState<Funder | null>(null);
  // The statement's month: the one the operator picked, else the server's business month (Asia/Shanghai),
  // not the browser's — on the evening of a month's last day in UTC they differ.
  const businessDate = useSystemStatus().data?.businessDate;
  const [picked, setMonth] = useState<Dayjs | null>(null);
  const month = picked ?? dayjs(businessDate);
  const [form] = Form.useForm<{ name: string; principalSharePct: number; interestSharePct: number }>();
  const right = 'right' as const;
  const columns = [
    { title: t('funders.columns.name'), dataIndex: 'name' },
    {
      title: t('funders.columns.principalShare'),
      dataIndex: 'principalShareBps',
      align: right,
      render: (bps: number) => percent2(bps),
    },
    {
      title: t('funders.columns.interestShare'),
      dataIndex: 'interestShareBps',
      align: right,
      render: (bps: number) => percent2(bps),
    },
    { title: t('funders.columns.ordersFunded'), dataIndex: 'ordersFunded', align: right },
    { title: t('funders.columns.disbursed'), dataIndex: 'disbursedMinor', align: right, render: money },
    {
      title: t('funders.columns.collectedForFunder'),
      dataIndex: 'collectedForFunderMinor',
      align: right,
      render: money,
    },
    {
      title: t('funders.columns.actions'),
      key: 'actions',
      render: (_: unknown, row: Funder) => (
        <Space>
          {canStatements && (
            <Button size="small" onClick={() => setStatementOf(row)} data-testid={`statement-${row.id}`}>
              {t('funders.statement')}
            </Button>
          )}
          {canStatements && (
            <Button size="small" onClick={() => setSettlementsOf(row)} data-testid={`settlements-${row.id}`}>
              {t('funders.settlements.open')}
            </Button>
          )}
          {canManage && (
            <Button
              size="small"
              loading={issueKey.isPending}
              onClick={async () => setApiKey((await issueKey.mutateAsync(row.id)).apiKey)}
            >
              {t('funders.issueKey')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <div className="page" data-testid="funders-page">
      <PageHeader
        title={t('funders.title')}
        extra={
          canManage && (
            <Button type="primary" onClick={() => setAdding(true)}>
              {t('funders.add')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('funders.subtitle')}</Typography.Paragraph>
      {funders.error && <QueryErrorAlert error={funders.error} onRetry={() => void funders.refetch()} />}
      <Card>
        <Table<Funder>
          rowKey="id"
          size="small"
          loading={funders.isPending}
          dataSource={funders.data?.items ?? []}
          columns={columns}
          pagination={false}
        />
      </Card>
      <Modal
        open={adding}
        title={t('funders.add')}
        okText={t('funders.form.submit')}
        confirmLoading={create.isPending}
        onCancel={() => setAdding(false)}
        onOk={async () => {
          const v = await form.validateFields();
          await create.mutateAsync({
            name: v.name,
            principalShareBps: Math.round(v.principalSharePct * 100),
            interestShareBps: Math.round(v.interestSharePct * 100),
          });
          message.success(t('funders.created'));
          form.resetFields();
          setAdding(false);
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ principalSharePct: 80, interestSharePct: 75 }}>
          <Form.Item name="name" label={t('funders.form.name')} rules={[{ required: true, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="principalSharePct" label={t('funders.form.principalShare')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={100} step={0.01} precision={2} />
          </Form.Item>
          <Form.Item name="interestSharePct" label={t('funders.form.interestShare')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} step={0.01} precision={2} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={apiKey !== null}
        title={t('funders.keyTitle')}
        onOk={() => setApiKey(null)}
        onCancel={() => setApiKey(null)}
      >
        <Typography.Paragraph copyable code data-testid="funder-api-key">
          {apiKey}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('funders.keyHint')}</Typography.Paragraph>
      </Modal>
      <Modal
        open={statementOf !== null}
        title={`${t('funders.statement')} · ${statementOf?.name ?? ''}`}
        okText={t('funders.download')}
        onCancel={() => setStatementOf(null)}
        onOk={async () => {
          if (statementOf) await downloadFunderStatement(statementOf.id, month.format('YYYY-MM'));
          setStatementOf(null);
        }}
      >
        <Space>
          {t('funders.month')}
          <DatePicker picker="month" value={month} allowClear={false} onChange={(d) => d && setMonth(d)} />
        </Space>
      </Modal>
      {settlementsOf && <FunderSettlements funder={settlementsOf} onClose={() => setSettlementsOf(null)} />}
    </div>
  );
}
