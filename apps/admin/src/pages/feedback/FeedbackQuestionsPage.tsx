import { ArrowDownOutlined, ArrowUpOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import {
  Alert,
  App as AntdApp,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import {
  type AdminQuestion,
  type QuestionKind,
  type QuestionState,
  type QuestionVersionBody,
  type QuestionVersionView,
  useCreateQuestion,
  useFeedbackQuestions,
  useOrderQuestions,
  usePublishQuestion,
  useQuestionHistory,
  useRestoreQuestion,
  useRetireQuestion,
} from '../../feedback-questions-api';
import { useInstantFormatter, useProblemToast } from '../../hooks';
import { useCan } from '../../identity-api';
import { RatingWindowSettingsCard } from './RatingWindowSettingsCard';

const KIND_COLOURS = { scale: 'blue', choice: 'purple', text: 'cyan' } satisfies Record<QuestionKind, string>;
const STATE_COLOURS = { active: 'success', retired: 'default' } satisfies Record<QuestionState, string>;
const KINDS = keysOf(KIND_COLOURS);
/** The core's rules (feedback questions.ts and limits.ts), checked here too so the form says so first. */
const TEXT_MAX = 200;
const CHOICES_MIN = 2;
const CHOICES_MAX = 10;
const ANSWER_TEXT_MAX = 1000;
const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

type Locale = 'zh-CN' | 'en';

interface ChoiceField {
  /** Kept from the version edited; a new choice gets its id when the form is saved. */
  id?: string;
  zh: string;
  en: string;
}

interface QuestionFormValues {
  key: string;
  kind: QuestionKind;
  textZh: string;
  textEn: string;
  required: boolean;
  nps: boolean;
  lowZh: string;
  lowEn: string;
  highZh: string;
  highEn: string;
  multiple: boolean;
  choices: ChoiceField[];
  maxLength: number;
}

/** The console's editor of the preset questions under the customer's feedback form. */
export function FeedbackQuestionsPage() {
  const { t, i18n } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const fail = useProblemToast('feedback.questions.problems');
  const canHandle = useCan('feedback.handle');
  const questions = useFeedbackQuestions();
  const order = useOrderQuestions();
  const retire = useRetireQuestion();
  const restore = useRestoreQuestion();
  const [editing, setEditing] = useState<AdminQuestion | 'new' | null>(null);
  const [historyKey, setHistoryKey] = useState<string | null>(null);
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const rows = questions.data?.data ?? [];
  const activeKeys = rows.filter((q) => q.state === 'active').map((q) => q.key);

  const move = (question: AdminQuestion, step: -1 | 1) => {
    const keys = [...activeKeys];
    const from = keys.indexOf(question.key);
    const to = from + step;
    const neighbour = keys[to];
    if (from < 0 || neighbour === undefined) return;
    keys[to] = question.key;
    keys[from] = neighbour;
    order.mutate(keys, { onSuccess: () => void message.success(t('feedback.questions.ordered')), onError: fail });
  };

  const columns: TableColumnsType<AdminQuestion> = [
    {
      title: t('feedback.questions.columns.order'),
      key: 'order',
      width: canHandle ? 120 : 70,
      render: (_, q) => {
        const index = activeKeys.indexOf(q.key);
        if (index < 0) return '—';
        return (
          <Space size={4}>
            <Typography.Text>{index + 1}</Typography.Text>
            {canHandle && (
              <>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  aria-label={t('feedback.questions.moveUp')}
                  title={t('feedback.questions.moveUp')}
                  disabled={index === 0 || order.isPending}
                  onClick={() => move(q, -1)}
                  data-testid={`question-up-${q.key}`}
                />
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  aria-label={t('feedback.questions.moveDown')}
                  title={t('feedback.questions.moveDown')}
                  disabled={index === activeKeys.length - 1 || order.isPending}
                  onClick={() => move(q, 1)}
                  data-testid={`question-down-${q.key}`}
                />
              </>
            )}
          </Space>
        );
      },
    },
    {
      title: t('feedback.questions.columns.question'),
      key: 'question',
      render: (_, q) => (
        <Space direction="vertical" size={0}>
          {/* The question's words as staff wrote them, in both languages: data, not interface. */}
          <Typography.Text strong data-user-content>
            {q.text[locale]}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-user-content>
            {q.text[other]}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} code>
            {q.questionId}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('feedback.questions.columns.kind'),
      key: 'kind',
      width: 160,
      render: (_, q) => (
        <Space size={4} wrap>
          <Tag color={KIND_COLOURS[q.kind]}>{t(`feedback.questions.kinds.${q.kind}`)}</Tag>
          {q.kind === 'choice' && (
            <Tag>{q.multiple ? t('feedback.questions.multiple') : t('feedback.questions.single')}</Tag>
          )}
          {q.nps && <Tag color="gold">{t('feedback.questions.npsTag')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('feedback.questions.columns.required'),
      key: 'required',
      width: 90,
      render: (_, q) =>
        q.required ? (
          <Tag color="red">{t('feedback.questions.requiredTag')}</Tag>
        ) : (
          <Typography.Text type="secondary">{t('feedback.questions.optionalTag')}</Typography.Text>
        ),
    },
    {
      title: t('feedback.questions.columns.version'),
      key: 'version',
      width: 130,
      render: (_, q) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>v{q.version}</Typography.Text>
          <Button
            size="small"
            type="link"
            style={{ padding: 0 }}
            onClick={() => setHistoryKey(q.key)}
            data-testid={`question-history-${q.key}`}
          >
            {t('feedback.questions.versionCount', { count: q.versions })}
          </Button>
        </Space>
      ),
    },
    {
      title: t('feedback.questions.columns.state'),
      dataIndex: 'state',
      width: 100,
      render: (state: QuestionState) => (
        <Tag color={STATE_COLOURS[state]}>{t(`feedback.questions.states.${state}`)}</Tag>
      ),
    },
    {
      title: t('feedback.questions.columns.published'),
      dataIndex: 'createdAt',
      width: 190,
      render: (_, q) => (
        <Space direction="vertical" size={0}>
          <Typography.Text>
            {q.createdBy === null ? t('feedback.questions.defaultVersion') : q.createdByName}
          </Typography.Text>
          {q.createdBy !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {format(q.createdAt)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    ...(canHandle
      ? [
          {
            key: 'actions',
            width: 150,
            render: (_: unknown, q: AdminQuestion) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setEditing(q)} data-testid={`question-edit-${q.key}`}>
                  {t('feedback.questions.edit')}
                </Button>
                {q.state === 'active' ? (
                  <Popconfirm
                    title={t('feedback.questions.retire')}
                    description={<div style={{ maxWidth: 280 }}>{t('feedback.questions.retireConfirm')}</div>}
                    onConfirm={() =>
                      retire.mutate(
                        { questionKey: q.key, version: q.version },
                        { onSuccess: () => void message.success(t('feedback.questions.retiredDone')), onError: fail },
                      )
                    }
                  >
                    <Button size="small" type="link" danger data-testid={`question-retire-${q.key}`}>
                      {t('feedback.questions.retire')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Popconfirm
                    title={t('feedback.questions.restore')}
                    description={t('feedback.questions.restoreConfirm')}
                    onConfirm={() =>
                      restore.mutate(
                        { questionKey: q.key, version: q.version },
                        {
                          onSuccess: () => void message.success(t('feedback.questions.restoredDone')),
                          onError: fail,
                        },
                      )
                    }
                  >
                    <Button size="small" type="link" data-testid={`question-restore-${q.key}`}>
                      {t('feedback.questions.restore')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('feedback.questions.title')}
        subtitle={t('feedback.questions.subtitle')}
        extra={
          canHandle ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="question-new">
              {t('feedback.questions.add')}
            </Button>
          ) : null
        }
      />
      {questions.error && <QueryErrorAlert error={questions.error} onRetry={() => void questions.refetch()} />}
      <Table<AdminQuestion>
        rowKey="key"
        size="middle"
        loading={questions.isPending}
        dataSource={rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('feedback.questions.empty') }}
        data-testid="question-table"
      />
      <RatingWindowSettingsCard />
      <QuestionEditor editing={editing} onClose={() => setEditing(null)} />
      <HistoryDrawer questionKey={historyKey} onClose={() => setHistoryKey(null)} />
    </>
  );
}

function toFormValues(q: AdminQuestion): QuestionFormValues {
  return {
    key: q.key,
    kind: q.kind,
    textZh: q.text['zh-CN'],
    textEn: q.text.en,
    required: q.required,
    nps: q.nps,
    lowZh: q.labels?.low['zh-CN'] ?? '',
    lowEn: q.labels?.low.en ?? '',
    highZh: q.labels?.high['zh-CN'] ?? '',
    highEn: q.labels?.high.en ?? '',
    multiple: q.multiple ?? false,
    choices: (q.choices ?? []).map((c) => ({ id: c.id, zh: c.label['zh-CN'], en: c.label.en })),
    maxLength: q.maxLength ?? 200,
  };
}

/** A new question starts as a scale with the default questions' end labels (content in both languages). */
const blankValues: Omit<QuestionFormValues, 'key'> = {
  kind: 'scale',
  textZh: '',
  textEn: '',
  required: false,
  nps: false,
  lowZh: '非常差',
  lowEn: 'Very poor',
  highZh: '非常好',
  highEn: 'Excellent',
  multiple: false,
  choices: [
    { zh: '', en: '' },
    { zh: '', en: '' },
  ],
  maxLength: 200,
};

/**
 * New choices get `opt_N` with N past every id the question has used in any version, so that an id
 * never comes back with another meaning (answers of all versions are counted by id).
 */
function withChoiceIds(
  choices: readonly ChoiceField[],
  usedIds: readonly string[],
): { id: string; zh: string; en: string }[] {
  let next =
    Math.max(
      0,
      ...[...usedIds, ...choices.flatMap((c) => (c.id ? [c.id] : []))].map((id) => {
        const match = /^opt_(\d+)$/.exec(id);
        return match ? Number(match[1]) : 0;
      }),
    ) + 1;
  return choices.map((c) => ({ id: c.id ?? `opt_${next++}`, zh: c.zh, en: c.en }));
}

function toBody(
  values: QuestionFormValues,
  kind: QuestionKind,
  usedIds: readonly string[],
): Omit<QuestionVersionBody, 'version'> {
  const text = { 'zh-CN': values.textZh, en: values.textEn };
  switch (kind) {
    case 'scale':
      return {
        text,
        required: values.required,
        nps: values.nps,
        labels: {
          low: { 'zh-CN': values.lowZh, en: values.lowEn },
          high: { 'zh-CN': values.highZh, en: values.highEn },
        },
      };
    case 'choice':
      return {
        text,
        required: values.required,
        multiple: values.multiple,
        choices: withChoiceIds(values.choices, usedIds).map((c) => ({ id: c.id, label: { 'zh-CN': c.zh, en: c.en } })),
      };
    case 'text':
      return { text, required: values.required, maxLength: values.maxLength };
  }
}

function QuestionEditor({ editing, onClose }: { editing: AdminQuestion | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const fail = useProblemToast('feedback.questions.problems');
  const create = useCreateQuestion();
  const publish = usePublishQuestion();
  const [form] = Form.useForm<QuestionFormValues>();
  const isNew = editing === 'new';
  const current = editing === 'new' ? null : editing;
  // Every choice id the question has used, so that a new choice never takes an old one's id.
  const history = useQuestionHistory(current?.kind === 'choice' ? current.key : null);
  const watchedKind = Form.useWatch('kind', form);
  const kind: QuestionKind = current?.kind ?? watchedKind ?? 'scale';
  const text = (max: number) => [
    { required: true, whitespace: true, message: t('feedback.questions.textRule') },
    { max, message: t('feedback.questions.textRule') },
  ];

  const save = (values: QuestionFormValues) => {
    const usedIds = (history.data?.versions ?? []).flatMap((v) => (v.choices ?? []).map((c) => c.id));
    const body = toBody(values, kind, usedIds);
    if (current === null) {
      create.mutate(
        { key: values.key, kind, ...body },
        {
          onSuccess: () => {
            void message.success(t('feedback.questions.created'));
            onClose();
          },
          onError: fail,
        },
      );
      return;
    }
    publish.mutate(
      { questionKey: current.key, body: { version: current.version, ...body } },
      {
        onSuccess: () => {
          void message.success(t('feedback.questions.publishedDone', { version: current.version + 1 }));
          onClose();
        },
        onError: fail,
      },
    );
  };

  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      width={640}
      title={current ? t('feedback.questions.editTitle', { key: current.key }) : t('feedback.questions.newTitle')}
      destroyOnHidden
    >
      {editing !== null && (
        <Form<QuestionFormValues>
          form={form}
          layout="vertical"
          initialValues={current ? toFormValues(current) : { key: '', ...blankValues }}
          onFinish={save}
          data-testid="question-form"
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={
              current
                ? t('feedback.questions.publishNotice', { next: current.version + 1, current: current.version })
                : t('feedback.questions.newNotice')
            }
          />
          {current?.state === 'retired' && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('feedback.questions.retiredNotice')} />
          )}
          <Space style={{ width: '100%' }} align="start">
            <Form.Item
              name="key"
              label={t('feedback.questions.key')}
              extra={isNew ? t('feedback.questions.keyHelp') : undefined}
              rules={isNew ? [{ required: true, pattern: KEY_PATTERN, message: t('feedback.questions.keyRule') }] : []}
              style={{ width: 300 }}
            >
              <Input disabled={!isNew} maxLength={40} data-testid="question-key" />
            </Form.Item>
            <Form.Item
              name="kind"
              label={t('feedback.questions.kind')}
              extra={isNew ? undefined : t('feedback.questions.kindFixed')}
              style={{ width: 260 }}
            >
              <Select<QuestionKind>
                disabled={!isNew}
                options={KINDS.map((k) => ({ value: k, label: t(`feedback.questions.kinds.${k}`) }))}
                data-testid="question-kind"
              />
            </Form.Item>
          </Space>
          <Form.Item name="textZh" label={t('feedback.questions.textZh')} rules={text(TEXT_MAX)}>
            <Input maxLength={TEXT_MAX} showCount data-testid="question-text-zh" />
          </Form.Item>
          <Form.Item name="textEn" label={t('feedback.questions.textEn')} rules={text(TEXT_MAX)}>
            <Input maxLength={TEXT_MAX} showCount data-testid="question-text-en" />
          </Form.Item>
          <Form.Item
            name="required"
            label={t('feedback.questions.required')}
            extra={t('feedback.questions.requiredHelp')}
            valuePropName="checked"
          >
            <Switch data-testid="question-required" />
          </Form.Item>
          {kind === 'scale' && (
            <>
              <Form.Item
                name="nps"
                label={t('feedback.questions.nps')}
                extra={t('feedback.questions.npsHelp')}
                valuePropName="checked"
              >
                <Switch data-testid="question-nps" />
              </Form.Item>
              <Space style={{ width: '100%' }} align="start" wrap>
                <Form.Item name="lowZh" label={t('feedback.questions.lowZh')} rules={text(TEXT_MAX)}>
                  <Input maxLength={TEXT_MAX} />
                </Form.Item>
                <Form.Item name="lowEn" label={t('feedback.questions.lowEn')} rules={text(TEXT_MAX)}>
                  <Input maxLength={TEXT_MAX} />
                </Form.Item>
                <Form.Item name="highZh" label={t('feedback.questions.highZh')} rules={text(TEXT_MAX)}>
                  <Input maxLength={TEXT_MAX} />
                </Form.Item>
                <Form.Item name="highEn" label={t('feedback.questions.highEn')} rules={text(TEXT_MAX)}>
                  <Input maxLength={TEXT_MAX} />
                </Form.Item>
              </Space>
            </>
          )}
          {kind === 'choice' && (
            <>
              <Form.Item name="multiple" label={t('feedback.questions.multipleLabel')} valuePropName="checked">
                <Switch data-testid="question-multiple" />
              </Form.Item>
              <Typography.Text strong>{t('feedback.questions.choices')}</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                {t('feedback.questions.choicesHelp')}
              </Typography.Paragraph>
              <Form.List
                name="choices"
                rules={[
                  {
                    validator: async (_, choices: ChoiceField[] | undefined) => {
                      const n = choices?.length ?? 0;
                      if (n < CHOICES_MIN || n > CHOICES_MAX) throw new Error(t('feedback.questions.choicesRule'));
                    },
                  },
                ]}
              >
                {(fields, { add, remove }, { errors }) => (
                  <>
                    {fields.map((field) => (
                      <Space key={field.key} align="start" style={{ display: 'flex' }}>
                        <Form.Item name={[field.name, 'id']} hidden>
                          <Input />
                        </Form.Item>
                        <Form.Item shouldUpdate noStyle>
                          {() => (
                            <Tag style={{ marginTop: 5, minWidth: 56, textAlign: 'center' }}>
                              {form.getFieldValue(['choices', field.name, 'id']) ?? t('feedback.questions.newChoice')}
                            </Tag>
                          )}
                        </Form.Item>
                        <Form.Item name={[field.name, 'zh']} rules={text(TEXT_MAX)}>
                          <Input placeholder={t('feedback.questions.choiceZh')} maxLength={TEXT_MAX} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'en']} rules={text(TEXT_MAX)}>
                          <Input placeholder={t('feedback.questions.choiceEn')} maxLength={TEXT_MAX} />
                        </Form.Item>
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined />}
                          aria-label={t('feedback.questions.removeChoice')}
                          title={t('feedback.questions.removeChoice')}
                          onClick={() => remove(field.name)}
                        />
                      </Space>
                    ))}
                    <Form.Item>
                      <Button
                        type="dashed"
                        icon={<PlusOutlined />}
                        disabled={fields.length >= CHOICES_MAX}
                        onClick={() => add({ zh: '', en: '' })}
                        data-testid="question-add-choice"
                      >
                        {t('feedback.questions.addChoice')}
                      </Button>
                      <Form.ErrorList errors={errors} />
                    </Form.Item>
                  </>
                )}
              </Form.List>
            </>
          )}
          {kind === 'text' && (
            <Form.Item name="maxLength" label={t('feedback.questions.maxLength')} rules={[{ required: true }]}>
              <InputNumber min={1} max={ANSWER_TEXT_MAX} precision={0} />
            </Form.Item>
          )}
          <Space>
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending || publish.isPending}
              disabled={current?.kind === 'choice' && history.isPending}
              data-testid="question-save"
            >
              {current
                ? t('feedback.questions.publish', { next: current.version + 1 })
                : t('feedback.questions.create')}
            </Button>
            <Button onClick={onClose}>{t('feedback.questions.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Drawer>
  );
}

function HistoryDrawer({ questionKey, onClose }: { questionKey: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const format = useInstantFormatter();
  const history = useQuestionHistory(questionKey);
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  const versions = history.data?.versions ?? [];
  return (
    <Drawer
      open={questionKey !== null}
      onClose={onClose}
      width={560}
      title={t('feedback.questions.historyTitle', { key: questionKey ?? '' })}
      destroyOnHidden
    >
      {history.error && <QueryErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      <List<QuestionVersionView>
        loading={history.isPending && questionKey !== null}
        dataSource={versions}
        data-testid="question-history"
        renderItem={(v) => (
          <List.Item>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space size={4} wrap>
                <Tag color={v.supersededAt === null ? 'processing' : 'default'}>v{v.version}</Tag>
                {v.supersededAt === null && <Tag color="success">{t('feedback.questions.currentVersion')}</Tag>}
                <Tag color={KIND_COLOURS[v.kind]}>{t(`feedback.questions.kinds.${v.kind}`)}</Tag>
                {v.nps && <Tag color="gold">{t('feedback.questions.npsTag')}</Tag>}
                {v.required && <Tag color="red">{t('feedback.questions.requiredTag')}</Tag>}
              </Space>
              <Typography.Text strong data-user-content>
                {v.text[locale]}
              </Typography.Text>
              <Typography.Text type="secondary" data-user-content>
                {v.text[other]}
              </Typography.Text>
              {v.labels && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('feedback.questions.labelsLine', { low: v.labels.low[locale], high: v.labels.high[locale] })}
                </Typography.Text>
              )}
              {v.choices && (
                <Space size={4} wrap>
                  {v.choices.map((c) => (
                    <Tag key={c.id}>
                      {c.id} · {c.label[locale]}
                    </Tag>
                  ))}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v.multiple ? t('feedback.questions.multiple') : t('feedback.questions.single')}
                  </Typography.Text>
                </Space>
              )}
              {v.maxLength !== undefined && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('feedback.questions.maxLengthLine', { count: v.maxLength })}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {v.createdBy === null
                  ? t('feedback.questions.defaultVersion')
                  : t('feedback.questions.publishedBy', {
                      name: v.createdByName ?? v.createdBy,
                      when: format(v.createdAt),
                    })}
                {v.supersededAt !== null &&
                  ` · ${t('feedback.questions.supersededAt', { when: format(v.supersededAt) })}`}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Drawer>
  );
}
