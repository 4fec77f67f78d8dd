import { ArrowLeftOutlined, DeleteOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { keysOf } from '@zulin/web';
import {
  Alert,
  App as AntdApp,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Dropdown,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ProblemError } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import {
  type ClassificationRule,
  type FactName,
  type FactRule,
  type RuleCategory,
  type RuleSet,
  type RuleSetVersion,
  type RuleSuggestion,
  type TermRule,
  type Trial,
  useFeedbackRules,
  usePublishRules,
  useRuleSuggestions,
  useTryRules,
} from '../../feedback-rules-api';
import { useInstantFormatter, useProblemToast } from '../../hooks';
import { useCan } from '../../identity-api';

/** The categories in the queue's order, with the queue's colours. */
const CATEGORY_COLOURS = {
  device: 'volcano',
  logistics: 'blue',
  billing: 'gold',
  service: 'purple',
  app: 'cyan',
} satisfies Record<RuleCategory, string>;
const CATEGORIES = keysOf(CATEGORY_COLOURS);
/**
 * The order's facts a rule can test (feedback classify/rules.ts `orderFactNames`): the yes/no ones
 * with `is_true`, the counts and amounts with `at_least` from the threshold given here.
 */
const FACTS = {
  faultReportedDuringRental: null,
  deliveryLateDays: 1,
  shipmentException: null,
  paymentIssues: 1,
  inspectionChargedMinor: 1,
  sentFromErrorScreen: null,
  ticketsReopened: 1,
} satisfies Record<FactName, number | null>;
/** The core's bounds (feedback classify/rules.ts and limits.ts), checked here too so the form says so first. */
const WEIGHT_MAX = 100;
const TERM_LENGTH_MAX = 40;
const NOTE_MAX = 500;
const TRIAL_TEXT_MAX = 2000;

interface Draft {
  /** The version the draft was edited from: the publication names it. */
  baseVersion: string;
  rules: ClassificationRule[];
  confidentScore: number;
  tieOrder: RuleCategory[];
}

const draftOf = (set: RuleSet): Draft => ({
  baseVersion: set.version,
  rules: set.rules.map((r) => (r.kind === 'terms' ? { ...r, terms: [...r.terms] } : { ...r })),
  confidentScore: set.confidentScore,
  tieOrder: [...set.tieOrder],
});

const contentOf = (d: Pick<Draft, 'rules' | 'confidentScore' | 'tieOrder'>) =>
  JSON.stringify({
    rules: d.rules.map((r) =>
      r.kind === 'terms'
        ? [r.id, r.kind, r.category, r.weight, r.terms]
        : [r.id, r.kind, r.category, r.weight, r.when.fact, r.when.op, 'value' in r.when ? r.when.value : null],
    ),
    confidentScore: d.confidentScore,
    tieOrder: d.tieOrder,
  });

interface FieldProblem {
  path: string;
  message: string;
}

/** The field problems of a FEEDBACK_RULES_INVALID answer. */
function fieldProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof ProblemError)) return [];
  const errors = (error.problem as { errors?: unknown }).errors;
  return Array.isArray(errors) ? (errors as FieldProblem[]) : [];
}

