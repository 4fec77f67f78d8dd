import { PlusOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import {
  App as AntdApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemError } from '../../api';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { SearchActions } from '../../components/SearchActions';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import {
  type ListKind,
  type ListName,
  type ListQuery,
  type RiskListEntry,
  useAddListEntry,
  useListEntries,
  useRemoveListEntry,
} from '../../risk-api';

type Filters = Omit<ListQuery, 'limit' | 'cursor'>;
const LIST_COLORS = { blacklist: 'error', allowlist: 'success' } satisfies Record<ListName, string>;
const LISTS = keysOf(LIST_COLORS);
const KINDS = keysOf<ListKind>({ id_number: true, phone: true, device: true, address: true, ip_cidr: true });

interface FilterValues {
  list?: ListName | 'all';
  kind?: ListKind | 'all';
}

/** Blacklists and allowlists: add with a reason, remove with a reason. */
export function ListsPage() {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const canWrite = useCan('risk.rules_write');
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const entries = useListEntries(filters);
  const rows = entries.data?.pages.flatMap((page) => page.data) ?? [];
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<RiskListEntry | null>(null);
  const fail = (error: Error) =>
    void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError'));
  const mono = (text: string) => <Typography.Text className="mono-cell">{text}</Typography.Text>;

  const columns: TableColumnsType<RiskListEntry> = [
    { title: t('risk.lists.columns.createdAt'), dataIndex: 'createdAt', width: 170, render: (at) => format(at) },
    {
      title: t('risk.lists.columns.list'),
      dataIndex: 'list',
      width: 100,
      render: (list: ListName) => <Tag color={LIST_COLORS[list]}>{t(`risk.lists.names.${list}`)}</Tag>,
    },
    {
      title: t('risk.lists.columns.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: ListKind) => t(`risk.lists.kinds.${kind}`),
    },
    { title: t('risk.lists.columns.display'), dataIndex: 'display', width: 220, render: mono },
    { title: t('risk.lists.columns.reason'), dataIndex: 'reason', width: 280 },
    { title: t('risk.lists.columns.addedBy'), dataIndex: 'addedBy', width: 240, render: mono },
    {
      title: t('risk.lists.columns.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, row) =>
        canWrite ? (
          <Button size="small" type="link" danger onClick={() => setRemoving(row)}>
            {t('risk.lists.remove')}
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="page" data-testid="risk-lists-page">
      <PageHeader
        title={t('risk.lists.title')}
        subtitle={t('risk.lists.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="list-add">
              {t('risk.lists.add')}
            </Button>
          )
        }
      />
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="search-form"
          initialValues={{ list: 'all', kind: 'all' }}
          onFinish={(values) => {
            const next: Filters = {};
            if (values.list && values.list !== 'all') next.list = values.list;
            if (values.kind && values.kind !== 'all') next.kind = values.kind;
            setFilters(next);
          }}
        >
          <Form.Item name="list" label={t('risk.lists.list')}>
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'all', label: t('risk.all') },
                ...LISTS.map((list) => ({ value: list, label: t(`risk.lists.names.${list}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('risk.lists.kind')}>
            <Select
              style={{ width: 140 }}
              options={[
                { value: 'all', label: t('risk.all') },
                ...KINDS.map((kind) => ({ value: kind, label: t(`risk.lists.kinds.${kind}`) })),
              ]}
            />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({})} />
        </Form>
      </Card>
      <Card>
        <CursorTable
          query={entries}
          rows={rows}
          columns={columns}
          scrollX={1300}
          empty={t('risk.lists.empty')}
          testId="risk-lists-table"
        />
      </Card>
      {adding && <AddModal onClose={() => setAdding(false)} onError={fail} />}
      {removing && <RemoveModal entry={removing} onClose={() => setRemoving(null)} onError={fail} />}
    </div>
  );
}

function AddModal({ onClose, onError }: { onClose: () => void; onError: (error: Error) => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<{ list: ListName; kind: ListKind; value: string; reason: string }>();
  const add = useAddListEntry();
  return (
    <Modal
      open
      title={t('risk.lists.addTitle')}
      okText={t('risk.lists.add')}
      cancelText={t('risk.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ list: 'blacklist', kind: 'device' }}
        onFinish={(values) =>
          add.mutate(
            { ...values, value: values.value.trim(), reason: values.reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('risk.lists.added'));
                onClose();
              },
              onError,
            },
          )
        }
      >
        <Form.Item name="list" label={t('risk.lists.list')}>
          <Radio.Group options={LISTS.map((list) => ({ value: list, label: t(`risk.lists.names.${list}`) }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('risk.lists.kind')}>
          <Select options={KINDS.map((kind) => ({ value: kind, label: t(`risk.lists.kinds.${kind}`) }))} />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('risk.lists.value')}
          rules={[{ required: true, whitespace: true, message: t('risk.lists.valueRequired') }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('risk.lists.reason')}
          rules={[{ required: true, whitespace: true, message: t('risk.lists.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RemoveModal({
  entry,
  onClose,
  onError,
}: {
  entry: RiskListEntry;
  onClose: () => void;
  onError: (error: Error) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const remove = useRemoveListEntry();
  return (
    <Modal
      open
      title={t('risk.lists.removeTitle', { display: entry.display })}
      okText={t('risk.lists.remove')}
      okButtonProps={{ danger: true }}
      cancelText={t('risk.cancel')}
      confirmLoading={remove.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          remove.mutate(
            { id: entry.id, reason: values.reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('risk.lists.removed'));
                onClose();
              },
              onError,
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('risk.lists.reason')}
          rules={[{ required: true, whitespace: true, message: t('risk.lists.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
