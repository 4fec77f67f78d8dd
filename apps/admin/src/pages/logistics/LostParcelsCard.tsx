// The shipping desk's 丢失处理 card: outbound parcels flagged as possibly lost (the courier reported it
// lost, or no scan for 5 business days) and parcels confirmed lost. Each action says what it will do
// before it does it: 确认丢失 (the parcel ends lost, the phone goes to inventory 丢失, the order waits),
// 补发 (another phone of the SKU in a new parcel; rent from the day after it is signed for), and
// 取消并退款 (the order cancelled, the first payment refunded in full, the deposit hold released).
import { errorCode, ProblemError } from '@zulin/web';
import { App, Button, Card, Form, Input, Modal, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { type Shipment, useCancelLostOrder, useConfirmLost, useLostParcels, useReship } from '../../shipments-api';
import { ShipmentStateTag } from './shipment-parts';

/** Installment orders' ids (`iord_…`); rental orders' parcels take the desk's own actions below. */
const INSTALLMENT_ORDER_PREFIX = 'iord_';

type Action = 'confirm' | 'reship' | 'cancel';

const LOST_PROBLEMS = [
  'RENTAL_RESHIP_OUT_OF_STOCK',
  'RENTAL_PARCEL_STILL_LIVE',
  'RENTAL_PARCEL_NOT_LOST',
  'LOGISTICS_SHIPMENT_TRANSITION_NOT_ALLOWED',
  'RENTAL_TRANSITION_NOT_ALLOWED',
] as const;

function isLostProblem(code: string | undefined): code is (typeof LOST_PROBLEMS)[number] {
  return code !== undefined && (LOST_PROBLEMS as readonly string[]).includes(code);
}

export function LostParcelsCard() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const parcels = useLostParcels();
  const [acting, setActing] = useState<{ action: Action; parcel: Shipment } | null>(null);
  const code = (text: string | null) => (text === null ? '—' : <code>{text}</code>);
  const columns: TableColumnsType<Shipment> = [
    { title: t('logistics.lost.columns.waybillNo'), dataIndex: 'waybillNo', width: 160, render: code },
    {
      title: t('logistics.lost.columns.state'),
      dataIndex: 'state',
      width: 90,
      render: (s) => <ShipmentStateTag state={s} />,
    },
    {
      title: t('logistics.lost.columns.why'),
      key: 'why',
      width: 220,
      render: (_, row) =>
        // An installment order's parcel is decided on its order's page (the order's own refund rule).
        row.orderRef.startsWith(INSTALLMENT_ORDER_PREFIX) ? (
          row.state === 'lost' ? null : (
            <Link to={`/installments/${row.orderRef}`} data-testid={`open-installment-${row.id}`}>
              {t('logistics.lost.openInstallment')}
            </Link>
          )
        ) : row.state === 'lost' ? (
          <Space direction="vertical" size={0}>
            <Tag color="magenta">{t('logistics.lost.confirmed')}</Tag>
            <Typography.Text type="secondary">{row.lostReason}</Typography.Text>
          </Space>
        ) : (
          <Tag color="orange">{t(`logistics.lost.suspected.${row.suspectedLostReason ?? 'no_scan'}`)}</Tag>
        ),
    },
    {
      title: t('logistics.lost.columns.lastEventAt'),
      dataIndex: 'lastEventAt',
      width: 160,
      render: (at) => (at ? format(at) : '—'),
    },
    { title: t('logistics.lost.columns.imei'), key: 'imei', width: 170, render: (_, row) => code(row.summary.imei) },
    { title: t('logistics.lost.columns.order'), dataIndex: 'orderRef', width: 240, render: code },
    {
      title: '',
      key: 'actions',
      width: 230,
      fixed: 'right',
      render: (_, row) =>
        // An installment order's parcel is decided on its order's page (the order's own refund rule).
        row.orderRef.startsWith(INSTALLMENT_ORDER_PREFIX) ? (
          row.state === 'lost' ? null : (
            <Link to={`/installments/${row.orderRef}`} data-testid={`open-installment-${row.id}`}>
              {t('logistics.lost.openInstallment')}
            </Link>
          )
        ) : row.state === 'lost' ? (
          <Space>
            <Button
              size="small"
              type="primary"
              data-testid={`reship-${row.id}`}
              onClick={() => setActing({ action: 'reship', parcel: row })}
            >
              {t('logistics.lost.reship')}
            </Button>
            <Button
              size="small"
              danger
              data-testid={`cancel-lost-${row.id}`}
              onClick={() => setActing({ action: 'cancel', parcel: row })}
            >
              {t('logistics.lost.cancel')}
            </Button>
          </Space>
        ) : (
          <Button
            size="small"
            danger
            data-testid={`confirm-lost-${row.id}`}
            onClick={() => setActing({ action: 'confirm', parcel: row })}
          >
            {t('logistics.lost.confirm')}
          </Button>
        ),
    },
  ];
  return (
    <Card
      title={t('logistics.lost.title')}
      extra={<Typography.Text type="secondary">{t('logistics.lost.subtitle')}</Typography.Text>}
    >
      {parcels.error ? <QueryErrorAlert error={parcels.error} onRetry={() => void parcels.refetch()} /> : null}
      <Table<Shipment>
        rowKey="id"
        size="small"
        loading={parcels.isPending}
        dataSource={parcels.data ?? []}
        columns={columns}
        scroll={{ x: 1270 }}
        pagination={false}
        locale={{ emptyText: t('logistics.lost.empty') }}
        data-testid="lost-parcels"
      />
      {acting ? <LostActionModal {...acting} onClose={() => setActing(null)} /> : null}
    </Card>
  );
}

