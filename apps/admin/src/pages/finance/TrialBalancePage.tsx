import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { saveBlob } from '@zulin/web';
import {
  Alert,
  App as AntdApp,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, useSystemStatus } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter, useMoney } from '../../hooks';
import { type LedgerCurrency, type TrialBalance, type TrialBalanceLine, useTrialBalance } from '../../ledger-api';
import { useAccountName } from './chart';

const AMOUNT_KEYS = [
  'debitsPostedMinor',
  'creditsPostedMinor',
  'debitsPendingMinor',
  'creditsPendingMinor',
  'netCreditMinor',
] as const satisfies readonly (keyof TrialBalanceLine)[];

/** The totals line of the amounts: Σ of each column (the net is Σ posted credits − Σ posted debits). */
function totalsOf(data: TrialBalance): Record<(typeof AMOUNT_KEYS)[number], number> {
  return {
    debitsPostedMinor: data.postedDebitsMinor,
    creditsPostedMinor: data.postedCreditsMinor,
    debitsPendingMinor: data.pendingDebitsMinor,
    creditsPendingMinor: data.pendingCreditsMinor,
    netCreditMinor: data.postedCreditsMinor - data.postedDebitsMinor,
  };
}

export function TrialBalancePage() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const { message } = AntdApp.useApp();
  const formatInstant = useInstantFormatter();
  const [currency, setCurrency] = useState<LedgerCurrency>('CNY');
  // As of the end of a business date: the one picked, else today's (the server's business date in
  // Asia/Shanghai, not the browser's), which the server reads as now.
  const businessDate = useSystemStatus().data?.businessDate;
  const [picked, setPicked] = useState<Dayjs | null>(null);
  const asOfDate = picked?.format('YYYY-MM-DD');
  const shownDate = picked ?? (businessDate ? dayjs(businessDate) : null);
  const balance = useTrialBalance(currency, asOfDate);
  const [exporting, setExporting] = useState(false);
  const points = new Intl.NumberFormat(i18n.language);
  const amount = (minor: number) => (currency === 'CNY' ? money(minor) : points.format(minor));
  const accountName = useAccountName();
  const amountColumn = (key: keyof TrialBalanceLine, title: string) => ({
    title,
    dataIndex: key,
    align: 'right' as const,
    width: 128,
    render: (value: number) => <span className="nowrap">{amount(value)}</span>,
  });

  const columns: TableColumnsType<TrialBalanceLine> = [
    { title: t('wallet.trialBalance.columns.code'), dataIndex: 'code', width: 80 },
    {
      title: t('wallet.trialBalance.columns.name'),
      key: 'name',
      render: (_, line) => lineName(line),
    },
    {
      title: t('wallet.trialBalance.columns.owner'),
      dataIndex: 'ownerType',
      width: 100,
      render: (owner: TrialBalanceLine['ownerType']) => <Tag>{t(`wallet.trialBalance.ownerTypes.${owner}`)}</Tag>,
    },
    amountColumn('debitsPostedMinor', t('wallet.trialBalance.columns.debitsPosted')),
    amountColumn('creditsPostedMinor', t('wallet.trialBalance.columns.creditsPosted')),
    amountColumn('debitsPendingMinor', t('wallet.trialBalance.columns.debitsPending')),
    amountColumn('creditsPendingMinor', t('wallet.trialBalance.columns.creditsPending')),
    amountColumn('netCreditMinor', t('wallet.trialBalance.columns.net')),
  ];
  const lineName = (line: TrialBalanceLine) =>
    line.accountId === null
      ? `${accountName(line)} · ${t('wallet.trialBalance.customerLine', { count: line.accountCount })}`
      : accountName(line);

  // The workbook is the table as shown, its totals line last; money as numbers in a ¥ format,
  // points as whole numbers (#,##0) — never text.
  const cellOf = (minor: number) => (currency === 'CNY' ? money(minor) : { integer: minor });
  const exportXlsx = async (data: TrialBalance) => {
    setExporting(true);
    try {
      const { buildXlsx } = await import('@zulin/web/xlsx');
      const header = [
        t('wallet.trialBalance.columns.code'),
        t('wallet.trialBalance.columns.name'),
        t('wallet.trialBalance.columns.owner'),
        t('wallet.trialBalance.columns.debitsPosted'),
        t('wallet.trialBalance.columns.creditsPosted'),
        t('wallet.trialBalance.columns.debitsPending'),
        t('wallet.trialBalance.columns.creditsPending'),
        t('wallet.trialBalance.columns.net'),
      ];
      const rows = data.accounts.map((line) => [
        String(line.code),
        lineName(line),
        t(`wallet.trialBalance.ownerTypes.${line.ownerType}`),
        ...AMOUNT_KEYS.map((key) => cellOf(line[key])),
      ]);
      const totals = totalsOf(data);
      rows.push([t('wallet.trialBalance.totals'), '', '', ...AMOUNT_KEYS.map((key) => cellOf(totals[key]))]);
      const date = shownDate?.format('YYYY-MM-DD') ?? data.asOf.slice(0, 10);
      const name = t('wallet.trialBalance.exportName', { currency, date });
      const bytes = buildXlsx({ sheet: name, header, rows });
      saveBlob(
        new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
        `${name}.xlsx`,
      );
    } catch {
      message.error(t('list.exportFailed'));
    } finally {
      setExporting(false);
    }
  };

  const data = balance.data;
  return (
    <div className="page" data-testid="trial-balance-page">
      <PageHeader
        title={t('wallet.trialBalance.title')}
        subtitle={t('wallet.trialBalance.subtitle')}
        extra={
          <Space wrap>
            <Space size={4} data-testid="trial-balance-as-of-date">
              <Typography.Text type="secondary">{t('wallet.trialBalance.asOf')}</Typography.Text>
              <DatePicker
                value={shownDate}
                allowClear={false}
                onChange={(date) => setPicked(date)}
                disabledDate={(date) => businessDate !== undefined && date.isAfter(dayjs(businessDate), 'day')}
                aria-label={t('wallet.trialBalance.asOf')}
              />
            </Space>
            <Segmented<LedgerCurrency>
              value={currency}
              onChange={setCurrency}
              options={[
                { value: 'CNY', label: t('wallet.trialBalance.currencies.CNY') },
                { value: 'POINTS', label: t('wallet.trialBalance.currencies.POINTS') },
              ]}
            />
            <Button icon={<ReloadOutlined />} loading={balance.isFetching} onClick={() => void balance.refetch()}>
              {t('wallet.trialBalance.refresh')}
            </Button>
          </Space>
        }
      />
      {balance.error &&
        (errorCode(balance.error) === 'LEDGER_AS_OF_IN_FUTURE' ? (
          <Alert type="warning" showIcon title={t('wallet.trialBalance.asOfInFuture')} />
        ) : (
          <QueryErrorAlert error={balance.error} onRetry={() => void balance.refetch()} />
        ))}
      <Card loading={balance.isPending}>
        {data && (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Space data-testid="trial-balance-status" wrap>
              {data.balanced ? (
                <Tag icon={<CheckCircleFilled />} color="success" className="balance-tag">
                  {t('wallet.trialBalance.balanced')}
                </Tag>
              ) : (
                <Tag icon={<CloseCircleFilled />} color="error" className="balance-tag">
                  {t('wallet.trialBalance.unbalanced')}
                </Tag>
              )}
              <Typography.Text type="secondary" data-testid="trial-balance-as-of">
                {t('wallet.trialBalance.asOfInstant', { at: formatInstant(data.asOf) })}
              </Typography.Text>
            </Space>
            <Row gutter={[16, 16]}>
              <Col xs={12} lg={6}>
                <Statistic title={t('wallet.trialBalance.postedDebits')} value={amount(data.postedDebitsMinor)} />
              </Col>
              <Col xs={12} lg={6}>
                <Statistic title={t('wallet.trialBalance.postedCredits')} value={amount(data.postedCreditsMinor)} />
              </Col>
              <Col xs={12} lg={6}>
                <Statistic title={t('wallet.trialBalance.pendingDebits')} value={amount(data.pendingDebitsMinor)} />
              </Col>
              <Col xs={12} lg={6}>
                <Statistic title={t('wallet.trialBalance.pendingCredits')} value={amount(data.pendingCreditsMinor)} />
              </Col>
            </Row>
          </Space>
        )}
      </Card>
      <Card
        title={t('wallet.trialBalance.accounts')}
        extra={
          <Button
            size="small"
            icon={<DownloadOutlined />}
            loading={exporting}
            disabled={!data || data.accounts.length === 0}
            onClick={() => data && void exportXlsx(data)}
            data-testid="trial-balance-export"
          >
            {t('list.export')}
          </Button>
        }
      >
        <Table
          rowKey={(line) => line.accountId ?? `${line.ownerType}-${line.code}`}
          size="small"
          columns={columns}
          dataSource={data?.accounts ?? []}
          loading={balance.isPending}
          pagination={false}
          scroll={{ x: 1080 }}
          locale={{ emptyText: <Empty description={t('wallet.trialBalance.empty')} /> }}
          summary={() =>
            data && data.accounts.length > 0 ? (
              <Table.Summary fixed>
                <Table.Summary.Row data-testid="trial-balance-table-totals">
                  <Table.Summary.Cell index={0} colSpan={3} className="totals-label">
                    <Typography.Text strong>{t('wallet.trialBalance.totals')}</Typography.Text>
                  </Table.Summary.Cell>
                  {AMOUNT_KEYS.map((key, i) => (
                    <Table.Summary.Cell key={key} index={i + 3} align="right" className="total-cell">
                      <span className="nowrap">{amount(totalsOf(data)[key])}</span>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
          data-testid="trial-balance-table"
        />
      </Card>
    </div>
  );
}
