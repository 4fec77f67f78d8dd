import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CursorTable } from '../../components/CursorTable';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter, useMoney } from '../../hooks';
import { type DeskEntry, type DeskStatus, useReturnsQueue } from '../../returns-api';

const TABS = { returning: true, inspecting: true, settled: true } satisfies Record<DeskStatus, true>;

type Row = DeskEntry & { id: string };

/** The returns desk: phones with the courier, at the warehouse waiting to be graded, or settled. */
export function ReturnsDeskPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const [status, setStatus] = useState<DeskStatus>('inspecting');
  const queue = useReturnsQueue(status);
  const rows: Row[] = (queue.data?.pages ?? []).flatMap((p) => p.data).map((e) => ({ ...e, id: e.orderId }));
  const amount = (minor: number | undefined) => (minor === undefined ? '—' : money(minor));

  const columns: TableColumnsType<Row> = [
    {
      title: t('returns.desk.columns.customer'),
      key: 'customer',
      width: 190,
      render: (_, row) => <NamedId name={row.customer?.label ?? null} id={row.orderId} />,
    },
    {
      title: t('returns.desk.columns.device'),
      key: 'device',
      width: 220,
      render: (_, row) => row.device?.productName ?? '—',
    },
    {
      title: t('returns.desk.columns.imei'),
      key: 'imei',
      width: 170,
      render: (_, row) => <Typography.Text className="mono-cell">{row.device?.imei ?? '—'}</Typography.Text>,
    },
    {
      title: t('returns.desk.columns.deposit'),
      dataIndex: 'depositToHoldMinor',
      width: 120,
      align: 'right',
      render: (minor: number) => money(minor),
    },
    {
      title: status === 'returning' ? t('returns.desk.columns.collectedAt') : t('returns.desk.columns.waitingSince'),
      dataIndex: 'waitingSince',
      width: 170,
      render: (at: string) => format(at),
    },
    ...(status === 'settled'
      ? ([
          {
            title: t('returns.desk.columns.grade'),
            key: 'grade',
            width: 90,
            render: (_, row) =>
              row.inspection ? (
                <>
                  <Tag color={row.inspection.grade === 'C' || row.inspection.grade === 'D' ? 'orange' : 'green'}>
                    {row.inspection.grade}
                  </Tag>
                  {row.inspection.disputed &&
                    (row.inspection.disputeOutcome === null ? (
                      <Tag color="red">{t('returns.desk.disputed')}</Tag>
                    ) : (
                      <Tag>{t(`returns.dispute.outcomes.${row.inspection.disputeOutcome}`)}</Tag>
                    ))}
                </>
              ) : (
                '—'
              ),
          },
          {
            title: t('returns.desk.columns.charge'),
            key: 'charge',
            width: 110,
            align: 'right',
            render: (_, row) => amount(row.inspection?.chargeMinor),
          },
          {
            title: t('returns.desk.columns.captured'),
            key: 'captured',
            width: 110,
            align: 'right',
            render: (_, row) => amount(row.inspection?.capturedMinor),
          },
          {
            title: t('returns.desk.columns.billed'),
            key: 'billed',
            width: 100,
            align: 'right',
            render: (_, row) => amount(row.inspection?.billedMinor),
          },
          {
            title: t('returns.desk.columns.released'),
            key: 'released',
            width: 110,
            align: 'right',
            render: (_, row) => amount(row.inspection?.releasedMinor),
          },
        ] satisfies TableColumnsType<Row>)
      : []),
    {
      title: t('returns.desk.columns.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, row) => (
        <Link to={`/returns/${row.orderId}`} data-testid={`inspect-${row.orderId}`}>
          {status === 'inspecting' ? t('returns.desk.inspect') : t('returns.desk.view')}
        </Link>
      ),
    },
  ];

  return (
    <div className="page" data-testid="returns-desk-page">
      <PageHeader
        title={t('returns.desk.title')}
        subtitle={t('returns.desk.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void queue.refetch()}>
            {t('returns.refresh')}
          </Button>
        }
      />
      <Card>
        <Segmented<DeskStatus>
          value={status}
          onChange={setStatus}
          options={(Object.keys(TABS) as DeskStatus[]).map((s) => ({ value: s, label: t(`returns.desk.tabs.${s}`) }))}
          style={{ marginBottom: 12 }}
          data-testid="returns-tabs"
        />
        <CursorTable
          query={queue}
          rows={rows}
          columns={columns}
          scrollX={status === 'settled' ? 1500 : 1000}
          empty={t(`returns.desk.empty.${status}`)}
          testId="returns-table"
        />
      </Card>
    </div>
  );
}
