import { PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { App as AntdApp, Button, Card, Form, Input, Modal, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ProblemError } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useInstantFormatter } from '../../hooks';
import { useCan } from '../../identity-api';
import { type RiskRuleSetVersion, type RuleSetStatus, useCreateDraft, useRollBack, useRuleSets } from '../../risk-api';

export const RULE_SET_STATUS_COLORS = {
  draft: 'processing',
  published: 'success',
  retired: 'default',
} satisfies Record<RuleSetStatus, string>;

/** Every rule-set version; a new draft (a copy of the set in force); roll back. */
export function RuleSetsPage() {
  const { t } = useTranslation();
  const { message, modal } = AntdApp.useApp();
  const format = useInstantFormatter();
  const navigate = useNavigate();
  const canWrite = useCan('risk.rules_write');
  const canPublish = useCan('risk.rules_publish');
  const versions = useRuleSets();
  const rollBack = useRollBack();
  const [creating, setCreating] = useState(false);
  const fail = (error: Error) =>
    void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError'));

  const columns: TableColumnsType<RiskRuleSetVersion> = [
    {
      title: t('risk.ruleSets.columns.version'),
      dataIndex: 'version',
      width: 90,
      render: (version: number) => <Link to={`/risk/rule-sets/${version}`}>v{version}</Link>,
    },
    {
      title: t('risk.ruleSets.columns.status'),
      dataIndex: 'status',
      width: 160,
      render: (status: RuleSetStatus, row) => (
        <Space size={4}>
          <Tag color={RULE_SET_STATUS_COLORS[status]}>{t(`risk.ruleSets.statuses.${status}`)}</Tag>
          {row.shadow && <Tag color="purple">{t('risk.ruleSets.shadowTag')}</Tag>}
        </Space>
      ),
    },
    { title: t('risk.ruleSets.columns.note'), dataIndex: 'note', width: 280 },
    { title: t('risk.ruleSets.columns.editedBy'), dataIndex: 'editedBy', width: 240 },
    { title: t('risk.ruleSets.columns.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (at) => format(at) },
    {
      title: t('risk.ruleSets.columns.publishedBy'),
      dataIndex: 'publishedBy',
      width: 240,
      render: (by: string | null) => by ?? '—',
    },
    {
      title: t('risk.ruleSets.columns.publishedAt'),
      dataIndex: 'publishedAt',
      width: 170,
      render: (at: string | null) => format(at),
    },
  ];

  return (
    <div className="page" data-testid="risk-rule-sets-page">
      <PageHeader
        title={t('risk.ruleSets.title')}
        subtitle={t('risk.ruleSets.subtitle')}
        extra={
          <Space>
            {canPublish && (
              <Button
                icon={<RollbackOutlined />}
                loading={rollBack.isPending}
                onClick={() =>
                  modal.confirm({
                    title: t('risk.ruleSets.rollBackConfirm'),
                    onOk: () =>
                      rollBack.mutateAsync(undefined, {
                        onSuccess: (result) => void message.success(t('risk.ruleSets.rolledBack', result)),
                        onError: fail,
                      }),
                  })
                }
              >
                {t('risk.ruleSets.rollBack')}
              </Button>
            )}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-draft">
                {t('risk.ruleSets.newDraft')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        {versions.error && <QueryErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
        <Table<RiskRuleSetVersion>
          size="small"
          rowKey="version"
          loading={versions.isPending}
          dataSource={versions.data?.data ?? []}
          columns={columns}
          pagination={false}
          scroll={{ x: 1350 }}
          locale={{ emptyText: t('risk.ruleSets.empty') }}
          data-testid="risk-rule-sets-table"
        />
      </Card>
      {creating && (
        <NewDraftModal
          onClose={() => setCreating(false)}
          onCreated={(version) => navigate(`/risk/rule-sets/${version}`)}
          onError={fail}
        />
      )}
    </div>
  );
}

function NewDraftModal({
  onClose,
  onCreated,
  onError,
}: {
  onClose: () => void;
  onCreated: (version: number) => void;
  onError: (error: Error) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const create = useCreateDraft();
  return (
    <Modal
      open
      title={t('risk.ruleSets.newDraft')}
      okText={t('risk.ruleSets.newDraft')}
      cancelText={t('risk.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          create.mutate(
            { note: values.note.trim() },
            {
              onSuccess: (draft) => {
                void message.success(t('risk.ruleSets.created', { version: draft.version }));
                onCreated(draft.version);
              },
              onError,
            },
          )
        }
      >
        <Form.Item
          name="note"
          label={t('risk.ruleSets.draftNote')}
          rules={[{ required: true, whitespace: true, message: t('risk.ruleSets.noteRequired') }]}
        >
          <Input maxLength={300} data-testid="draft-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
