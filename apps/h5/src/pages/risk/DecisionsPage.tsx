import { Button, Card, ErrorBlock, Skeleton, Tag, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { SubPage } from '../../components/SubPage';
import { riskZhCN } from '../../i18n/sections/risk';
import { useMoney } from '../../money';
import { type MyDecision, type Outcome, useAppeal, useMyDecisions } from '../../risk-api';
import { formatInstant } from '../../time-format';

const OUTCOME_COLORS = {
  approve: 'success',
  review: 'warning',
  block_and_review: 'warning',
  reject: 'danger',
} satisfies Record<Outcome, string>;

type ReasonKey = keyof typeof riskZhCN.reasons;
const KNOWN_REASONS = new Set<string>(Object.keys(riskZhCN.reasons));
const reasonKey = (code: string): ReasonKey => (KNOWN_REASONS.has(code) ? (code as ReasonKey) : 'other');

/** The customer's credit decisions: the waiver, a plain reason for a rejection, and the one appeal. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const decisions = useMyDecisions();
  const rows = decisions.data?.data ?? [];
  return (
    <SubPage title={t('risk.title')} fallback="/me">
      {decisions.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {decisions.error && (
        <ErrorState title={t('risk.loadFailed')} error={decisions.error} onRetry={() => void decisions.refetch()} />
      )}
      {decisions.data && rows.length === 0 && <ErrorBlock status="empty" title={t('risk.empty')} description="" />}
      <div className="risk-decisions" data-testid="risk-decisions">
        {rows.map((decision) => (
          <DecisionCard key={decision.id} decision={decision} />
        ))}
      </div>
    </SubPage>
  );
}

function DecisionCard({ decision }: { decision: MyDecision }) {
  const { t } = useTranslation();
  const money = useMoney();
  const appeal = useAppeal();
  const [writing, setWriting] = useState(false);
  const [text, setText] = useState('');
  const reasons = [...new Set(decision.reasonCodes.map(reasonKey))];
  const rejected = decision.outcome === 'reject';
  const when = formatInstant(decision.createdAt);

  const send = () => {
    const trimmed = text.trim();
    if (trimmed === '') {
      Toast.show({ content: t('risk.appealRequired') });
      return;
    }
    appeal.mutate(
      { id: decision.id, text: trimmed },
      {
        onSuccess: () => {
          setWriting(false);
          Toast.show({ icon: 'success', content: t('risk.appealSent') });
        },
        onError: () => Toast.show({ icon: 'fail', content: t('risk.appealFailed') }),
      },
    );
  };

  return (
    <Card
      className="risk-decision-card"
      data-testid="risk-decision"
      title={
        <Tag color={OUTCOME_COLORS[decision.outcome]} fill="outline" data-testid="risk-decision-outcome">
          {t(`risk.outcomes.${decision.outcome}`)}
        </Tag>
      }
      extra={<span className="risk-decision-time">{when}</span>}
    >
      {decision.outcome === 'approve' && (
        <p data-testid="risk-decision-waiver">
          {t('risk.waived', { waived: money(decision.depositWaivedMinor), hold: money(decision.depositToHoldMinor) })}
          <br />
          {t('risk.limit', { limit: money(decision.creditLimitMinor) })}
        </p>
      )}
      {(decision.outcome === 'review' || decision.outcome === 'block_and_review') && <p>{t('risk.reviewHint')}</p>}
      {rejected && (
        <>
          <h3 className="risk-why">{t('risk.whyTitle')}</h3>
          <ul className="risk-reasons" data-testid="risk-decision-reasons">
            {(reasons.length > 0 ? reasons : (['other'] as ReasonKey[])).map((key) => (
              <li key={key}>{t(`risk.reasons.${key}`)}</li>
            ))}
          </ul>
          {decision.appeal ? (
            <p className="risk-appeal-status" data-testid="risk-appeal-status">
              {decision.appeal.status === 'closed' && decision.appeal.resolution
                ? t(`risk.appealResult.${decision.appeal.resolution}`)
                : t(`risk.appealStatus.${decision.appeal.status}`)}
            </p>
          ) : writing ? (
            <div className="risk-appeal-form">
              <TextArea
                value={text}
                onChange={setText}
                placeholder={t('risk.appealPlaceholder')}
                rows={3}
                maxLength={1000}
                data-testid="risk-appeal-text"
              />
              <div className="risk-appeal-actions">
                <Button size="small" onClick={() => setWriting(false)}>
                  {t('risk.appealCancel')}
                </Button>
                <Button
                  size="small"
                  color="primary"
                  loading={appeal.isPending}
                  onClick={send}
                  data-testid="risk-appeal-send"
                >
                  {t('risk.appealSubmit')}
                </Button>
              </div>
            </div>
          ) : (
            <div className="risk-appeal-actions">
              <span className="risk-appeal-once">{t('risk.appealOnce')}</span>
              <Button
                size="small"
                color="primary"
                fill="outline"
                onClick={() => setWriting(true)}
                data-testid="risk-appeal"
              >
                {t('risk.appeal')}
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
