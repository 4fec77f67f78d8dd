// The funder of an installment order on its console page: who funds it, the shares, the disbursement,
// and every collection split between the funder and the platform; staff with ledger.write assign a
// funder (once, before the first collection), after a confirmation naming the amount, from and to.
import { App as AntdApp, Button, Card, Descriptions, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssignFunder, useFunders } from '../../funders-api';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import type { InstallmentOrderDetail } from '../../installments-api';
import { percent2 } from './installment-parts';

type Detail = InstallmentOrderDetail;
type Collection = NonNullable<Detail['funder']>['collections'][number];

export function FunderCard({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const money = useMoney();
  const format = useInstantFormatter();
  const canAssign = useCan('ledger.write');
  const funders = useFunders();
  const assign = useAssignFunder(detail.order.id);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const f = detail.funder;
  const o = detail.order;
  const chosen = funders.data?.items.find((x) => x.id === picked);
  const startsLater = o.status !== 'active';
  // ⌊principal × share⌋, as the server computes it (docs/installment.md, "Funders").
  const disbursement = chosen ? Math.floor((o.principalMinor * chosen.principalShareBps) / 10_000) : 0;
  const fundable =
    !f && (o.status === 'awaiting_signature' || o.status === 'awaiting_down_payment' || o.status === 'active');
  const right = 'right' as const;
  const columns = [
    { title: t('funders.card.columns.date'), dataIndex: 'collectedOn', width: 110 },
    {
      title: t('funders.card.columns.bill'),
      dataIndex: 'billKind',
      render: (kind: string, row: Collection) => `${t(`installments.billKinds.${kind}`, kind)} ${row.sequence}`,
    },
    { title: t('funders.card.columns.collected'), dataIndex: 'collectedMinor', align: right, render: money },
    { title: t('funders.card.columns.principal'), dataIndex: 'principalMinor', align: right, render: money },
    { title: t('funders.card.columns.interest'), dataIndex: 'interestMinor', align: right, render: money },
    { title: t('funders.card.columns.other'), dataIndex: 'otherMinor', align: right, render: money },
    { title: t('funders.card.columns.funderShare'), dataIndex: 'funderShareMinor', align: right, render: money },
    { title: t('funders.card.columns.platformShare'), dataIndex: 'platformShareMinor', align: right, render: money },
  ];
  return (
    <Card title={t('funders.card.title')} data-testid="installment-funder">
      {!f && <Typography.Paragraph type="secondary">{t('funders.card.none')}</Typography.Paragraph>}
      {!f && fundable && canAssign && (
        <Space>
          <Select
            style={{ minWidth: 260 }}
            placeholder={t('funders.card.pick')}
            value={picked}
            onChange={setPicked}
            options={(funders.data?.items ?? []).map((x) => ({
              value: x.id,
              label: `${x.name} (${percent2(x.principalShareBps)})`,
            }))}
            data-testid="funder-select"
          />
          <Button type="primary" disabled={!chosen} onClick={() => setConfirming(true)}>
            {t('funders.card.assign')}
          </Button>
        </Space>
      )}
      {f && (
        <>
          <Descriptions column={3} size="small">
            <Descriptions.Item label={t('funders.card.funder')}>{f.funderName}</Descriptions.Item>
            <Descriptions.Item label={t('funders.card.shares')}>
              {t('funders.card.sharesValue', {
                principal: percent2(f.principalShareBps),
                interest: percent2(f.interestShareBps),
              })}
            </Descriptions.Item>
            <Descriptions.Item label={t('funders.card.disbursed')}>
              {f.disbursedMinor === null ? t('funders.card.notYet') : `${money(f.disbursedMinor)} · ${f.disbursedOn}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('funders.card.assignedAt')}>{format(f.assignedAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>{t('funders.card.collections')}</Typography.Title>
          <Table<Collection>
            rowKey="paymentId"
            size="small"
            dataSource={f.collections}
            columns={columns}
            pagination={false}
            data-testid="funder-collections"
          />
        </>
      )}
      <Modal
        open={confirming}
        title={t('funders.card.confirmTitle')}
        okText={t('funders.card.confirmOk')}
        confirmLoading={assign.isPending}
        onCancel={() => setConfirming(false)}
        onOk={async () => {
          if (!picked) return;
          await assign.mutateAsync(picked);
          message.success(t('funders.card.assigned'));
          setConfirming(false);
        }}
      >
        <Descriptions column={1} size="small" data-testid="funder-confirm">
          <Descriptions.Item label={t('funders.card.confirmAmount')}>
            {money(disbursement)}
            {startsLater ? ` · ${t('funders.card.confirmLater')}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('funders.card.confirmFrom')}>{chosen?.name}</Descriptions.Item>
          <Descriptions.Item label={t('funders.card.confirmTo')}>{t('funders.card.confirmToValue')}</Descriptions.Item>
        </Descriptions>
      </Modal>
    </Card>
  );
}
