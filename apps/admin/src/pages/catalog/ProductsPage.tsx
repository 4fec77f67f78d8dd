import { PictureOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import {
  App,
  Button,
  Card,
  Form,
  Image,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ProblemError } from '../../api';
import {
  type Product,
  type ProductBody,
  type ProductStatus,
  useCreateProduct,
  useProducts,
  useSetPublished,
} from '../../catalog-api';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';

const STATUS_COLOURS: Record<ProductStatus, string> = { draft: 'default', published: 'green', unpublished: 'orange' };
const STATUSES = keysOf(STATUS_COLOURS);

export function problemText(error: unknown): string {
  if (error instanceof ProblemError) {
    const fields = error.problem.errors?.map((e) => `${e.path.replace('/body/', '')}: ${e.message}`).join('; ');
    return fields ? `${error.problem.title} — ${fields}` : (error.problem.detail ?? error.problem.title);
  }
  return error instanceof Error ? error.message : String(error);
}

export function StatusTag({ status }: { status: ProductStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`catalog.products.status.${status}`)}</Tag>;
}

export function PublishButton({ product }: { product: Product }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const setPublished = useSetPublished();
  const canWrite = useCan('catalog.write');
  const publish = product.status !== 'published';
  return (
    <Popconfirm
      title={publish ? t('catalog.products.publish') : t('catalog.products.unpublish')}
      disabled={!canWrite}
      onConfirm={() =>
        setPublished.mutate(
          { id: product.id, publish },
          {
            onSuccess: () =>
              void message.success(publish ? t('catalog.products.published') : t('catalog.products.unpublished')),
            onError: (error) => void message.error(problemText(error)),
          },
        )
      }
    >
      <Button size="small" type="link" danger={!publish} disabled={!canWrite} loading={setPublished.isPending}>
        {publish ? t('catalog.products.publish') : t('catalog.products.unpublish')}
      </Button>
    </Popconfirm>
  );
}

function CreateProductModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductBody>();
  const create = useCreateProduct();
  return (
    <Modal
      open={open}
      title={t('catalog.products.create')}
      okText={t('catalog.editor.create')}
      cancelText={t('catalog.editor.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          create.mutate(
            { ...values, series: values.series || null },
            {
              onSuccess: (product) => {
                void message.success(t('catalog.editor.created'));
                navigate(`/catalog/products/${product.id}`);
              },
              onError: (error) => void message.error(problemText(error)),
            },
          )
        }
      >
        <Form.Item
          name="brand"
          label={t('catalog.editor.brand')}
          extra={t('catalog.editor.brandHint')}
          rules={[{ required: true }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="model" label={t('catalog.editor.model')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="series" label={t('catalog.editor.series')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('catalog.editor.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ProductsPage() {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const canWrite = useCan('catalog.write');
  const [status, setStatus] = useState<ProductStatus | undefined>();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [creating, setCreating] = useState(false);
  const products = useProducts({ ...(status ? { status } : {}), ...(query ? { q: query } : {}) });
  const rows = products.data?.pages.flatMap((page) => page.data) ?? [];

  const columns: TableColumnsType<Product> = [
    {
      title: t('catalog.products.columns.image'),
      key: 'image',
      width: 72,
      render: (_, product) =>
        product.images[0] ? (
          <Image src={product.images[0].url} width={48} height={48} className="thumb" preview={false} />
        ) : (
          <div className="thumb thumb-empty">
            <PictureOutlined />
          </div>
        ),
    },
    {
      title: t('catalog.products.columns.product'),
      key: 'product',
      render: (_, product) => (
        <Link to={`/catalog/products/${product.id}`}>
          <Typography.Text strong>
            {product.brandNameZh} {product.model}
          </Typography.Text>
          {product.series && <div className="sub-text">{product.series}</div>}
        </Link>
      ),
    },
    { title: t('catalog.products.columns.brand'), dataIndex: 'brandName', width: 120 },
    {
      title: t('catalog.products.columns.status'),
      dataIndex: 'status',
      width: 110,
      render: (value: ProductStatus) => <StatusTag status={value} />,
    },
    { title: t('catalog.products.columns.popularity'), dataIndex: 'popularity', width: 100, align: 'right' },
    {
      title: t('catalog.products.columns.updatedAt'),
      dataIndex: 'updatedAt',
      width: 190,
      render: (at: string) => format(at),
    },
    {
      title: t('catalog.products.columns.actions'),
      key: 'actions',
      width: 160,
      render: (_, product) => (
        <Space size={0}>
          <Link to={`/catalog/products/${product.id}`}>
            <Button size="small" type="link">
              {t('catalog.products.edit')}
            </Button>
          </Link>
          <PublishButton product={product} />
        </Space>
      ),
    },
  ];

  return (
    <div className="page" data-testid="products-page">
      <PageHeader
        title={t('catalog.products.title')}
        subtitle={t('catalog.products.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('catalog.products.create')}
            </Button>
          )
        }
      />
      <Card>
        <Space className="table-toolbar" wrap>
          <Select
            allowClear
            placeholder={t('catalog.products.allStatuses')}
            value={status}
            onChange={setStatus}
            style={{ width: 160 }}
            options={STATUSES.map((s) => ({ value: s, label: t(`catalog.products.status.${s}`) }))}
          />
          <Input.Search
            allowClear
            value={q}
            onChange={(event) => setQ(event.target.value)}
            onSearch={(value) => setQuery(value.trim())}
            placeholder={t('catalog.products.search')}
            enterButton={<SearchOutlined />}
            style={{ width: 280 }}
          />
        </Space>
        <CursorTable
          query={products}
          rows={rows}
          columns={columns}
          size="middle"
          scrollX={960}
          empty={t('catalog.products.empty')}
          testId="products-table"
        />
      </Card>
      <CreateProductModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
