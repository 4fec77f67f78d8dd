import { Button, Card, ErrorBlock, Skeleton } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { LinkBlock } from '../../components/LinkItem';
import { SubPage } from '../../components/SubPage';
import { useMyTickets } from '../../support-api';
import { TicketStateTag } from './ticket-parts';
import './support.css';
import { formatInstant } from '../../time-format';

/** "My tickets", newest first, with the state the customer follows. */
export function TicketsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const tickets = useMyTickets();
  const rows = tickets.data?.data ?? [];
  return (
    <SubPage title={t('support.tickets.title')} fallback="/me">
      <div className="ticket-new">
        <Button block color="primary" onClick={() => navigate('/me/tickets/new')} data-testid="ticket-new">
          <AddOutline /> {t('support.tickets.new')}
        </Button>
      </div>
      {tickets.isPending && <Skeleton.Paragraph lineCount={6} animated className="page-skeleton" />}
      {tickets.error && (
        <ErrorState
          title={t('support.tickets.loadFailed')}
          error={tickets.error}
          onRetry={() => void tickets.refetch()}
        />
      )}
      {tickets.data && rows.length === 0 && (
        <ErrorBlock status="empty" title={t('support.tickets.empty')} description="" />
      )}
      <div data-testid="my-tickets">
        {rows.map((ticket) => (
          <LinkBlock key={ticket.id} to={`/me/tickets/${ticket.id}`} data-testid="ticket-entry">
            <Card className="ticket-card">
              <div className="ticket-card-head">
                <TicketStateTag state={ticket.state} label={t(`support.tickets.states.${ticket.state}`)} />
                <span>{t(`support.tickets.kinds.${ticket.kind}`)}</span>
                <span className="ticket-when">{formatInstant(ticket.updatedAt)}</span>
              </div>
              <p className="ticket-subject">{ticket.subject}</p>
            </Card>
          </LinkBlock>
        ))}
      </div>
    </SubPage>
  );
}
