// The order page's fault panel (issue #14): every fault reported on the order with its state, and for
// the open one the staff steps — diagnose, repair (the same IMEI comes back) or swap (换机: a new IMEI
// scanned), the faulty phone received, the repaired phone shipped, the working phone signed for —
// each confirmed in a dialog that says which phone moves where and what the customer is not charged.
import {
  App as AntdApp,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError, useServerNow } from '../../api';
import { useInstantFormatter, useMoney } from '../../hooks';
import {
  type FaultStatus,
  type FaultStep,
  type RentalFault,
  useFaultPhotoUrl,
  useFaultStep,
  useOrderFaults,
} from '../../orders-api';

const STATUS_COLOURS: Record<FaultStatus, string> = {
  reported: 'orange',
  diagnosing: 'gold',
  repairing: 'blue',
  swapping: 'purple',
  resolved: 'green',
};

type StepName = FaultStep['step'];

/** The steps the fault's state allows now (the server checks them again). */
function stepsFor(f: RentalFault): StepName[] {
  switch (f.status) {
    case 'reported':
      return ['diagnose', 'repair', 'swap', 'resolve'];
    case 'diagnosing':
      return ['repair', 'swap', 'resolve'];
    case 'repairing':
      if (f.faultyReceivedAt === null) return ['receive'];
      return f.outboundShippedAt === null ? ['ship-repaired'] : ['delivered'];
    case 'swapping':
      return f.faultyReceivedAt === null ? ['receive', 'delivered'] : ['delivered'];
    case 'resolved':
      return f.resolution !== 'no_fault' && f.faultyReceivedAt === null ? ['receive'] : [];
  }
}

