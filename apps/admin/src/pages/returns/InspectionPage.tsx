import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Image,
  Input,
  InputNumber,
  Radio,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter, useMoney } from '../../hooks';
import {
  type Grade,
  type GradeBody,
  type RentalInspection,
  useConfirmReturnLost,
  useDeskOrder,
  useGradeReturn,
  useInspectionPhotoUrl,
  useInspectionQuote,
  useReturnLost,
  useUploadInspectionPhoto,
} from '../../returns-api';
import { CarrierName, carrierNameOf } from '../logistics/shipment-parts';
import { DisputeCard } from './DisputeCard';

const GRADES = { A: true, B: true, C: true, D: true } satisfies Record<Grade, true>;

/** One returned phone at the desk: the inspection form, or the inspection once graded. */
export function InspectionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const money = useMoney();
  const order = useDeskOrder(id);
  const data = order.data;

  return (
    <div className="page" data-testid="inspection-page">
      <PageHeader
        title={t('returns.form.title')}
        subtitle={data?.entry.device?.productName ?? undefined}
        extra={
          <Link to="/returns">
            <ArrowLeftOutlined /> {t('returns.form.back')}
          </Link>
        }
      />
      {order.error && <QueryErrorAlert error={order.error} onRetry={() => void order.refetch()} />}
      {data === undefined ? (
        <Spin />
      ) : (
        <>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="inspection-order">
              <Descriptions.Item label={t('returns.form.customer')}>
                {data.entry.customer?.label ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('returns.form.phone')}>
                {data.entry.device?.productName ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('returns.form.imei')}>
                <Typography.Text className="mono-cell">{data.entry.device?.imei ?? '—'}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('returns.form.marketPrice')}>
                {money(data.entry.marketPriceMinor)}
              </Descriptions.Item>
              <Descriptions.Item label={t('returns.form.rentStart')}>
                {data.entry.rentStartDate ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('returns.form.residual')}>
                {money(data.priceList.residualValueMinor)}
              </Descriptions.Item>
              <Descriptions.Item label={t('returns.form.hold')}>
                <span data-testid="deposit-held">{money(data.depositHeldMinor)}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {data.inspection ? (
            <>
              <InspectionResult orderId={id} inspection={data.inspection} />
              <DisputeCard orderId={id} inspection={data.inspection} />
            </>
          ) : data.entry.status === 'inspecting' ? (
            <InspectionForm orderId={id} priceList={data.priceList.items} />
          ) : (
            <Alert type="info" showIcon title={t('returns.form.notInspecting')} />
          )}
          {(data.entry.status === 'returning' || data.entry.status === 'settled' || data.entry.status === 'closed') &&
            data.inspection === null && <ReturnLostCard orderId={id} />}
        </>
      )}
    </div>
  );
}

type PriceItem = NonNullable<ReturnType<typeof useDeskOrder>['data']>['priceList']['items'][number];