/** The console's editor of the classification rules: edit a draft, try it, apply suggestions, publish. */
export function FeedbackRulesPage() {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const fail = useProblemToast('feedback.rules.problems');
  const canHandle = useCan('feedback.handle');
  const rules = useFeedbackRules();
  const publish = usePublishRules();
  const current = rules.data?.current;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [publishing, setPublishing] = useState(false);
  const [note, setNote] = useState('');
  const [historyOpen, setHistoryOpen] = useState(false);

  // The draft starts as the current version, and follows it while nothing was changed.
  useEffect(() => {
    if (current === undefined) return;
    setDraft((d) => (d === null || contentOf(d) === contentOf(draftOf(current)) ? draftOf(current) : d));
  }, [current]);

  const changed = current !== undefined && draft !== null && contentOf(draft) !== contentOf(current);
  const update = (change: (d: Draft) => Draft) => setDraft((d) => (d === null ? d : change(d)));
  const setRule = (id: string, change: (r: ClassificationRule) => ClassificationRule) =>
    update((d) => ({ ...d, rules: d.rules.map((r) => (r.id === id ? change(r) : r)) }));

  /** A new rule of the category: a word rule, or a rule on one of the order's facts. */
  const addRule = (category: RuleCategory, fact?: FactName) =>
    update((d) => {
      const ids = new Set(d.rules.map((r) => r.id));
      const stem = fact === undefined ? `${category}_custom` : `${category}_fact`;
      let n = 1;
      while (ids.has(`${stem}_${n}`)) n += 1;
      const id = `${stem}_${n}`;
      if (fact === undefined) {
        const rule: TermRule = { id, kind: 'terms', category, weight: 3, terms: [] };
        return { ...d, rules: [...d.rules, rule] };
      }
      const threshold = FACTS[fact];
      const rule: FactRule = {
        id,
        kind: 'fact',
        category,
        weight: 3,
        when: threshold === null ? { fact, op: 'is_true' } : { fact, op: 'at_least', value: threshold },
      };
      return { ...d, rules: [...d.rules, rule] };
    });

  /** The tie order: the category moved one place earlier (it then wins a tie against the one it passed). */
  const moveEarlier = (category: RuleCategory) =>
    update((d) => {
      const at = d.tieOrder.indexOf(category);
      if (at <= 0) return d;
      const order = [...d.tieOrder];
      [order[at - 1], order[at]] = [category, order[at - 1] as RuleCategory];
      return { ...d, tieOrder: order };
    });

  /** A suggested term goes to the category's strongest word rule (the first of the highest weight). */
  const applySuggestion = (s: RuleSuggestion) => {
    if (draft === null || s.term === undefined) return;
    const term = s.term;
    const target = draft.rules
      .filter((r): r is TermRule => r.kind === 'terms' && r.category === s.category)
      .sort((a, b) => b.weight - a.weight)[0];
    if (target === undefined) {
      void message.warning(t('feedback.rules.noTermRule'));
      return;
    }
    setRule(target.id, (r) => (r.kind === 'terms' ? { ...r, terms: [...r.terms, term] } : r));
    void message.success(t('feedback.rules.appliedDone', { term, rule: target.id }));
  };

  const doPublish = () => {
    if (draft === null) return;
    publish.mutate(
      {
        expectedVersion: draft.baseVersion,
        rules: draft.rules,
        confidentScore: draft.confidentScore,
        tieOrder: draft.tieOrder,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: (published) => {
          void message.success(t('feedback.rules.published', { version: published.version }));
          setDraft(draftOf(published));
          setProblems([]);
          setPublishing(false);
          setNote('');
        },
        onError: (error) => {
          setProblems(fieldProblems(error));
          fail(error);
          // Another version came first: the edits stay, now based on the version just published
          // (the message asks to check the draft before publishing again).
          if (error instanceof ProblemError && error.problem.code === 'FEEDBACK_RULES_VERSION_STALE') {
            setPublishing(false);
            void rules.refetch().then((reloaded) => {
              const version = reloaded.data?.current.version;
              if (version !== undefined) setDraft((d) => (d === null ? d : { ...d, baseVersion: version }));
            });
          }
        },
      },
    );
  };

  const problemText = (p: FieldProblem) => {
    const index = /^\/rules\/(\d+)/.exec(p.path);
    const rule = index ? draft?.rules[Number(index[1])] : undefined;
    return `${rule ? rule.id : p.path}${rule ? p.path.replace(/^\/rules\/\d+/, '') : ''}: ${p.message}`;
  };

  return (
    <>
      <PageHeader
        title={t('feedback.rules.title')}
        subtitle={t('feedback.rules.subtitle')}
        extra={
          <Space>
            {current && (
              <Tag color="processing" data-testid="rules-version">
                {t('feedback.rules.version', { version: current.version })}
              </Tag>
            )}
            <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)} data-testid="rules-history-open">
              {t('feedback.rules.history')}
            </Button>
          </Space>
        }
      />
      {rules.error && <QueryErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />}
      {current && draft && (
        <>
          <Alert
            type={changed ? 'warning' : 'info'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="rules-draft-state"
            title={
              changed
                ? t('feedback.rules.draftChanged', { version: draft.baseVersion })
                : t('feedback.rules.draftClean')
            }
            description={
              current.publishedBy === null
                ? t('feedback.rules.defaultVersion')
                : t('feedback.rules.publishedBy', {
                    name: current.publishedByName ?? current.publishedBy,
                    when: format(current.publishedAt),
                  })
            }
            action={
              canHandle ? (
                <Space>
                  <Button disabled={!changed} onClick={() => setDraft(draftOf(current))} data-testid="rules-reset">
                    {t('feedback.rules.reset')}
                  </Button>
                  <Button
                    type="primary"
                    disabled={!changed}
                    onClick={() => setPublishing(true)}
                    data-testid="rules-publish-open"
                  >
                    {t('feedback.rules.publish')}
                  </Button>
                </Space>
              ) : undefined
            }
          />
          {problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              closable
              onClose={() => setProblems([])}
              style={{ marginBottom: 16 }}
              title={t('feedback.rules.invalid')}
              description={
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {problems.map((p) => (
                    <li key={`${p.path}:${p.message}`}>{problemText(p)}</li>
                  ))}
                </ul>
              }
              data-testid="rules-problems"
            />
          )}
          <Row gutter={16}>
            <Col xs={24} xl={15}>
              <Card size="small" style={{ marginBottom: 16 }}>
                <Space wrap size="large">
                  <Space>
                    <Typography.Text>{t('feedback.rules.confidentScore')}</Typography.Text>
                    <InputNumber
                      min={1}
                      max={WEIGHT_MAX}
                      precision={0}
                      value={draft.confidentScore}
                      disabled={!canHandle}
                      onChange={(v) => v !== null && update((d) => ({ ...d, confidentScore: v }))}
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('feedback.rules.confidentScoreHelp')}
                    </Typography.Text>
                  </Space>
                  <Space size={4} wrap data-testid="rules-tie-order">
                    <Typography.Text type="secondary">{t('feedback.rules.tieOrderLabel')}</Typography.Text>
                    {draft.tieOrder.map((c, index) => (
                      <Space key={c} size={2}>
                        {index > 0 && <Typography.Text type="secondary">&gt;</Typography.Text>}
                        <Tag color={CATEGORY_COLOURS[c]} style={{ marginInlineEnd: 0 }}>
                          {t(`feedback.categories.${c}`)}
                        </Tag>
                        {canHandle && index > 0 && (
                          <Button
                            size="small"
                            type="text"
                            icon={<ArrowLeftOutlined />}
                            aria-label={t('feedback.rules.tieEarlier', { category: t(`feedback.categories.${c}`) })}
                            title={t('feedback.rules.tieEarlier', { category: t(`feedback.categories.${c}`) })}
                            onClick={() => moveEarlier(c)}
                            data-testid={`rules-tie-earlier-${c}`}
                          />
                        )}
                      </Space>
                    ))}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('feedback.rules.tieOrderHelp')}
                    </Typography.Text>
                  </Space>
                </Space>
              </Card>
              {CATEGORIES.map((category) => (
                <CategoryCard
                  key={category}
                  category={category}
                  rules={draft.rules.filter((r) => r.category === category)}
                  editable={canHandle}
                  onChange={setRule}
                  onRemove={(id) => update((d) => ({ ...d, rules: d.rules.filter((r) => r.id !== id) }))}
                  onAdd={(fact) => addRule(category, fact)}
                />
              ))}
            </Col>
            <Col xs={24} xl={9}>
              <TrialCard draft={draft} />
              <SuggestionsCard draft={draft} editable={canHandle} onApply={applySuggestion} />
            </Col>
          </Row>
        </>
      )}
      <Modal
        open={publishing}
        title={t('feedback.rules.publishTitle')}
        onCancel={() => setPublishing(false)}
        onOk={doPublish}
        okText={t('feedback.rules.publish')}
        cancelText={t('feedback.rules.cancel')}
        confirmLoading={publish.isPending}
        okButtonProps={{ 'data-testid': 'rules-publish' }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('feedback.rules.publishNotice')}</Typography.Paragraph>
        <Typography.Text strong>{t('feedback.rules.note')}</Typography.Text>
        <Input.TextArea
          rows={3}
          maxLength={NOTE_MAX}
          showCount
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('feedback.rules.notePlaceholder')}
          data-testid="rules-note"
        />
      </Modal>
      <HistoryDrawer open={historyOpen} versions={rules.data?.versions ?? []} onClose={() => setHistoryOpen(false)} />
    </>
  );
}

