import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  type Condition,
  type Offer,
  type OfferBody,
  type Plan,
  type PlanBody,
  type ProductBody,
  type ProductDetail,
  type Sku,
  type SkuBody,
  useCreateOffer,
  useCreatePlan,
  useCreateSku,
  useOffers,
  useOffersRateCap,
  usePlans,
  useProductDetail,
  useRemoveImage,
  useRetireOffer,
  useRetirePlan,
  useSetImageColour,
  useUpdateProduct,
  useUpdateSku,
  useUploadImage,
} from '../../catalog-api';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { YuanInput } from '../../components/YuanInput';
import { useMoney } from '../../hooks';
import { useCan } from '../../identity-api';
import { percent2 } from '../installments/installment-parts';
import { PublishButton, problemText, StatusTag } from './ProductsPage';

// Every condition the server knows, checked against the SDK's union.
const CONDITIONS = keysOf<Condition>({ new: true, used_99: true, used_95: true });
const STORAGE_GB = [32, 64, 128, 256, 512, 1024, 2048];
const TERM_COUNTS = { day: [7, 15, 30], month: [3, 6, 12, 24] } as const;
const OFFER_TERMS = [3, 6, 12, 24];
const ACCEPTED_IMAGES = 'image/png,image/jpeg,image/webp';
const IMAGE_BYTES_MAX = 5 * 1024 * 1024;

/** A percentage field holding basis points: 12.5 % is 1250. */
function PercentInput({ value, onChange }: { value?: number; onChange?: (value: number | null) => void }) {
  return (
    <InputNumber<number>
      min={0}
      max={100}
      precision={2}
      suffix="%"
      style={{ width: '100%' }}
      value={value === undefined ? undefined : value / 100}
      onChange={(v) => onChange?.(v === null ? null : Math.round(v * 100))}
    />
  );
}

function useFormModal<T>() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<T>();
  const close = () => {
    form.resetFields();
    setOpen(false);
  };
  return { open, setOpen, form, close };
}