function InspectionForm({ orderId, priceList }: { orderId: string; priceList: PriceItem[] }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const { modal, message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [grade, setGrade] = useState<Grade>();
  const [picked, setPicked] = useState<Record<string, number>>({});
  const [photos, setPhotos] = useState<{ file: string; preview: string }[]>([]);
  const [note, setNote] = useState('');
  const upload = useUploadInspectionPhoto();
  const submit = useGradeReturn();
  const findings = Object.entries(picked).map(([code, quantity]) => ({ code, quantity }));
  const body: GradeBody | null =
    grade === undefined || (grade === 'C' && findings.length === 0)
      ? null
      : { grade, findings: grade === 'C' ? findings : [] };
  const quote = useInspectionQuote(orderId, body);
  const q = body === null ? undefined : quote.data;

  const confirm = () => {
    if (body === null || q === undefined) return;
    modal.confirm({
      title: t('returns.form.confirmTitle', { grade: body.grade }),
      content: t('returns.form.confirmBody', {
        capture: money(q.captureMinor),
        bill: money(q.billMinor),
        release: money(q.releaseMinor),
      }),
      okText: t('returns.form.confirm'),
      okButtonProps: { 'data-testid': 'confirm-grade' } as Record<`data-${string}`, string>,
      onOk: () =>
        submit.mutateAsync(
          {
            id: orderId,
            body: { ...body, photos: photos.map((p) => p.file), ...(note.trim() ? { note: note.trim() } : {}) },
          },
          {
            onSuccess: () => void message.success(t('returns.form.done')),
            onError: () => void message.error(t('returns.form.failed')),
          },
        ),
    });
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card title={t('returns.form.grade')} style={{ marginBottom: 16 }}>
          <Radio.Group value={grade} onChange={(e) => setGrade(e.target.value as Grade)} data-testid="grade-group">
            <Space direction="vertical">
              {(Object.keys(GRADES) as Grade[]).map((g) => (
                <Radio key={g} value={g} data-testid={`grade-${g}`}>
                  {t(`returns.grades.${g}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
          {grade === 'C' && (
            <div style={{ marginTop: 16 }} data-testid="findings">
              <Typography.Title level={5}>{t('returns.form.findings')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('returns.form.findingsHint')}</Typography.Paragraph>
              <Space direction="vertical" style={{ width: '100%' }}>
                {priceList.map((item) => (
                  <Space key={item.code} style={{ width: '100%', justifyContent: 'space-between' }}>
                    <Checkbox
                      checked={picked[item.code] !== undefined}
                      data-testid={`finding-${item.code}`}
                      onChange={(e) =>
                        setPicked((p) => {
                          const next = { ...p };
                          if (e.target.checked) next[item.code] = 1;
                          else delete next[item.code];
                          return next;
                        })
                      }
                    >
                      {item.label[lang]}
                    </Checkbox>
                    <Space>
                      <Typography.Text type="secondary">
                        {t('returns.form.unitPrice', { amount: money(item.unitMinor) })}
                      </Typography.Text>
                      {item.countable && picked[item.code] !== undefined && (
                        <InputNumber
                          min={1}
                          max={10}
                          size="small"
                          aria-label={t('returns.form.quantity')}
                          value={picked[item.code]}
                          onChange={(v) => setPicked((p) => ({ ...p, [item.code]: Number(v ?? 1) }))}
                        />
                      )}
                    </Space>
                  </Space>
                ))}
              </Space>
            </div>
          )}
        </Card>
        <Card title={t('returns.form.photos')} style={{ marginBottom: 16 }}>
          <Space wrap>
            {photos.map((p) => (
              <Image key={p.file} src={p.preview} width={96} height={96} style={{ objectFit: 'cover' }} />
            ))}
            <Upload
              accept="image/png,image/jpeg,image/webp"
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                const f = file as File;
                upload.mutate(
                  { id: orderId, file: f },
                  {
                    onSuccess: (stored) => {
                      setPhotos((list) =>
                        list.some((p) => p.file === stored.file)
                          ? list
                          : [...list, { file: stored.file, preview: URL.createObjectURL(f) }],
                      );
                      onSuccess?.(stored);
                    },
                    onError: (error) => {
                      void message.error(t('returns.form.photoFailed'));
                      onError?.(error as Error);
                    },
                  },
                );
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="upload-photo">
                {t('returns.form.upload')}
              </Button>
            </Upload>
          </Space>
          <Input.TextArea
            style={{ marginTop: 12 }}
            rows={2}
            maxLength={500}
            value={note}
            placeholder={t('returns.form.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
            aria-label={t('returns.form.note')}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('returns.form.total')} data-testid="inspection-quote">
          {grade === 'C' && findings.length === 0 && (
            <Alert type="info" showIcon title={t('returns.form.pickFinding')} />
          )}
          {quote.error && body !== null && <QueryErrorAlert error={quote.error} onRetry={() => void quote.refetch()} />}
          {q && (
            <>
              <Typography.Title level={2} data-testid="quote-total" style={{ marginTop: 0 }}>
                {money(q.chargeMinor)}
              </Typography.Title>
              <Descriptions size="small" column={1} bordered>
                <Descriptions.Item label={t('returns.form.capture')}>
                  <span data-testid="quote-capture">{money(q.captureMinor)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('returns.form.bill')}>
                  <span data-testid="quote-bill">{money(q.billMinor)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('returns.form.release')}>
                  <span data-testid="quote-release">{money(q.releaseMinor)}</span>
                </Descriptions.Item>
              </Descriptions>
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                {t('returns.form.formula')}: {q.formula[lang]}
              </Typography.Paragraph>
            </>
          )}
          <Button
            type="primary"
            block
            disabled={body === null || q === undefined || quote.isFetching}
            loading={submit.isPending}
            onClick={confirm}
            data-testid="submit-grade"
          >
            {t('returns.form.submit')}
          </Button>
        </Card>
      </Col>
    </Row>
  );
}

function InspectionResult({ orderId, inspection }: { orderId: string; inspection: RentalInspection }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const format = useInstantFormatter();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Card
      title={
        <Space>
          {t('returns.result.title')}
          <Tag color={inspection.grade === 'C' || inspection.grade === 'D' ? 'orange' : 'green'}>
            {t(`returns.grades.${inspection.grade}`)}
          </Tag>
          <Tag color={inspection.state === 'settled' ? 'success' : 'processing'}>
            {t(`returns.result.states.${inspection.state}`)}
          </Tag>
        </Space>
      }
      data-testid="inspection-result"
    >
      <Descriptions size="small" column={{ xs: 1, md: 4 }} bordered>
        <Descriptions.Item label={t('returns.result.charge')}>{money(inspection.chargeMinor)}</Descriptions.Item>
        <Descriptions.Item label={t('returns.result.captured')}>
          <span data-testid="result-captured">{money(inspection.capturedMinor)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.result.billed')}>
          <span data-testid="result-billed">{money(inspection.billedMinor)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.result.released')}>
          <span data-testid="result-released">{money(inspection.releasedMinor)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('returns.result.inspectedOn')}>{inspection.inspectedOn}</Descriptions.Item>
        <Descriptions.Item label={t('returns.result.disputeUntil')}>{inspection.disputeUntil}</Descriptions.Item>
        {inspection.dispute && (
          <Descriptions.Item label={t('returns.result.dispute')} span={2}>
            {format(inspection.dispute.at)} · {inspection.dispute.reason}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('returns.result.lines')}
      </Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="code"
        dataSource={inspection.lines}
        columns={[
          { title: t('returns.form.findings'), key: 'label', render: (_, l) => l.label[lang] },
          { title: t('returns.form.quantity'), dataIndex: 'quantity', width: 80, render: (q?: number) => q ?? '—' },
          {
            title: t('returns.result.charge'),
            dataIndex: 'amountMinor',
            width: 140,
            align: 'right',
            render: (m: number) => money(m),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {inspection.formula[lang]}
      </Typography.Paragraph>
      {inspection.note && <Typography.Paragraph>{inspection.note}</Typography.Paragraph>}
      <Space wrap>
        {inspection.photos.length === 0 ? (
          <Typography.Text type="secondary">{t('returns.result.noPhotos')}</Typography.Text>
        ) : (
          inspection.photos.map((p) => <Photo key={p.file} orderId={orderId} file={p.file} />)
        )}
      </Space>
    </Card>
  );
}

/** A return parcel the courier lost after collecting it: confirm it (with what will happen shown first), or the claim. */
function ReturnLostCard({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { modal, message } = App.useApp();
  const lost = useReturnLost(orderId);
  const submit = useConfirmReturnLost();
  const [reason, setReason] = useState('');
  const data = lost.data;
  if (data === undefined) return null;
  const { preview, claim, refusal } = data;
  const trimmed = reason.trim();

  const confirm = () => {
    if (preview === null) return;
    modal.confirm({
      title: t('returns.lost.confirmTitle', { waybillNo: preview.waybillNo }),
      content: t('returns.lost.confirmBody', {
        held: money(preview.deposit.depositHeldMinor),
        to: preview.releaseTo,
        capture: money(preview.deposit.captureMinor),
        bill: money(preview.deposit.billMinor),
        carrier: carrierNameOf(t, preview.carrier),
        claim: money(preview.claimMinor),
      }),
      okText: t('returns.lost.confirm'),
      okButtonProps: { danger: true, 'data-testid': 'confirm-return-lost' } as Record<`data-${string}`, string>,
      onOk: () =>
        submit.mutateAsync(
          { id: orderId, reason: trimmed },
          {
            onSuccess: () => void message.success(t('returns.lost.done')),
            onError: () => void message.error(t('returns.lost.failed')),
          },
        ),
    });
  };

  return (
    <Card title={t('returns.lost.title')} style={{ marginTop: 16 }} data-testid="return-lost">
      {claim ? (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered data-testid="carrier-claim">
          <Descriptions.Item label={t('returns.lost.claim')}>
            <Tag color="orange">{t(`returns.lost.claimStates.${claim.state}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.lost.claimAmount')}>
            <span data-testid="claim-amount">{money(claim.amountMinor)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.lost.waybill')}>
            <CarrierName code={claim.carrier} /> ·{' '}
            <Typography.Text className="mono-cell">{claim.waybillNo}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('returns.lost.lostOn')}>{claim.lostOn}</Descriptions.Item>
          <Descriptions.Item label={t('returns.form.imei')}>{claim.imei ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('returns.lost.reasonShown')}>{claim.reason}</Descriptions.Item>
          <Descriptions.Item label={t('returns.lost.claimOutstanding')} span={3}>
            {money(claim.outstandingMinor)} · <Link to="/finance/carrier-claims">{t('returns.lost.claimWork')}</Link>
          </Descriptions.Item>
        </Descriptions>
      ) : preview === null ? (
        <Typography.Text type="secondary" data-testid="return-lost-refusal">
          {refusal ? t(`returns.lost.refusals.${refusal}`, { defaultValue: refusal }) : '—'}
        </Typography.Text>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>{t('returns.lost.intro')}</Typography.Paragraph>
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            placeholder={t('returns.lost.reason')}
            data-testid="return-lost-reason"
          />
          <Button
            danger
            disabled={trimmed.length < 2}
            loading={submit.isPending}
            onClick={confirm}
            data-testid="return-lost-action"
          >
            {t('returns.lost.action')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

function Photo({ orderId, file }: { orderId: string; file: string }) {
  const url = useInspectionPhotoUrl(orderId, file);
  return url ? <Image src={url} width={120} height={120} style={{ objectFit: 'cover' }} /> : <Spin size="small" />;
}