function CategoryCard({
  category,
  rules,
  editable,
  onChange,
  onRemove,
  onAdd,
}: {
  category: RuleCategory;
  rules: ClassificationRule[];
  editable: boolean;
  onChange: (id: string, change: (r: ClassificationRule) => ClassificationRule) => void;
  onRemove: (id: string) => void;
  onAdd: (fact?: FactName) => void;
}) {
  const { t } = useTranslation();
  // A fact's sentence without its threshold: "支付失败 ≥ … 次".
  const factLabel = (fact: FactName) =>
    FACTS[fact] === null ? t(`feedback.rules.facts.${fact}`) : t(`feedback.rules.facts.${fact}`, { value: '…' });
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={<Tag color={CATEGORY_COLOURS[category]}>{t(`feedback.categories.${category}`)}</Tag>}
      extra={
        editable ? (
          <Space size={4}>
            <Button size="small" icon={<PlusOutlined />} onClick={() => onAdd()} data-testid={`rules-add-${category}`}>
              {t('feedback.rules.addRule')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: keysOf(FACTS).map((fact) => ({
                  key: fact,
                  label: <span data-testid={`rules-add-fact-${category}-${fact}`}>{factLabel(fact)}</span>,
                })),
                onClick: ({ key }) => onAdd(key as FactName),
              }}
            >
              <Button size="small" icon={<PlusOutlined />} data-testid={`rules-add-fact-${category}`}>
                {t('feedback.rules.addFactRule')}
              </Button>
            </Dropdown>
          </Space>
        ) : null
      }
      data-testid={`rules-category-${category}`}
    >
      {rules.length === 0 && <Typography.Text type="secondary">{t('feedback.rules.noRules')}</Typography.Text>}
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        {rules.map((rule) => (
          <div key={rule.id} data-testid={`rule-${rule.id}`}>
            <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
              <Space wrap>
                <Typography.Text code>{rule.id}</Typography.Text>
                <Tag>{rule.kind === 'terms' ? t('feedback.rules.termRule') : t('feedback.rules.factRule')}</Tag>
                <Typography.Text type="secondary">{t('feedback.rules.weight')}</Typography.Text>
                <InputNumber
                  size="small"
                  min={1}
                  max={WEIGHT_MAX}
                  precision={0}
                  value={rule.weight}
                  disabled={!editable}
                  onChange={(v) => v !== null && onChange(rule.id, (r) => ({ ...r, weight: v }))}
                  data-testid={`rule-weight-${rule.id}`}
                />
                {rule.kind === 'fact' && <FactCondition rule={rule} editable={editable} onChange={onChange} />}
              </Space>
              {editable && (
                <Popconfirm
                  title={t('feedback.rules.removeRule')}
                  description={t('feedback.rules.removeConfirm', { id: rule.id })}
                  onConfirm={() => onRemove(rule.id)}
                >
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('feedback.rules.removeRule')}
                    title={t('feedback.rules.removeRule')}
                    data-testid={`rule-remove-${rule.id}`}
                  />
                </Popconfirm>
              )}
            </Space>
            {rule.kind === 'terms' && (
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                style={{ width: '100%', marginTop: 6 }}
                value={[...rule.terms]}
                disabled={!editable}
                placeholder={t('feedback.rules.termsPlaceholder')}
                tokenSeparators={[',', '，', '、']}
                maxTagTextLength={TERM_LENGTH_MAX}
                onChange={(terms: string[]) =>
                  onChange(rule.id, (r) =>
                    r.kind === 'terms'
                      ? { ...r, terms: [...new Set(terms.map((x) => x.trim()).filter((x) => x !== ''))] }
                      : r,
                  )
                }
                data-testid={`rule-terms-${rule.id}`}
                data-user-content
              />
            )}
          </div>
        ))}
      </Space>
      {editable && rules.some((r) => r.kind === 'terms') && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          {t('feedback.rules.termsHelp')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** A fact rule's condition in words; the threshold of a count or an amount can be changed. */
function FactCondition({
  rule,
  editable,
  onChange,
}: {
  rule: FactRule;
  editable: boolean;
  onChange: (id: string, change: (r: ClassificationRule) => ClassificationRule) => void;
}) {
  const { t } = useTranslation();
  const when = rule.when;
  if (when.op === 'is_true') return <Typography.Text>{t(`feedback.rules.facts.${when.fact}`)}</Typography.Text>;
  if (!editable)
    return <Typography.Text>{t(`feedback.rules.facts.${when.fact}`, { value: when.value })}</Typography.Text>;
  // The threshold's input stands where the sentence names the value (≥ [1] 天).
  const [before = '', after = ''] = t(`feedback.rules.facts.${when.fact}`, { value: '\u0000' }).split('\u0000');
  return (
    <Space size={4}>
      <Typography.Text>{before.trim()}</Typography.Text>
      <InputNumber
        size="small"
        min={0}
        precision={0}
        style={{ width: 72 }}
        value={when.value}
        onChange={(v) =>
          v !== null &&
          onChange(rule.id, (r) =>
            r.kind === 'fact' && r.when.op === 'at_least' ? { ...r, when: { ...r.when, value: v } } : r,
          )
        }
        data-testid={`rule-value-${rule.id}`}
      />
      <Typography.Text>{after.trim()}</Typography.Text>
    </Space>
  );
}

function TrialCard({ draft }: { draft: Draft }) {
  const { t } = useTranslation();
  const fail = useProblemToast('feedback.rules.problems');
  const trial = useTryRules();
  const [text, setText] = useState('');
  const [result, setResult] = useState<Trial | null>(null);
  const run = () =>
    trial.mutate(
      { rules: draft.rules, confidentScore: draft.confidentScore, tieOrder: draft.tieOrder, text },
      { onSuccess: setResult, onError: fail },
    );
  return (
    <Card size="small" title={t('feedback.rules.trial')} style={{ marginBottom: 16 }} data-testid="rules-trial">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('feedback.rules.trialHelp')}
      </Typography.Paragraph>
      <Input.TextArea
        rows={3}
        maxLength={TRIAL_TEXT_MAX}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t('feedback.rules.trialPlaceholder')}
        data-testid="rules-trial-text"
      />
      <Button
        style={{ marginTop: 8 }}
        onClick={run}
        loading={trial.isPending}
        disabled={text.trim() === ''}
        data-testid="rules-trial-run"
      >
        {t('feedback.rules.trialRun')}
      </Button>
      {result && (
        <div style={{ marginTop: 12 }} data-testid="rules-trial-result">
          {result.category === null ? (
            <Alert type="info" showIcon title={t('feedback.rules.trialNone')} />
          ) : (
            <Alert
              type="success"
              showIcon
              title={t('feedback.rules.trialResult', {
                category: t(`feedback.categories.${result.category}`),
                pct: result.confidencePct,
              })}
            />
          )}
          <Space direction="vertical" size={4} style={{ marginTop: 8, width: '100%' }}>
            {result.matched.map((m) => (
              <Space key={m.ruleId} wrap size={4}>
                <Typography.Text>
                  {t('feedback.rules.trialMatched', {
                    rule: m.ruleId,
                    category: t(`feedback.categories.${m.category}`),
                    score: m.score,
                  })}
                </Typography.Text>
                {m.terms.map((term) => (
                  <Tag key={term} data-user-content>
                    {term}
                  </Tag>
                ))}
              </Space>
            ))}
            <Descriptions size="small" column={5} title={t('feedback.rules.scores')} layout="vertical" bordered>
              {CATEGORIES.map((c) => (
                <Descriptions.Item key={c} label={t(`feedback.categories.${c}`)}>
                  {result.scores[c]}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Space>
        </div>
      )}
    </Card>
  );
}

function SuggestionsCard({
  draft,
  editable,
  onApply,
}: {
  draft: Draft;
  editable: boolean;
  onApply: (s: RuleSuggestion) => void;
}) {
  const { t } = useTranslation();
  const suggestions = useRuleSuggestions();
  const canReadQueue = useCan('feedback.read');
  const inDraft = (s: RuleSuggestion) =>
    draft.rules.some((r) => r.kind === 'terms' && r.category === s.category && r.terms.includes(s.term ?? ''));
  return (
    <Card size="small" title={t('feedback.rules.suggestions')} data-testid="rules-suggestions">
      {suggestions.error && <QueryErrorAlert error={suggestions.error} onRetry={() => void suggestions.refetch()} />}
      {suggestions.data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('feedback.rules.suggestionsHelp', {
            count: suggestions.data.correctionsRead,
            min: suggestions.data.minCorrections,
          })}
        </Typography.Paragraph>
      )}
      <List<RuleSuggestion>
        size="small"
        loading={suggestions.isPending}
        dataSource={suggestions.data?.data ?? []}
        locale={{ emptyText: t('feedback.rules.suggestionsEmpty') }}
        renderItem={(s) => {
          const category = t(`feedback.categories.${s.category}`);
          return (
            <List.Item
              data-testid={`rules-suggestion-${s.kind === 'add_term' ? `${s.category}-${s.term}` : s.ruleId}`}
              actions={
                s.kind === 'add_term' && editable
                  ? [
                      inDraft(s) ? (
                        <Typography.Text key="in" type="success">
                          {t('feedback.rules.applied')}
                        </Typography.Text>
                      ) : (
                        <Button key="apply" size="small" type="link" onClick={() => onApply(s)}>
                          {t('feedback.rules.apply')}
                        </Button>
                      ),
                    ]
                  : []
              }
            >
              <Space direction="vertical" size={2}>
                <Typography.Text>
                  {s.kind === 'add_term'
                    ? t('feedback.rules.addTerm', { term: s.term, category })
                    : t('feedback.rules.reviewRule', { rule: s.ruleId, category })}
                </Typography.Text>
                <Space size={4} wrap>
                  <Tag>{t('feedback.rules.backedBy', { count: s.corrections })}</Tag>
                  {s.feedbackIds.map((id) =>
                    canReadQueue ? (
                      <Link
                        key={id}
                        to={`/feedback?open=${encodeURIComponent(id)}`}
                        title={t('feedback.rules.openFeedback')}
                      >
                        <Typography.Text code style={{ fontSize: 11 }}>
                          {id}
                        </Typography.Text>
                      </Link>
                    ) : (
                      <Typography.Text key={id} code style={{ fontSize: 11 }}>
                        {id}
                      </Typography.Text>
                    ),
                  )}
                </Space>
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}

function HistoryDrawer({
  open,
  versions,
  onClose,
}: {
  open: boolean;
  versions: readonly RuleSetVersion[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  return (
    <Drawer open={open} onClose={onClose} width={520} title={t('feedback.rules.historyTitle')} destroyOnHidden>
      <List<RuleSetVersion>
        dataSource={[...versions]}
        data-testid="rules-history"
        renderItem={(v) => (
          <List.Item>
            <Space direction="vertical" size={2}>
              <Space size={4} wrap>
                <Tag color={v.current ? 'processing' : 'default'}>{v.version}</Tag>
                {v.current && <Tag color="success">{t('feedback.rules.currentVersion')}</Tag>}
                <Typography.Text type="secondary">{t('feedback.rules.ruleCount', { count: v.rules })}</Typography.Text>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {v.publishedBy === null
                  ? t('feedback.rules.defaultVersion')
                  : t('feedback.rules.publishedBy', {
                      name: v.publishedByName ?? v.publishedBy,
                      when: format(v.publishedAt),
                    })}
              </Typography.Text>
              {v.note && <Typography.Text data-user-content>{v.note}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
    </Drawer>
  );
}
