import { CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { type EvidenceRoot, useEvidenceRoots, useEvidenceVerification } from '../../contracts-api';
import { useInstantFormatter } from '../../hooks';

const CHAIN_WHY = ['hash', 'link', 'gap'] as const;

/** The daily evidence roots with their timestamps, and a fresh check of the chain and of every root. */
export function EvidenceRootsPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const roots = useEvidenceRoots();
  const verification = useEvidenceVerification();
  const v = verification.data;
  const brokenDate = v?.roots.broken?.businessDate ?? null;
  const stateOf = (root: EvidenceRoot): 'verified' | 'broken' | 'unchecked' => {
    if (!v) return 'unchecked';
    if (brokenDate === null) return 'verified';
    if (root.businessDate < brokenDate) return 'verified';
    return root.businessDate === brokenDate ? 'broken' : 'unchecked';
  };
  const stateColor = { verified: 'success', broken: 'error', unchecked: 'default' } as const;

  const columns: TableColumnsType<EvidenceRoot> = [
    { title: t('contracts.roots.columns.businessDate'), dataIndex: 'businessDate', width: 120 },
    {
      title: t('contracts.roots.columns.range'),
      key: 'range',
      width: 130,
      render: (_, root) => (root.treeSize > 0 ? `${root.fromSeq} – ${root.toSeq}` : '—'),
    },
    { title: t('contracts.roots.columns.treeSize'), dataIndex: 'treeSize', width: 90, align: 'right' },
    {
      title: t('contracts.roots.columns.rootHash'),
      dataIndex: 'rootHash',
      render: (hash: string) => <Typography.Text className="mono-cell hash-cell">{hash}</Typography.Text>,
    },
    {
      title: t('contracts.roots.columns.verification'),
      key: 'verification',
      width: 120,
      render: (_, root) => {
        const state = stateOf(root);
        return <Tag color={stateColor[state]}>{t(`contracts.roots.state.${state}`)}</Tag>;
      },
    },
    {
      title: t('contracts.roots.columns.timestamp'),
      key: 'timestamp',
      width: 280,
      render: (_, root) =>
        root.timestampedAt ? (
          <span>
            <Tag color="success">{t('contracts.roots.stamped')}</Tag>
            {format(root.timestampedAt)}
          </span>
        ) : (
          <Typography.Text type="warning" title={root.timestampLastError ?? undefined}>
            {t('contracts.roots.pending', { count: root.timestampAttempts })}
          </Typography.Text>
        ),
    },
    {
      title: t('contracts.roots.columns.authority'),
      dataIndex: 'timestampAuthority',
      width: 200,
      render: (name: string | null) => name ?? '—',
    },
  ];

  const chainBroken = v?.chain.broken;
  return (
    <div className="page" data-testid="evidence-roots-page">
      <PageHeader
        title={t('contracts.roots.title')}
        subtitle={t('contracts.roots.subtitle')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            loading={verification.isFetching}
            onClick={() => {
              void verification.refetch();
              void roots.refetch();
            }}
          >
            {t('contracts.roots.verify')}
          </Button>
        }
      />
      {verification.error && <QueryErrorAlert error={verification.error} onRetry={() => void verification.refetch()} />}
      {v && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="evidence-verification">
          {chainBroken ? (
            <Alert
              type="error"
              showIcon
              message={t('contracts.roots.chainBroken', {
                seq: chainBroken.seq,
                id: chainBroken.id,
                why: (CHAIN_WHY as readonly string[]).includes(chainBroken.why)
                  ? t(`contracts.roots.chainWhy.${chainBroken.why as (typeof CHAIN_WHY)[number]}`)
                  : chainBroken.why,
              })}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              icon={<CheckCircleOutlined />}
              message={t('contracts.roots.chainOk', { count: v.chain.entries })}
              description={t('contracts.roots.verifiedAt', { at: format(v.checkedAt) })}
            />
          )}
          {v.roots.broken ? (
            <Alert
              type="error"
              showIcon
              message={t('contracts.roots.rootsBroken', { date: v.roots.broken.businessDate, why: v.roots.broken.why })}
            />
          ) : (
            <Alert type="success" showIcon message={t('contracts.roots.rootsOk', { count: v.roots.roots })} />
          )}
        </Space>
      )}
      <Card>
        {roots.error && <QueryErrorAlert error={roots.error} onRetry={() => void roots.refetch()} />}
        <Table<EvidenceRoot>
          rowKey="businessDate"
          size="small"
          columns={columns}
          dataSource={roots.data?.data ?? []}
          loading={roots.isPending}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 1300 }}
          locale={{ emptyText: t('contracts.roots.empty') }}
          data-testid="evidence-roots-table"
        />
      </Card>
    </div>
  );
}
