import { DownloadOutlined, FileZipOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Space, Spin, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { downloadContractPdf, downloadProofBundle, type EvidenceEntry, useContractDetail } from '../../contracts-api';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useStaffMe } from '../../identity-api';
import { evidenceKindName, StatusTag, subjectName, templateName } from './contract-parts';

function termValue(key: string, value: unknown, money: (minor: number) => string): string {
  if (typeof value === 'number' && key.endsWith('Minor')) return money(value);
  if (typeof value === 'number' && key.endsWith('Bps')) return `${(value / 100).toFixed(2)}%`;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** One contract: its state and hashes, its economic terms, its evidence entries, the PDF and the proof bundle. */
export function ContractDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { id } = useParams<{ id: string }>();
  const detail = useContractDetail(id);
  const format = useInstantFormatter();
  const money = useMoney();
  const mayExport = useStaffMe().data?.permissions.includes('contracts.manage') ?? false;
  const [busy, setBusy] = useState<'pdf' | 'bundle' | null>(null);
  const mono = (text: string | null) => (text ? <Typography.Text className="mono-cell">{text}</Typography.Text> : '—');

  const run = async (what: 'pdf' | 'bundle', download: () => Promise<void>) => {
    setBusy(what);
    try {
      await download();
    } catch (error) {
      void message.error(t('contracts.detail.downloadFailed', { reason: (error as Error).message }));
    } finally {
      setBusy(null);
    }
  };

  const columns: TableColumnsType<EvidenceEntry> = [
    { title: t('contracts.detail.evidenceColumns.seq'), dataIndex: 'seq', width: 70 },
    { title: t('contracts.detail.evidenceColumns.at'), dataIndex: 'at', width: 170, render: (at) => format(at) },
    {
      title: t('contracts.detail.evidenceColumns.kind'),
      dataIndex: 'kind',
      width: 200,
      render: (kind: string) => (
        <span>
          {evidenceKindName(t, kind)}
          <br />
          <Typography.Text type="secondary">
            <code className="mono-cell">{kind}</code>
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('contracts.detail.evidenceColumns.data'),
      dataIndex: 'data',
      render: (data: Record<string, unknown>) => (
        <pre className="evidence-data" data-user-content>
          {JSON.stringify(data, null, 2)}
        </pre>
      ),
    },
    {
      title: t('contracts.detail.evidenceColumns.hash'),
      dataIndex: 'hash',
      width: 200,
      render: (hash: string) => <Typography.Text className="mono-cell hash-cell">{hash}</Typography.Text>,
    },
  ];

  const c = detail.data?.contract;
  return (
    <div className="page" data-testid="contract-detail-page">
      <PageHeader
        title={t('contracts.detail.title', { id })}
        extra={
          c && (
            <Space>
              <Button
                icon={<DownloadOutlined />}
                loading={busy === 'pdf'}
                onClick={() => void run('pdf', () => downloadContractPdf(c))}
                data-testid="contract-download-pdf"
              >
                {t('contracts.detail.downloadPdf')}
              </Button>
              {mayExport && (
                <Button
                  type="primary"
                  icon={<FileZipOutlined />}
                  loading={busy === 'bundle'}
                  onClick={() => void run('bundle', () => downloadProofBundle(c.id))}
                  data-testid="contract-download-bundle"
                >
                  {t('contracts.detail.downloadBundle')}
                </Button>
              )}
            </Space>
          )
        }
      />
      {detail.error && <QueryErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.isPending && <Spin />}
      {c && detail.data && (
        <>
          <Card>
            <Descriptions column={2} size="small" bordered data-testid="contract-fields">
              <Descriptions.Item label={t('contracts.detail.fields.status')}>
                <StatusTag status={c.status} t={t} />
              </Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.template')}>
                {templateName(t, c.template)} (v{c.templateVersion})
              </Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.version')}>v{c.version}</Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.locale')}>
                <code>{c.locale}</code>
              </Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.customer')}>{mono(c.customerId)}</Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.subject')}>
                {subjectName(t, c.subject.kind)} {mono(c.subject.id)}
              </Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.createdAt')}>
                {format(c.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.signedAt')}>{format(c.signedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.signatureKind')} span={2}>
                {c.signatureKind === 'drawn' || c.signatureKind === 'typed'
                  ? t(`contracts.signatureKinds.${c.signatureKind}`)
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.termsHash')} span={2}>
                {mono(c.termsHash)}
              </Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.documentHash')} span={2}>
                {mono(c.documentHash)}
              </Descriptions.Item>
              <Descriptions.Item label={t('contracts.detail.fields.signedPdfHash')} span={2}>
                {mono(c.signedPdfHash)}
              </Descriptions.Item>
            </Descriptions>
            {mayExport && (
              <Typography.Paragraph type="secondary" className="contract-bundle-hint">
                {t('contracts.detail.bundleHint')} <code>zulin evidence verify --bundle</code>
              </Typography.Paragraph>
            )}
          </Card>
          <Card title={t('contracts.detail.terms')}>
            <Descriptions column={2} size="small" data-testid="contract-terms">
              {Object.entries(c.terms).map(([key, value]) => (
                <Descriptions.Item key={key} label={key}>
                  {termValue(key, value, money)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
          <Card title={t('contracts.detail.evidence')}>
            <Typography.Paragraph type="secondary">{t('contracts.detail.evidenceHint')}</Typography.Paragraph>
            <Table<EvidenceEntry>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={detail.data.evidence}
              pagination={false}
              tableLayout="fixed"
              scroll={{ x: 1100 }}
              data-testid="contract-evidence"
            />
          </Card>
        </>
      )}
    </div>
  );
}