function LostActionModal({ action, parcel, onClose }: { action: Action; parcel: Shipment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const confirm = useConfirmLost();
  const reship = useReship();
  const cancel = useCancelLostOrder();
  const [form] = Form.useForm<{ reason?: string; imei?: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const pending = confirm.isPending || reship.isPending || cancel.isPending;
  const onError = (error: unknown) => {
    const c = errorCode(error);
    setProblem(
      isLostProblem(c)
        ? t(`logistics.lost.problems.${c}`)
        : error instanceof ProblemError
          ? `${error.problem.title}${error.problem.detail ? `: ${error.problem.detail}` : ''}`
          : String(error),
    );
  };
  const done = (text: string) => {
    void message.success(text);
    onClose();
  };
  return (
    <Modal
      open
      title={t(`logistics.lost.${action}Title`)}
      okText={t(`logistics.lost.${action}Ok`)}
      okButtonProps={{ loading: pending, danger: action !== 'reship', id: 'lost-action-ok' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="lost-action-effect">
        {t(`logistics.lost.${action}Effect`)}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t('logistics.lost.columns.waybillNo')}: <code>{parcel.waybillNo}</code> · {t('logistics.lost.columns.imei')}:{' '}
        <code>{parcel.summary.imei ?? '—'}</code> · {t('logistics.lost.columns.order')}: <code>{parcel.orderRef}</code>
      </Typography.Paragraph>
      <Form<{ reason?: string; imei?: string }>
        form={form}
        layout="vertical"
        onFinish={(v) => {
          setProblem(null);
          if (action === 'confirm') {
            confirm.mutate(
              { id: parcel.id, reason: (v.reason ?? '').trim() },
              { onSuccess: () => done(t('logistics.lost.confirmed')), onError },
            );
          } else if (action === 'reship') {
            reship.mutate(
              { id: parcel.id, imei: (v.imei ?? '').trim() },
              {
                onSuccess: (r) => done(t('logistics.desk.shipped', { waybillNo: r.shipment.waybillNo })),
                onError,
              },
            );
          } else {
            cancel.mutate(
              { id: parcel.id, reason: (v.reason ?? '').trim() },
              { onSuccess: () => done(t('logistics.lost.cancelled')), onError },
            );
          }
        }}
      >
        {action === 'reship' ? (
          <Form.Item
            name="imei"
            label={t('logistics.desk.imei')}
            extra={t('logistics.desk.imeiHint')}
            rules={[{ required: true, pattern: /^\s*[0-9]{15}\s*$/, message: t('logistics.desk.imeiInvalid') }]}
          >
            <Input autoFocus inputMode="numeric" maxLength={20} className="mono-cell" data-testid="reship-imei" />
          </Form.Item>
        ) : (
          <Form.Item
            name="reason"
            label={t('logistics.lost.reason')}
            rules={[{ required: true, min: 2, max: 200, whitespace: true, message: t('logistics.lost.reasonInvalid') }]}
          >
            <Input.TextArea autoFocus rows={2} maxLength={200} data-testid="lost-reason" />
          </Form.Item>
        )}
      </Form>
      {problem ? (
        <Typography.Text type="danger" data-testid="lost-problem">
          {problem}
        </Typography.Text>
      ) : null}
    </Modal>
  );
}
