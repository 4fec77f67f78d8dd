import {
  Alert,
  App as AntdApp,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ProblemError } from '../../api';
import { NamedId } from '../../components/NamedId';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { YuanInput } from '../../components/YuanInput';
import { useInstantFormatter, useMoney } from '../../hooks';
import { useCan, useStaffMe } from '../../identity-api';
import {
  type CaseOutcome,
  type RiskDecisionDetail,
  type RiskReviewCase,
  useAddCaseNote,
  useClaimCase,
  useCloseCase,
  useDecision,
  useReviewCase,
} from '../../risk-api';
import { DecisionDetailView } from './DecisionDetailView';
import { CASE_STATUS_COLORS } from './ReviewQueuePage';
import { SlaCountdown } from './RiskParts';

interface CloseValues {
  resolution: 'approve' | 'reject';
  outcome: CaseOutcome;
  waiverPercent: number;
  creditLimitMinor: number | null;
}

/** Deposit × bps / 10 000, rounded half-up: the server's rule, shown before the reviewer confirms. */
function waived(depositMinor: number, bps: number): number {
  return Math.floor((depositMinor * bps + 5_000) / 10_000);
}

/** One review case: claim, notes, and closing it with the waiver and limit; the decision below it. */
export function ReviewCasePage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const reviewCase = useReviewCase(id);
  const decision = useDecision(reviewCase.data?.decisionId);
  return (
    <div className="page" data-testid="risk-case-page">
      <PageHeader title={t('risk.case.title', { id })} />
      {reviewCase.error && <QueryErrorAlert error={reviewCase.error} onRetry={() => void reviewCase.refetch()} />}
      {reviewCase.isPending && <Spin />}
      {reviewCase.data && <CaseCard reviewCase={reviewCase.data} decision={decision.data} />}
      {decision.data && <DecisionDetailView decision={decision.data} />}
    </div>
  );
}