export function FaultPanel({ orderId, mayWrite }: { orderId: string; mayWrite: boolean }) {
  const { t } = useTranslation();
  const faults = useOrderFaults(orderId);
  const format = useInstantFormatter();
  const money = useMoney();
  const [acting, setActing] = useState<{ fault: RentalFault; step: StepName } | null>(null);
  return (
    <Card title={t('orders.faults.title')} data-testid="order-faults">
      {!faults.data || faults.data.length === 0 ? (
        <Empty description={t('orders.faults.empty')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {faults.data.map((f) => (
            <div key={f.id} data-testid="order-fault">
              <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
                <Descriptions.Item label={t('orders.faults.status')}>
                  <Tag color={STATUS_COLOURS[f.status]} data-testid="order-fault-status">
                    {t(`orders.faults.statuses.${f.status}`)}
                  </Tag>
                  {f.resolution && t(`orders.faults.resolutions.${f.resolution}`)}
                </Descriptions.Item>
                <Descriptions.Item label={t('orders.faults.reportedOn')}>{f.reportedOn}</Descriptions.Item>
                <Descriptions.Item label={t('orders.faults.description')} span={2}>
                  {f.description}
                  {f.photos.length > 0 && (
                    <Image.PreviewGroup>
                      <Space size={8} style={{ display: 'flex', marginTop: 8 }}>
                        {f.photos.map((file) => (
                          <FaultPhoto key={file} orderId={orderId} faultId={f.id} file={file} />
                        ))}
                      </Space>
                    </Image.PreviewGroup>
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('orders.faults.faultyImei')}>{f.faultyImei ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('orders.faults.replacementImei')}>
                  <span data-testid="order-fault-replacement">{f.replacementImei ?? '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('orders.faults.received')}>
                  {f.faultyReceivedAt ? format(f.faultyReceivedAt) : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('orders.faults.shipped')}>
                  {f.outboundShippedAt ? format(f.outboundShippedAt) : '—'}
                  {f.outboundWaybillNo ? ` · ${f.outboundWaybillNo}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('orders.faults.credit')} span={2}>
                  {f.status === 'resolved'
                    ? t('orders.faults.creditText', {
                        days: f.faultDays,
                        amount: money(f.creditMinor),
                        credited: money(f.creditedMinor),
                      })
                    : t('orders.faults.creditPending')}
                </Descriptions.Item>
                {f.note && (
                  <Descriptions.Item label={t('orders.faults.note')} span={2}>
                    {f.note}
                  </Descriptions.Item>
                )}
              </Descriptions>
              {mayWrite && stepsFor(f).length > 0 && (
                <Space wrap style={{ marginTop: 8 }}>
                  {stepsFor(f).map((step) => (
                    <Button
                      key={step}
                      type={step === 'swap' || step === 'delivered' ? 'primary' : 'default'}
                      onClick={() => setActing({ fault: f, step })}
                      data-testid={`order-fault-${step}`}
                    >
                      {t(`orders.faults.steps.${step}`)}
                    </Button>
                  ))}
                </Space>
              )}
            </div>
          ))}
        </Space>
      )}
      {acting && <StepModal orderId={orderId} {...acting} onClose={() => setActing(null)} />}
    </Card>
  );
}

/**
 * The server's now as a datetime-local value, written in the browser's time zone (which `new
 * Date(value)` reads back): the sandbox's clock may be days ahead of the browser's.
 */
function localNow(nowMs: number): string {
  const d = new Date(nowMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

interface StepForm {
  imei?: string;
  outboundWaybillNo?: string;
  returnWaybillNo?: string;
  note?: string;
  signedAt?: string;
}

function StepModal({
  orderId,
  fault,
  step,
  onClose,
}: {
  orderId: string;
  fault: RentalFault;
  step: StepName;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const serverNow = useServerNow();
  const [form] = Form.useForm<StepForm>();
  const run = useFaultStep(orderId);
  const imei = Form.useWatch('imei', form);
  const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const toAction = (v: StepForm): FaultStep => {
    switch (step) {
      case 'diagnose':
        return { step, ...(opt(v.note) ? { note: opt(v.note) } : {}) };
      case 'repair':
        return { step, ...(opt(v.returnWaybillNo) ? { returnWaybillNo: opt(v.returnWaybillNo) } : {}) };
      case 'swap':
        return {
          step,
          imei: (v.imei ?? '').trim(),
          ...(opt(v.outboundWaybillNo) ? { outboundWaybillNo: opt(v.outboundWaybillNo) } : {}),
          ...(opt(v.returnWaybillNo) ? { returnWaybillNo: opt(v.returnWaybillNo) } : {}),
        };
      case 'receive':
        return { step };
      case 'ship-repaired':
        return { step, ...(opt(v.outboundWaybillNo) ? { outboundWaybillNo: opt(v.outboundWaybillNo) } : {}) };
      case 'delivered':
        return { step, signedAt: new Date(v.signedAt ?? '').toISOString() };
      case 'resolve':
        return { step, note: (v.note ?? '').trim() };
    }
  };
  const faulty = fault.faultyImei ?? '—';
  return (
    <Modal
      open
      title={t(`orders.faults.steps.${step}`)}
      okText={t('orders.faults.confirm')}
      okButtonProps={{ 'data-testid': 'order-fault-confirm' } as Record<`data-${string}`, string>}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="order-fault-moves">
        {t(`orders.faults.moves.${step}`, {
          faulty,
          replacement: step === 'swap' ? imei?.trim() || '…' : (fault.replacementImei ?? faulty),
        })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ signedAt: localNow(serverNow()) }}
        onFinish={(values) =>
          run.mutate(
            { faultId: fault.id, action: toAction(values) },
            {
              onSuccess: () => {
                void message.success(t('orders.faults.done'));
                onClose();
              },
              onError: (error) =>
                void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError')),
            },
          )
        }
      >
        {step === 'swap' && (
          <Form.Item
            name="imei"
            label={t('orders.faults.scanImei')}
            rules={[{ required: true, pattern: /^\d{15}$/, message: t('orders.faults.imeiInvalid') }]}
          >
            <Input autoFocus maxLength={15} data-testid="order-fault-imei" />
          </Form.Item>
        )}
        {(step === 'swap' || step === 'ship-repaired') && (
          <Form.Item name="outboundWaybillNo" label={t('orders.faults.outboundWaybill')}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        {(step === 'swap' || step === 'repair') && (
          <Form.Item name="returnWaybillNo" label={t('orders.faults.returnWaybill')}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        {step === 'delivered' && (
          <Form.Item name="signedAt" label={t('orders.faults.signedAt')} rules={[{ required: true }]}>
            <Input type="datetime-local" data-testid="order-fault-signed-at" />
          </Form.Item>
        )}
        {(step === 'diagnose' || step === 'resolve') && (
          <Form.Item
            name="note"
            label={t('orders.faults.note')}
            rules={
              step === 'resolve' ? [{ required: true, whitespace: true, message: t('orders.faults.noteRequired') }] : []
            }
          >
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** A customer's photo of the fault, read with the staff token (a plain link would answer 401). */
function FaultPhoto({ orderId, faultId, file }: { orderId: string; faultId: string; file: string }) {
  const { t } = useTranslation();
  const url = useFaultPhotoUrl(orderId, faultId, file);
  return url ? (
    <Image
      src={url}
      width={72}
      height={72}
      alt={t('orders.faults.photo')}
      style={{ objectFit: 'cover' }}
      data-testid="order-fault-photo"
    />
  ) : (
    <Spin size="small" />
  );
}
