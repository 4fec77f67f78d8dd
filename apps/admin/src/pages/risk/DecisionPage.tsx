import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryErrorAlert } from '../../components/QueryErrorAlert';
import { useDecision } from '../../risk-api';
import { DecisionDetailView } from './DecisionDetailView';

/** One credit decision, whole. */
export function DecisionPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const decision = useDecision(id);
  return (
    <div className="page" data-testid="risk-decision-page">
      <PageHeader title={t('risk.decision.title', { id })} />
      {decision.error && <QueryErrorAlert error={decision.error} onRetry={() => void decision.refetch()} />}
      {decision.isPending && <Spin />}
      {decision.data && <DecisionDetailView decision={decision.data} />}
    </div>
  );
}