function CaseCard({ reviewCase, decision }: { reviewCase: RiskReviewCase; decision: RiskDecisionDetail | undefined }) {
  const { t } = useTranslation();
  const { message } = AntdApp.useApp();
  const format = useInstantFormatter();
  const money = useMoney();
  const me = useStaffMe().data;
  const canReview = useCan('risk.review');
  const claim = useClaimCase();
  const addNote = useAddCaseNote();
  const [noteForm] = Form.useForm<{ text: string }>();
  const closed = reviewCase.status === 'closed';
  const mine = reviewCase.assignedTo !== null && reviewCase.assignedTo === me?.staff.id;
  const fail = (error: Error) =>
    void message.error(error instanceof ProblemError ? error.problem.title : t('status.networkError'));

  return (
    <Card
      data-testid="case-card"
      title={
        <Space>
          <Tag color={CASE_STATUS_COLORS[reviewCase.status]} data-testid="case-status">
            {t(`risk.caseStatuses.${reviewCase.status}`)}
          </Tag>
          <SlaCountdown dueAt={reviewCase.slaDueAt} closed={closed} />
          {reviewCase.breached && <Tag color="error">{t('risk.sla.breached')}</Tag>}
        </Space>
      }
      extra={
        !closed &&
        canReview &&
        !mine && (
          <Button
            type="primary"
            data-testid="claim-case"
            loading={claim.isPending}
            disabled={reviewCase.assignedTo !== null}
            onClick={() =>
              claim.mutate(reviewCase.id, {
                onSuccess: () => void message.success(t('risk.case.claimed')),
                onError: fail,
              })
            }
          >
            {t('risk.case.claim')}
          </Button>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('risk.queue.columns.origin')}>
          {t(`risk.origins.${reviewCase.origin}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('risk.queue.columns.customer')}>
          <NamedId name={reviewCase.customerLabel} id={reviewCase.customerId} testId="case-customer" />
        </Descriptions.Item>
        <Descriptions.Item label={t('risk.queue.columns.assignedTo')}>
          {reviewCase.assignedTo === null ? (
            <span data-testid="case-assignee">{t('risk.case.unassigned')}</span>
          ) : (
            <NamedId name={reviewCase.assignedToName} id={reviewCase.assignedTo} testId="case-assignee" />
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('risk.queue.columns.createdAt')}>{format(reviewCase.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('risk.queue.columns.sla')}>{format(reviewCase.slaDueAt)}</Descriptions.Item>
      </Descriptions>

      {closed && reviewCase.resolution && reviewCase.outcome && (
        <Alert
          type={reviewCase.resolution === 'approve' ? 'success' : 'warning'}
          showIcon
          data-testid="case-closed"
          title={t('risk.case.closedSummary', {
            resolution: t(`risk.resolutions.${reviewCase.resolution}`),
            outcome: t(`risk.caseOutcomes.${reviewCase.outcome}`),
            waived: money(reviewCase.depositWaivedMinor ?? 0),
            limit: money(reviewCase.creditLimitMinor ?? 0),
          })}
        />
      )}

      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('risk.case.notes')}
      </Typography.Title>
      <List
        size="small"
        data-testid="case-notes"
        locale={{ emptyText: t('risk.case.noNotes') }}
        dataSource={reviewCase.notes}
        renderItem={(note) => (
          <List.Item>
            <Space direction="vertical" size={0}>
              <Typography.Text>{note.text}</Typography.Text>
              <Typography.Text type="secondary">
                {note.by === 'customer' ? t('risk.case.byCustomer') : (note.byName ?? note.by)} · {format(note.at)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {!closed && canReview && (
        <Form
          form={noteForm}
          layout="inline"
          style={{ marginTop: 8 }}
          onFinish={(values) =>
            addNote.mutate(
              { id: reviewCase.id, text: values.text.trim() },
              {
                onSuccess: () => {
                  noteForm.resetFields();
                  void message.success(t('risk.case.noteAdded'));
                },
                onError: fail,
              },
            )
          }
        >
          <Form.Item name="text" rules={[{ required: true, whitespace: true, message: '' }]} style={{ flex: 1 }}>
            <Input placeholder={t('risk.case.notePlaceholder')} maxLength={1000} data-testid="case-note-input" />
          </Form.Item>
          <Button htmlType="submit" loading={addNote.isPending} data-testid="case-note-add">
            {t('risk.case.addNote')}
          </Button>
        </Form>
      )}

      {!closed && canReview && decision && (
        <CloseForm reviewCase={reviewCase} decision={decision} enabled={mine} onError={fail} />
      )}
    </Card>
  );
}

function CloseForm({
  reviewCase,
  decision,
  enabled,
  onError,
}: {
  reviewCase: RiskReviewCase;
  decision: RiskDecisionDetail;
  enabled: boolean;
  onError: (error: Error) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = AntdApp.useApp();
  const money = useMoney();
  const close = useCloseCase();
  const [form] = Form.useForm<CloseValues>();
  const resolution = Form.useWatch('resolution', form) ?? 'approve';
  const percent = Form.useWatch('waiverPercent', form) ?? decision.waiverBps / 100;
  const limit = Form.useWatch('creditLimitMinor', form) ?? decision.creditLimitMinor;
  const deposit = decision.record.facts.depositMinor;
  const bps = Math.round(percent * 100);
  const waivedMinor = waived(deposit, bps);

  const submit = (values: CloseValues) => {
    const body =
      values.resolution === 'approve'
        ? {
            resolution: 'approve' as const,
            outcome: values.outcome,
            waiverBps: Math.round(values.waiverPercent * 100),
            creditLimitMinor: values.creditLimitMinor ?? 0,
          }
        : { resolution: 'reject' as const, outcome: values.outcome };
    modal.confirm({
      title:
        values.resolution === 'approve'
          ? t('risk.case.confirmApprove', {
              percent: values.waiverPercent,
              waived: money(waivedMinor),
              hold: money(deposit - waivedMinor),
              limit: money(values.creditLimitMinor ?? 0),
            })
          : t('risk.case.confirmReject'),
      okButtonProps: { 'data-testid': 'confirm-close' } as Record<`data-${string}`, string>,
      onOk: () =>
        close.mutateAsync(
          { id: reviewCase.id, body },
          { onSuccess: () => void message.success(t('risk.case.closed')), onError },
        ),
    });
  };

  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('risk.case.closeTitle')}
      </Typography.Title>
      {!enabled && <Alert type="info" showIcon title={t('risk.case.claimFirst')} style={{ marginBottom: 12 }} />}
      <Form<CloseValues>
        form={form}
        layout="vertical"
        disabled={!enabled}
        data-testid="close-form"
        initialValues={{
          resolution: 'approve',
          outcome: 'false_positive',
          waiverPercent: decision.waiverBps / 100,
          creditLimitMinor: decision.creditLimitMinor,
        }}
        onFinish={submit}
      >
        <Space wrap size="large" align="start">
          <Form.Item name="resolution" label={t('risk.case.resolution')}>
            <Radio.Group
              optionType="button"
              options={(['approve', 'reject'] as const).map((value) => ({
                value,
                label: t(`risk.resolutions.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="outcome" label={t('risk.case.outcome')}>
            <Radio.Group
              options={(['false_positive', 'confirmed_risk'] as const).map((value) => ({
                value,
                label: t(`risk.caseOutcomes.${value}`),
              }))}
            />
          </Form.Item>
          {resolution === 'approve' && (
            <>
              <Form.Item name="waiverPercent" label={t('risk.case.waiverPercent')} rules={[{ required: true }]}>
                <InputNumber min={0} max={100} precision={2} data-testid="waiver-percent" />
              </Form.Item>
              <Form.Item name="creditLimitMinor" label={t('risk.case.creditLimit')} rules={[{ required: true }]}>
                <YuanInput data-testid="credit-limit" />
              </Form.Item>
            </>
          )}
        </Space>
        {resolution === 'approve' && (
          <Typography.Paragraph data-testid="waiver-preview">
            {t('risk.case.deposit', {
              deposit: money(deposit),
              waived: money(waivedMinor),
              hold: money(deposit - waivedMinor),
            })}{' '}
            · {t('risk.case.creditLimit')} {money(limit ?? 0)}
          </Typography.Paragraph>
        )}
        <Button
          type="primary"
          danger={resolution === 'reject'}
          htmlType="submit"
          loading={close.isPending}
          data-testid="close-case"
        >
          {resolution === 'approve' ? t('risk.case.submitApprove') : t('risk.case.submitReject')}
        </Button>
      </Form>
    </>
  );
}
