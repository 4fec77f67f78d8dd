import { Alert, App as AntdApp, Button, Card, Input, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ProblemError } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useMoney } from '../../hooks';
import { useCan, useStaffMe } from '../../identity-api';
import {
  type RiskBacktest,
  type RiskRuleSetVersion,
  useBacktest,
  usePublish,
  useRuleSet,
  useSaveDraft,
  useSetShadow,
} from '../../risk-api';
import { DecisionsTable } from './DecisionsPage';
import { OutcomeTag } from './RiskParts';
import { RULE_SET_STATUS_COLORS } from './RuleSetsPage';

type Change = RiskBacktest['changes'][number];

/** One version: the JSON editor (drafts), back-test, shadow mode and its results, publishing. */
export function RuleSetPage() {
  const { t } = useTranslation();
  const version = Number(useParams<{ version: string }>().version);
  const ruleSet = useRuleSet(Number.isInteger(version) ? version : undefined);
  return (
    <div className="page" data-testid="risk-rule-set-page">
      <PageHeader title={t('risk.ruleSet.title', { version })} />
      {ruleSet.error && <QueryErrorAlert error={ruleSet.error} onRetry={() => void ruleSet.refetch()} />}
      {ruleSet.isPending && <Spin />}
      {ruleSet.data && <VersionView row={ruleSet.data} />}
    </div>
  );
}

function problemLines(error: Error): string[] {
  if (!(error instanceof ProblemError)) return [];
  const errors = (error.problem as { errors?: { path?: string; message?: string }[] }).errors ?? [];
  return errors.map((e) => `${e.path ?? ''}: ${e.message ?? ''}`);
}

