// The customer's credit limit in force and how payments moved it since (on time: up by the rule
// set's step; overdue: down), shown beside a decision so a reviewer sees the history.
import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useInstantFormatter, useMoney } from '../../hooks';
import { type LimitMoveKind, type RiskCreditLimit, useCreditLimit } from '../../risk-api';

type Move = RiskCreditLimit['moves'][number];
const MOVE_COLORS = { on_time_payment: 'success', late_payment: 'error' } satisfies Record<LimitMoveKind, string>;

export function CreditLimitCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const format = useInstantFormatter();
  const limit = useCreditLimit(customerId);
  const data = limit.data;
  return (
    <Card title={t('risk.limit.title')} loading={limit.isPending} data-testid="credit-limit">
      {data && (
        <>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('risk.limit.current')}>
              <Typography.Text strong data-testid="credit-limit-now">
                {data.limitMinor === null ? '—' : money(data.limitMinor)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('risk.limit.source')}>
              {data.source ? `${t(`risk.limit.sources.${data.source.kind}`)} · ${format(data.source.at)}` : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Table<Move>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={data.moves}
            locale={{ emptyText: t('risk.limit.noMoves') }}
            columns={[
              { title: t('risk.limit.at'), dataIndex: 'createdAt', width: 170, render: (at) => format(at) },
              {
                title: t('risk.limit.kind'),
                dataIndex: 'kind',
                width: 120,
                render: (kind: LimitMoveKind) => <Tag color={MOVE_COLORS[kind]}>{t(`risk.limit.kinds.${kind}`)}</Tag>,
              },
              {
                // The bill by its title and due date (the id only on hover, for support to search).
                title: t('risk.limit.bill'),
                dataIndex: 'billTitle',
                width: 220,
                render: (title: string | null, move) => (
                  <span title={move.billId} data-testid="credit-limit-bill">
                    {title ?? '—'}
                    {move.billDueDate && (
                      <Typography.Text type="secondary">
                        {' '}
                        · {t('risk.limit.due', { date: move.billDueDate })}
                      </Typography.Text>
                    )}
                  </span>
                ),
              },
              {
                title: t('risk.limit.before'),
                dataIndex: 'limitBeforeMinor',
                width: 120,
                render: (m: number) => money(m),
              },
              {
                title: t('risk.limit.delta'),
                dataIndex: 'deltaMinor',
                width: 110,
                render: (m: number) => (m >= 0 ? `+${money(m)}` : `−${money(-m)}`),
              },
              {
                title: t('risk.limit.after'),
                dataIndex: 'limitAfterMinor',
                width: 120,
                render: (m: number) => money(m),
              },
              { title: t('risk.limit.version'), dataIndex: 'ruleSetVersion', width: 80 },
            ]}
          />
        </>
      )}
    </Card>
  );
}