function FormModal<T extends object>({
  title,
  modal,
  loading,
  onFinish,
  initialValues,
  children,
}: {
  title: string;
  modal: ReturnType<typeof useFormModal<T>>;
  loading: boolean;
  onFinish: (values: T) => void;
  initialValues?: Partial<T>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={modal.open}
      title={title}
      okText={t('catalog.editor.create')}
      cancelText={t('catalog.editor.cancel')}
      confirmLoading={loading}
      onCancel={modal.close}
      onOk={() => modal.form.submit()}
      destroyOnHidden
    >
      <Form form={modal.form} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}

function BasicsCard({ product }: { product: ProductDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = useCan('catalog.write');
  const [form] = Form.useForm<ProductBody>();
  const update = useUpdateProduct();
  useEffect(() => {
    form.setFieldsValue({
      brand: product.brand,
      model: product.model,
      series: product.series,
      description: product.description,
    });
  }, [form, product]);
  return (
    <Card title={t('catalog.editor.basics')} className="full-height-card">
      <Form
        form={form}
        layout="vertical"
        disabled={!canWrite}
        onFinish={(values) =>
          update.mutate(
            { id: product.id, ...values, series: values.series || null },
            {
              onSuccess: () => void message.success(t('catalog.editor.saved')),
              onError: (error) => void message.error(problemText(error)),
            },
          )
        }
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="brand" label={t('catalog.editor.brand')} rules={[{ required: true }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="model" label={t('catalog.editor.model')} rules={[{ required: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="series" label={t('catalog.editor.series')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('catalog.editor.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('catalog.editor.save')}
        </Button>
      </Form>
    </Card>
  );
}

function ImagesCard({ product }: { product: ProductDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = useCan('catalog.write');
  const upload = useUploadImage();
  const remove = useRemoveImage();
  const setColour = useSetImageColour();
  // The colours a customer can pick on the H5 page: the product's SKUs' (and a tag no SKU has any more).
  const skuColours = [...new Set(product.skus.map((sku) => sku.colour))];
  const colourOptions = (current: string | null | undefined) =>
    [...skuColours, ...(current && !skuColours.includes(current) ? [current] : [])].map((colour) => ({
      value: colour,
      label: colour,
    }));
  return (
    <Card
      title={t('catalog.editor.images')}
      className="full-height-card"
      extra={
        <Upload
          accept={ACCEPTED_IMAGES}
          showUploadList={false}
          disabled={!canWrite}
          beforeUpload={(file) => {
            // The server checks the type from the bytes and the size again; this saves a round trip.
            if (file.size > IMAGE_BYTES_MAX) {
              void message.error(t('catalog.editor.imagesHint'));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onSuccess, onError }) =>
            upload.mutate(
              { id: product.id, file: file as File },
              {
                onSuccess: () => {
                  onSuccess?.(null);
                  void message.success(t('catalog.editor.uploaded'));
                },
                onError: (error) => {
                  onError?.(error);
                  void message.error(problemText(error));
                },
              },
            )
          }
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} disabled={!canWrite}>
            {t('catalog.editor.upload')}
          </Button>
        </Upload>
      }
    >
      {product.images.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('catalog.editor.imagesHint')} />
      ) : (
        <Image.PreviewGroup>
          <div className="image-grid">
            {product.images.map((image) => (
              <div key={image.file} className="image-tile">
                <Image src={image.url} width={96} height={96} />
                {canWrite && (
                  <Popconfirm
                    title={t('catalog.editor.removeImage')}
                    onConfirm={() => remove.mutate({ id: product.id, file: image.file })}
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} className="image-remove" />
                  </Popconfirm>
                )}
                <Select
                  size="small"
                  className="image-colour"
                  aria-label={t('catalog.editor.imageColour')}
                  data-testid={`image-colour-${image.file}`}
                  placeholder={t('catalog.editor.imageAllColours')}
                  allowClear
                  disabled={!canWrite || setColour.isPending}
                  value={image.colour ?? null}
                  options={colourOptions(image.colour)}
                  onChange={(colour: string | null | undefined) =>
                    setColour.mutate(
                      { id: product.id, file: image.file, colour: colour ?? null },
                      {
                        onSuccess: () => void message.success(t('catalog.editor.imageColourSaved')),
                        onError: (error) => void message.error(problemText(error)),
                      },
                    )
                  }
                />
              </div>
            ))}
          </div>
        </Image.PreviewGroup>
      )}
      <div className="sub-text">{t('catalog.editor.imagesHint')}</div>
      {product.images.length > 0 && <div className="sub-text">{t('catalog.editor.imageColourHint')}</div>}
    </Card>
  );
}

function SkusCard({
  product,
  selected,
  onSelect,
}: {
  product: ProductDetail;
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const canWrite = useCan('catalog.write');
  const modal = useFormModal<SkuBody>();
  const create = useCreateSku();
  const update = useUpdateSku();
  const columns: TableColumnsType<Sku> = [
    { title: t('catalog.editor.storage'), dataIndex: 'storageLabel', width: 100 },
    { title: t('catalog.editor.colour'), dataIndex: 'colour' },
    {
      title: t('catalog.editor.condition'),
      dataIndex: 'condition',
      width: 130,
      render: (c: Condition) => t(`catalog.conditions.${c}`),
    },
    {
      title: t('catalog.editor.marketPrice'),
      dataIndex: 'marketPriceMinor',
      align: 'right',
      width: 130,
      render: (v: number) => money(v),
    },
    {
      title: t('catalog.editor.lowestRent'),
      dataIndex: 'lowestMonthlyRentMinor',
      align: 'right',
      width: 130,
      render: (v: number | null) => (v === null ? '—' : money(v)),
    },
    {
      title: t('catalog.editor.terms'),
      dataIndex: 'planTerms',
      // "7d", "12m" as 7 天, 12 个月, shortest first.
      render: (terms: string[]) =>
        [...terms]
          .map(parseTerm)
          .sort((a, b) => a.days - b.days)
          .map(({ key, count, unit }) => (
            <Tag key={key} data-testid="sku-term">
              {t(`catalog.editor.termTags.${unit}`, { count })}
            </Tag>
          )),
    },
    {
      title: t('catalog.editor.active'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean, sku) => (
        <Switch
          size="small"
          checked={active}
          disabled={!canWrite}
          onClick={(_, event) => event.stopPropagation()}
          onChange={(checked) =>
            update.mutate({ id: sku.id, active: checked }, { onError: (e) => void message.error(problemText(e)) })
          }
        />
      ),
    },
  ];
  return (
    <Card
      title={t('catalog.editor.skus')}
      extra={
        canWrite && (
          <Button icon={<PlusOutlined />} onClick={() => modal.setOpen(true)}>
            {t('catalog.editor.addSku')}
          </Button>
        )
      }
    >
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={product.skus}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(sku) => (sku.id === selected ? 'row-selected' : 'row-clickable')}
        onRow={(sku) => ({ onClick: () => onSelect(sku.id) })}
        data-testid="skus-table"
      />
      <FormModal<SkuBody>
        title={t('catalog.editor.addSku')}
        modal={modal}
        loading={create.isPending}
        initialValues={{ condition: 'new', storageGb: 256 }}
        onFinish={(values) =>
          create.mutate(
            { ...values, productId: product.id },
            {
              onSuccess: (sku) => {
                modal.close();
                onSelect(sku.id);
              },
              onError: (error) => void message.error(problemText(error)),
            },
          )
        }
      >
        <Form.Item name="storageGb" label={t('catalog.editor.storage')} rules={[{ required: true }]}>
          <Select options={STORAGE_GB.map((gb) => ({ value: gb, label: gb >= 1024 ? `${gb / 1024}TB` : `${gb}GB` }))} />
        </Form.Item>
        <Form.Item name="colour" label={t('catalog.editor.colour')} rules={[{ required: true }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="condition" label={t('catalog.editor.condition')} rules={[{ required: true }]}>
          <Select options={CONDITIONS.map((c) => ({ value: c, label: t(`catalog.conditions.${c}`) }))} />
        </Form.Item>
        <Form.Item
          name="marketPriceMinor"
          label={t('catalog.editor.marketPrice')}
          rules={[{ required: true, type: 'number', min: 1, message: t('catalog.editor.positive') }]}
        >
          <YuanInput />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

function PlansCard({ sku }: { sku: Sku }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const money = useMoney();
  const canWrite = useCan('catalog.write');
  const plans = usePlans(sku.id);
  const create = useCreatePlan();
  const retire = useRetirePlan();
  const modal = useFormModal<PlanBody>();
  const termUnit = Form.useWatch('termUnit', modal.form) ?? 'month';
  const columns: TableColumnsType<Plan> = [
    {
      title: t('catalog.editor.termCount'),
      dataIndex: 'term',
      width: 90,
      render: (term: string) => {
        const { count, unit } = parseTerm(term);
        return t(`catalog.editor.termTags.${unit}`, { count });
      },
    },
    {
      title: t('catalog.editor.rent'),
      key: 'rent',
      align: 'right',
      render: (_, p) =>
        `${money(p.rentMinor)}${p.termUnit === 'day' ? t('catalog.editor.perDay') : t('catalog.editor.perMonth')}`,
    },
    { title: t('catalog.editor.deposit'), dataIndex: 'depositMinor', align: 'right', render: (v: number) => money(v) },
    {
      title: t('catalog.editor.buyout'),
      dataIndex: 'buyoutAtEndMinor',
      align: 'right',
      render: (v: number) => money(v),
    },
    { title: t('catalog.editor.upfront'), dataIndex: 'upfrontPeriods', align: 'right', width: 90 },
    {
      title: t('catalog.editor.status'),
      key: 'actions',
      width: 100,
      render: (_, p) =>
        p.active ? (
          canWrite && (
            <Popconfirm title={t('catalog.editor.retireConfirm')} onConfirm={() => retire.mutate(p.id)}>
              <Button size="small" type="link" danger>
                {t('catalog.editor.retire')}
              </Button>
            </Popconfirm>
          )
        ) : (
          <Tag>{t('catalog.editor.retired')}</Tag>
        ),
    },
  ];
  return (
    <Card
      title={`${t('catalog.editor.plans')} · ${sku.storageLabel} ${sku.colour}`}
      className="full-height-card"
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => modal.setOpen(true)}>
            {t('catalog.editor.addPlan')}
          </Button>
        )
      }
    >
      {plans.error && <QueryErrorAlert error={plans.error} onRetry={() => void plans.refetch()} />}
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={plans.data ?? []}
        loading={plans.isPending}
        pagination={false}
      />
      <FormModal<PlanBody>
        title={t('catalog.editor.addPlan')}
        modal={modal}
        loading={create.isPending}
        initialValues={{ termUnit: 'month', termCount: 12, upfrontPeriods: 1 }}
        onFinish={(values) =>
          create.mutate(
            { ...values, skuId: sku.id },
            { onSuccess: modal.close, onError: (error) => void message.error(problemText(error)) },
          )
        }
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="termUnit" label={t('catalog.editor.termUnit')} rules={[{ required: true }]}>
              <Select
                options={(['day', 'month'] as const).map((u) => ({
                  value: u,
                  label: t(`catalog.editor.termUnits.${u}`),
                }))}
                onChange={(unit: 'day' | 'month') => modal.form.setFieldValue('termCount', TERM_COUNTS[unit][0])}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="termCount" label={t('catalog.editor.termCount')} rules={[{ required: true }]}>
              <Select options={TERM_COUNTS[termUnit].map((n) => ({ value: n, label: n }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="rentMinor"
          label={t('catalog.editor.rent')}
          rules={[{ required: true, type: 'number', min: 1, message: t('catalog.editor.positive') }]}
        >
          <YuanInput />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="depositMinor" label={t('catalog.editor.deposit')} extra={t('catalog.editor.depositHint')}>
              <YuanInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="buyoutAtEndMinor" label={t('catalog.editor.buyout')} rules={[{ required: true }]}>
              <YuanInput />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="upfrontPeriods" label={t('catalog.editor.upfront')}>
              <InputNumber min={1} max={30} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="renewalRentMinor" label={t('catalog.editor.renewal')}>
              <YuanInput />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </Card>
  );
}

function OffersCard({ sku }: { sku: Sku }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canWrite = useCan('catalog.write');
  const offers = useOffers(sku.id);
  // The operator's rate cap in force (时效设置): offers above it cannot be saved, and one left above a
  // lowered cap is not shown to customers nor orderable.
  const rateCap = useOffersRateCap(sku.id).data;
  const create = useCreateOffer();
  const retire = useRetireOffer();
  const modal = useFormModal<OfferBody>();
  const pct = (bps: number) => `${bps / 100}%`;
  const columns: TableColumnsType<Offer> = [
    { title: t('catalog.editor.termMonths'), dataIndex: 'termMonths', width: 70 },
    {
      title: t('catalog.editor.apr'),
      key: 'apr',
      render: (_, o) => (
        <Space size={4} wrap>
          {percent2(o.aprSimpleBps)}
          {o.active && rateCap && o.aprSimpleBps > rateCap.capBps && (
            <Tag color="red" data-testid={`offer-above-cap-${o.id}`}>
              {t('catalog.editor.aboveCap')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('catalog.editor.annualRate'),
      key: 'rate',
      render: (_, o) =>
        o.interestFree ? <Tag color="green">{t('catalog.editor.interestFree')}</Tag> : pct(o.annualRateBps),
    },
    { title: t('catalog.editor.feeRate'), dataIndex: 'feeRateBpsPerPeriod', render: pct },
    { title: t('catalog.editor.downPayment'), dataIndex: 'downPaymentBps', render: pct },
    {
      title: t('catalog.editor.method'),
      dataIndex: 'method',
      render: (m: Offer['method']) => t(`catalog.editor.methods.${m}`),
    },
    {
      title: t('catalog.editor.status'),
      key: 'actions',
      width: 100,
      // The retire action stays in sight when a narrow card scrolls the table sideways.
      fixed: 'right',
      render: (_, o) =>
        o.active ? (
          canWrite && (
            <Popconfirm title={t('catalog.editor.retireConfirm')} onConfirm={() => retire.mutate(o.id)}>
              <Button size="small" type="link" danger>
                {t('catalog.editor.retire')}
              </Button>
            </Popconfirm>
          )
        ) : (
          <Tag>{t('catalog.editor.retired')}</Tag>
        ),
    },
  ];
  return (
    <Card
      title={t('catalog.editor.offers')}
      className="full-height-card"
      extra={
        canWrite && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => modal.setOpen(true)}>
            {t('catalog.editor.addOffer')}
          </Button>
        )
      }
    >
      {offers.error && <QueryErrorAlert error={offers.error} onRetry={() => void offers.refetch()} />}
      {rateCap && (
        <Typography.Paragraph type="secondary" data-testid="offers-rate-cap">
          {t('catalog.editor.rateCap', {
            cap: percent2(rateCap.capBps),
            multiple: rateCap.capMultiple,
            lpr: percent2(rateCap.lprBps),
          })}
        </Typography.Paragraph>
      )}
      <Table
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={offers.data ?? []}
        loading={offers.isPending}
        pagination={false}
        // Seven columns in a half-width card: each keeps its natural width (等额本息 on one line, not
        // one character a line) and the table scrolls sideways when the card is narrower.
        scroll={{ x: 'max-content' }}
      />
      <FormModal<OfferBody>
        title={t('catalog.editor.addOffer')}
        modal={modal}
        loading={create.isPending}
        initialValues={{
          termMonths: 12,
          annualRateBps: 0,
          feeRateBpsPerPeriod: 0,
          downPaymentBps: 0,
          method: 'equal_installment',
        }}
        onFinish={(values) =>
          create.mutate(
            { ...values, skuId: sku.id },
            { onSuccess: modal.close, onError: (error) => void message.error(problemText(error)) },
          )
        }
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="termMonths" label={t('catalog.editor.termMonths')} rules={[{ required: true }]}>
              <Select options={OFFER_TERMS.map((n) => ({ value: n, label: n }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="method" label={t('catalog.editor.method')} rules={[{ required: true }]}>
              <Select
                options={(['equal_installment', 'equal_principal'] as const).map((m) => ({
                  value: m,
                  label: t(`catalog.editor.methods.${m}`),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="annualRateBps" label={t('catalog.editor.annualRate')} rules={[{ required: true }]}>
              <PercentInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="feeRateBpsPerPeriod" label={t('catalog.editor.feeRate')}>
              <PercentInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="downPaymentBps" label={t('catalog.editor.downPayment')}>
              <PercentInput />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </Card>
  );
}

/** A plan's term key ("7d", "12m") as its count, unit and length in days (a month counted as 30, for order). */
function parseTerm(key: string): { key: string; count: number; unit: 'day' | 'month'; days: number } {
  const count = Number.parseInt(key, 10);
  const unit = key.endsWith('m') ? 'month' : 'day';
  return { key, count, unit, days: unit === 'month' ? count * 30 : count };
}

export function ProductEditorPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const product = useProductDetail(id);
  const [skuId, setSkuId] = useState<string | undefined>();
  const data = product.data;
  const sku = data?.skus.find((s) => s.id === skuId) ?? data?.skus[0];
  if (product.error) {
    return (
      <Result
        status="404"
        title={t('catalog.editor.notFound')}
        extra={
          <Link to="/catalog">
            <Button>{t('catalog.editor.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <div className="page" data-testid="product-editor">
      <PageHeader
        title={`${i18n.language === 'en' ? data.brandName : data.brandNameZh} ${data.model}`}
        subtitle={data.id}
        extra={
          <Space>
            <StatusTag status={data.status} />
            <PublishButton product={data} />
            <Link to="/catalog">
              <Button icon={<ArrowLeftOutlined />}>{t('catalog.editor.back')}</Button>
            </Link>
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <BasicsCard product={data} />
        </Col>
        <Col xs={24} xl={10}>
          <ImagesCard product={data} />
        </Col>
      </Row>
      <SkusCard product={data} selected={sku?.id} onSelect={setSkuId} />
      {sku ? (
        <Row gutter={[16, 16]}>
          {/* Side by side only on wide screens: the offers' seven columns need the whole width at 1440 px. */}
          <Col xs={24} xxl={12}>
            <PlansCard sku={sku} />
          </Col>
          <Col xs={24} xxl={12}>
            <OffersCard sku={sku} />
          </Col>
        </Row>
      ) : (
        <Card>
          <Empty description={t('catalog.editor.selectSku')} />
        </Card>
      )}
    </div>
  );
}