function VersionView({ row }: { row: RiskRuleSetVersion }) {
  const { t } = useTranslation();
  const { message, modal } = AntdApp.useApp();
  const money = useMoney();
  const me = useStaffMe().data;
  const canWrite = useCan('risk.rules_write');
  const canPublish = useCan('risk.rules_publish');
  const draft = row.status === 'draft';
  const [text, setText] = useState(() => JSON.stringify(row.ruleSet, null, 2));
  const [problems, setProblems] = useState<string[]>([]);
  const [report, setReport] = useState<RiskBacktest | null>(null);
  const save = useSaveDraft();
  const backtest = useBacktest();
  const shadow = useSetShadow();
  const publish = usePublish();
  useEffect(() => setText(JSON.stringify(row.ruleSet, null, 2)), [row.ruleSet]);
  const fail = (error: Error) => {
    setProblems(problemLines(error));
    void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError'));
  };
  const selfApproval = me !== undefined && me.staff.id === row.editedBy;

  const onSave = () => {
    let parsed: RiskRuleSetVersion['ruleSet'];
    try {
      parsed = JSON.parse(text) as RiskRuleSetVersion['ruleSet'];
    } catch (error) {
      setProblems([t('risk.ruleSet.invalidJson', { message: (error as Error).message })]);
      return;
    }
    save.mutate(
      { version: row.version, ruleSet: parsed, note: row.note },
      {
        onSuccess: () => {
          setProblems([]);
          setReport(null);
          void message.success(t('risk.ruleSet.saved'));
        },
        onError: fail,
      },
    );
  };

  const side = (s: Change['before']) => (
    <Space size={4} wrap>
      <OutcomeTag outcome={s.outcome} />
      <span>{s.score}</span>
      <span>
        {money(s.depositWaivedMinor)} ({s.waiverBps / 100}%)
      </span>
      <span>{money(s.creditLimitMinor)}</span>
    </Space>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Tag color={RULE_SET_STATUS_COLORS[row.status]} data-testid="rule-set-status">
              {t(`risk.ruleSets.statuses.${row.status}`)}
            </Tag>
            {row.shadow && <Tag color="purple">{t('risk.ruleSets.shadowTag')}</Tag>}
            <Typography.Text type="secondary">{row.note}</Typography.Text>
            <Typography.Text type="secondary">{t('risk.ruleSet.editedBy', { name: row.editedBy })}</Typography.Text>
          </Space>
        }
        extra={
          <Space>
            <Button
              loading={backtest.isPending}
              data-testid="run-backtest"
              onClick={() => backtest.mutate(row.version, { onSuccess: setReport, onError: fail })}
            >
              {t('risk.ruleSet.backtest')}
            </Button>
            {draft && canWrite && (
              <Button
                loading={shadow.isPending}
                onClick={() => shadow.mutate({ version: row.version, shadow: !row.shadow }, { onError: fail })}
              >
                {row.shadow ? t('risk.ruleSet.shadowOff') : t('risk.ruleSet.shadowOn')}
              </Button>
            )}
            {draft && canWrite && (
              <Button loading={save.isPending} onClick={onSave} data-testid="save-draft">
                {t('risk.ruleSet.save')}
              </Button>
            )}
            {draft && canPublish && (
              <Button
                type="primary"
                disabled={selfApproval}
                loading={publish.isPending}
                data-testid="publish"
                onClick={() =>
                  modal.confirm({
                    title: t('risk.ruleSet.publishConfirm', { version: row.version }),
                    onOk: () =>
                      publish.mutateAsync(row.version, {
                        onSuccess: () => void message.success(t('risk.ruleSet.published', { version: row.version })),
                        onError: fail,
                      }),
                  })
                }
              >
                {t('risk.ruleSet.publish')}
              </Button>
            )}
          </Space>
        }
      >
        {draft && selfApproval && canPublish && (
          <Alert type="info" showIcon title={t('risk.ruleSet.selfApproval')} style={{ marginBottom: 12 }} />
        )}
        {!draft && <Alert type="info" showIcon title={t('risk.ruleSet.readOnly')} style={{ marginBottom: 12 }} />}
        {problems.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('risk.ruleSet.problems')}
            description={
              <ul>
                {problems.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            }
            data-testid="rule-set-problems"
          />
        )}
        <Typography.Text strong>{t('risk.ruleSet.editor')}</Typography.Text>
        <Input.TextArea
          value={text}
          onChange={(event) => setText(event.target.value)}
          readOnly={!draft || !canWrite}
          autoSize={{ minRows: 12, maxRows: 28 }}
          spellCheck={false}
          className="mono-cell"
          data-testid="rule-set-json"
          // The rule set as the operator edits it: a document of identifiers, not interface text.
          data-user-content
        />
      </Card>
      {report && (
        <Card title={t('risk.ruleSet.backtestTitle')} data-testid="backtest-report">
          <Typography.Paragraph>
            {t('risk.ruleSet.backtestSummary', {
              replayed: report.replayed,
              changed: report.changed,
              outcome: report.outcomeChanged,
              waiver: report.waiverChanged,
              limit: report.limitChanged,
            })}
          </Typography.Paragraph>
          <Table<Change>
            size="small"
            rowKey="decisionId"
            pagination={{ pageSize: 20 }}
            dataSource={report.changes}
            locale={{ emptyText: t('risk.ruleSet.noChanges') }}
            columns={[
              {
                title: t('risk.queue.columns.decision'),
                dataIndex: 'decisionId',
                render: (id: string, change) => (
                  <Link to={`/risk/decisions/${id}`}>
                    <Typography.Text className="mono-cell">{id}</Typography.Text> (v{change.ruleSetVersion})
                  </Link>
                ),
              },
              { title: t('risk.ruleSet.before'), key: 'before', render: (_, change) => side(change.before) },
              { title: t('risk.ruleSet.after'), key: 'after', render: (_, change) => side(change.after) },
            ]}
          />
        </Card>
      )}
      <Card title={t('risk.ruleSet.shadowResults')}>
        <DecisionsTable filters={{ shadowVersion: row.version }} testId="shadow-results-table" />
      </Card>
    </Space>
  );
}
