// One decision as it was recorded: the result, why (the failed conditions), every rule with each
// condition's truth value and the values it read, the score line by line, the thresholds, and every
// fact. Read from the stored record only; nothing is decided again.
import { Alert, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMoney } from '../../hooks';
import type { RiskDecisionDetail, RiskDecisionRecord } from '../../risk-api';
import { CreditLimitCard } from './CreditLimitCard';
import { OutcomeTag } from './RiskParts';

type Rule = RiskDecisionRecord['rules'][number];
type Condition = Rule['conditions'][number];
type ScoreLine = RiskDecisionRecord['score']['lines'][number];
type Threshold = RiskDecisionRecord['thresholds'][number];

// Rule, fact and reason ids are identifiers: shown as code in either language.
const mono = (text: string) => (
  <Typography.Text className="mono-cell">
    <code>{text}</code>
  </Typography.Text>
);
const valueText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function TruthTag({ value, error }: { value: boolean | null; error?: string | undefined }) {
  if (value === null) return <Tag color="error">{error ?? 'error'}</Tag>;
  return <Tag color={value ? 'success' : 'error'}>{String(value)}</Tag>;
}

export function DecisionDetailView({ decision }: { decision: RiskDecisionDetail }) {
  const { t, i18n } = useTranslation();
  // Rule sets are data: a fact or rule the catalog does not know shows its name or its own description.
  const factLabel = (name: string) =>
    i18n.exists(`risk.factLabels.${name}`) ? t(`risk.factLabels.${name}` as 'risk.factLabels.age') : name;
  // A built-in rule reads in the console's language only while its text is the built-in one: a version
  // that changed the rule under the same id (a threshold, say) shows its own words.
  const ruleText = (id: string, description: string): string => {
    const key = `risk.ruleDescriptions.${id}` as 'risk.ruleDescriptions.age_in_range';
    const builtIn: unknown = i18n.getFixedT('en')(key, { defaultValue: '' });
    return builtIn === description ? t(key) : description;
  };
  const money = useMoney();
  const record = decision.record;
  // What was read, as staff read it: amounts in yuan, rates in percent; the stored value on hover.
  const factText = (name: string, value: unknown) => {
    if (typeof value === 'number' && name.endsWith('Minor')) {
      return value < 0 ? t('risk.decision.noValue') : money(value);
    }
    if (typeof value === 'number' && name.endsWith('Bps')) return `${value / 100}%`;
    return valueText(value);
  };

  const conditionColumns = [
    { title: t('risk.decision.condition'), dataIndex: 'expr', render: mono },
    {
      title: t('risk.decision.value'),
      key: 'value',
      width: 110,
      render: (_: unknown, c: Condition) => <TruthTag value={c.value} error={c.error} />,
    },
    {
      title: t('risk.decision.inputs'),
      dataIndex: 'inputs',
      render: (inputs: Condition['inputs']) =>
        mono(
          Object.entries(inputs)
            .map(([name, value]) => `${name} = ${valueText(value)}`)
            .join(', '),
        ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="decision-detail">
      <Card title={t('risk.decision.summary')}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
          <Descriptions.Item label={t('risk.decision.outcome')}>
            <OutcomeTag outcome={record.outcome} />
          </Descriptions.Item>
          <Descriptions.Item label={t('risk.decision.score')}>
            <span data-testid="decision-score">{record.score.total}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('risk.decision.version')}>v{record.ruleSetVersion}</Descriptions.Item>
          <Descriptions.Item label={t('risk.decision.waiver')}>
            {money(record.depositWaivedMinor)} ({record.waiverBps / 100}%)
          </Descriptions.Item>
          <Descriptions.Item label={t('risk.decision.toHold')}>{money(record.depositToHoldMinor)}</Descriptions.Item>
          <Descriptions.Item label={t('risk.decision.limit')}>{money(record.creditLimitMinor)}</Descriptions.Item>
          <Descriptions.Item label={t('risk.decision.reasons')} span={3}>
            {record.reasonCodes.length === 0
              ? '—'
              : record.reasonCodes.map((code) => (
                  <Tag key={code}>
                    <code>{code}</code>
                  </Tag>
                ))}
          </Descriptions.Item>
        </Descriptions>
        {decision.shadowRecord && (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title={t('risk.decision.shadow', {
              version: decision.shadowRecord.ruleSetVersion,
              outcome: t(`risk.outcomes.${decision.shadowRecord.outcome}`),
              score: decision.shadowRecord.score.total,
            })}
          />
        )}
      </Card>
      <Card title={t('risk.decision.explanation')}>
        {decision.explanation.lines.length === 0 ? (
          <Typography.Text type="success">{t('risk.decision.nothingFailed')}</Typography.Text>
        ) : (
          <ul className="explanation-lines" data-testid="decision-explanation">
            {decision.explanation.lines.map((line) => (
              <li key={line}>
                {/* The engine's own trace of a failed condition (rule.condition: expression, values). */}
                <Typography.Text className="mono-cell" style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
                  <code>{line}</code>
                </Typography.Text>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('risk.decision.rules')}>
        <Table<Rule>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={record.rules}
          data-testid="decision-rules"
          expandable={{
            defaultExpandedRowKeys: record.rules.filter((rule) => !rule.held).map((rule) => rule.id),
            expandedRowRender: (rule) => (
              <Table<Condition>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={rule.conditions}
                columns={conditionColumns}
              />
            ),
          }}
          columns={[
            { title: t('risk.decision.rule'), dataIndex: 'id', width: 200, render: mono },
            { title: '', dataIndex: 'description', render: (text: string, rule) => ruleText(rule.id, text) },
            {
              title: t('risk.decision.held'),
              dataIndex: 'held',
              width: 100,
              render: (held: boolean) => (
                <Tag color={held ? 'success' : 'error'}>
                  {held ? t('risk.decision.held') : t('risk.decision.failed')}
                </Tag>
              ),
            },
            {
              title: t('risk.decision.asks'),
              key: 'asks',
              width: 260,
              render: (_, rule) => (
                <Space size={4}>
                  <OutcomeTag outcome={rule.outcome} />
                  {mono(rule.reasonCode)}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('risk.decision.scoreLines')}>
        <Table<ScoreLine>
          size="small"
          rowKey="characteristicId"
          pagination={false}
          dataSource={record.score.lines}
          columns={[
            { title: t('risk.decision.characteristic'), dataIndex: 'characteristicId', render: mono },
            { title: t('risk.decision.fact'), dataIndex: 'fact', render: (name: string) => factLabel(name) },
            { title: t('risk.decision.factValue'), dataIndex: 'value', render: (value) => mono(valueText(value)) },
            { title: t('risk.decision.bin'), dataIndex: 'binId', render: (bin: string | null) => mono(bin ?? '—') },
            { title: t('risk.decision.points'), dataIndex: 'points', align: 'right' },
          ]}
          summary={() => (
            <>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>
                  {t('risk.decision.base', { fact: record.score.baseFact ?? '—' })}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {record.score.base}
                </Table.Summary.Cell>
              </Table.Summary.Row>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>
                  <strong>{t('risk.decision.total')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <strong>{record.score.total}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            </>
          )}
        />
      </Card>
      <Card title={t('risk.decision.thresholds')}>
        <Table<Threshold>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={record.thresholds}
          columns={[
            { title: t('risk.decision.thresholdId'), dataIndex: 'id', render: mono },
            { title: t('risk.decision.scoreBelow'), dataIndex: 'scoreBelow', align: 'right' },
            {
              title: t('risk.decision.asks'),
              key: 'asks',
              render: (_, th) => (
                <Space size={4}>
                  <OutcomeTag outcome={th.outcome} />
                  {mono(th.reasonCode)}
                </Space>
              ),
            },
            {
              title: t('risk.decision.applied'),
              dataIndex: 'applied',
              render: (applied: boolean) => (
                <Tag color={applied ? 'warning' : 'default'}>
                  {applied ? t('risk.decision.applied') : t('risk.decision.notApplied')}
                </Tag>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('risk.decision.facts')}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered data-testid="decision-facts">
          {Object.entries(record.facts).map(([name, value]) => (
            <Descriptions.Item key={name} label={<span title={name}>{factLabel(name)}</span>}>
              <span title={valueText(value)}>{mono(factText(name, value))}</span>
            </Descriptions.Item>
          ))}
        </Descriptions>
        {decision.sources.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('risk.decision.sources')}:{' '}
            {decision.sources.map((source, i) => (
              <span key={`${source.system}-${source.reference}`}>
                {i > 0 && ' · '}
                <code>{`${source.system} (${source.adapter}) ${source.reference}`}</code>
              </span>
            ))}
          </Typography.Paragraph>
        )}
      </Card>
      <CreditLimitCard customerId={decision.customerId} />
    </Space>
  );
}
