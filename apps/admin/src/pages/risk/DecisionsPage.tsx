import { keysOf } from '@zulin/web';
import { Card, Form, Input, Select, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { CursorTable } from '../../components/CursorTable';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { SearchActions } from '../../components/SearchActions';
import { useInstantFormatter, useMoney } from '../../hooks';
import { type DecisionQuery, type RiskDecision, type RiskOutcome, useDecisions } from '../../risk-api';
import { OUTCOME_COLORS, OutcomeTag } from './RiskParts';

type Filters = Omit<DecisionQuery, 'limit' | 'cursor'>;
const OUTCOMES = keysOf(OUTCOME_COLORS);

interface FilterValues {
  outcome?: RiskOutcome | 'all';
  customerId?: string;
}

/** The decisions table (newest first); `filters` fixed by a caller (shadow results) hide the form. */
export function DecisionsTable({ filters, testId }: { filters: Filters; testId: string }) {
  const { t } = useTranslation();
  const format = useInstantFormatter();
  const money = useMoney();
  const navigate = useNavigate();
  const decisions = useDecisions(filters);
  const rows = decisions.data?.pages.flatMap((page) => page.data) ?? [];
  const columns: TableColumnsType<RiskDecision> = [
    { title: t('risk.decisions.columns.createdAt'), dataIndex: 'createdAt', width: 170, render: (at) => format(at) },
    {
      title: t('risk.decisions.columns.outcome'),
      dataIndex: 'outcome',
      width: 120,
      render: (outcome: RiskOutcome) => <OutcomeTag outcome={outcome} />,
    },
    { title: t('risk.decisions.columns.score'), dataIndex: 'score', width: 80, align: 'right' },
    {
      title: t('risk.decisions.columns.reasons'),
      dataIndex: 'reasonCodes',
      width: 260,
      render: (codes: string[]) => codes.map((code) => <Tag key={code}>{code}</Tag>),
    },
    {
      title: t('risk.decisions.columns.waiver'),
      key: 'waiver',
      width: 150,
      align: 'right',
      render: (_, row) => `${money(row.depositWaivedMinor)} (${row.waiverBps / 100}%)`,
    },
    {
      title: t('risk.decisions.columns.limit'),
      dataIndex: 'creditLimitMinor',
      width: 120,
      align: 'right',
      render: (amount: number) => money(amount),
    },
    { title: t('risk.decisions.columns.version'), dataIndex: 'ruleSetVersion', width: 80, render: (v) => `v${v}` },
    {
      title: t('risk.decisions.columns.shadow'),
      key: 'shadow',
      width: 170,
      render: (_, row) =>
        row.shadowOutcome === null ? (
          '—'
        ) : (
          <span>
            v{row.shadowVersion} <OutcomeTag outcome={row.shadowOutcome} />
          </span>
        ),
    },
    {
      title: t('risk.decisions.columns.customer'),
      dataIndex: 'customerId',
      width: 200,
      render: (id: string, row) => <NamedId name={row.customerLabel} id={id} />,
    },
    {
      title: '',
      key: 'open',
      width: 70,
      fixed: 'right',
      render: (_, row) => <Link to={`/risk/decisions/${row.id}`}>{t('risk.open')}</Link>,
    },
  ];
  return (
    <CursorTable
      query={decisions}
      rows={rows}
      columns={columns}
      scrollX={1500}
      empty={t('risk.decisions.empty')}
      testId={testId}
      onRow={(row) => ({ onDoubleClick: () => navigate(`/risk/decisions/${row.id}`) })}
    />
  );
}

/** Credit decisions, newest first, by outcome or customer. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  return (
    <div className="page" data-testid="risk-decisions-page">
      <PageHeader title={t('risk.decisions.title')} subtitle={t('risk.decisions.subtitle')} />
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="search-form"
          initialValues={{ outcome: 'all' }}
          onFinish={(values) => {
            const next: Filters = {};
            if (values.outcome && values.outcome !== 'all') next.outcome = values.outcome;
            const customerId = values.customerId?.trim();
            if (customerId) next.customerId = customerId;
            setFilters(next);
          }}
        >
          <Form.Item name="outcome" label={t('risk.decisions.outcome')}>
            <Select
              style={{ width: 160 }}
              options={[
                { value: 'all', label: t('risk.all') },
                ...OUTCOMES.map((outcome) => ({ value: outcome, label: t(`risk.outcomes.${outcome}`) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="customerId" label={t('risk.decisions.customerId')}>
            <Input allowClear style={{ width: 260 }} />
          </Form.Item>
          <SearchActions form={form} onReset={() => setFilters({})} />
        </Form>
      </Card>
      <Card>
        <DecisionsTable filters={filters} testId="risk-decisions-table" />
      </Card>
    </div>
  );
}
