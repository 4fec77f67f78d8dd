import { Button, Card, Dialog, type ImageUploadItem, Skeleton, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState';
import { PhotoPicker } from '../../components/PhotoPicker';
import { SubPage } from '../../components/SubPage';
import { type CustomerTicketAction, useTicket, useTicketAction, useWriteOnTicket } from '../../support-api';
import { photoErrorKey, SupportImage, TicketStateTag, ticketErrorKey } from './ticket-parts';
import './support.css';
import { formatInstant } from '../../time-format';

const CUSTOMER_ACTIONS: readonly CustomerTicketAction[] = ['close', 'reopen', 'cancel'];

/** One ticket: the state the customer follows, the conversation, replying, closing or reopening. */
export function TicketPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const ticket = useTicket(id);
  const write = useWriteOnTicket(id);
  const act = useTicketAction(id);
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const fail = (error: unknown) => {
    const key = ticketErrorKey(error);
    Toast.show({ icon: 'fail', content: key ? t(key) : t('support.tickets.failed') });
  };
  const send = () => {
    if (text.trim() === '') return;
    write.mutate(
      { body: text.trim(), imageIds: photos.map((p) => String(p.key)) },
      {
        onSuccess: () => {
          setText('');
          setPhotos([]);
          Toast.show({ icon: 'success', content: t('support.tickets.sent') });
        },
        onError: fail,
      },
    );
  };
  const run = async (action: CustomerTicketAction) => {
    if (action === 'cancel' && !(await Dialog.confirm({ content: t('support.tickets.confirmCancel') }))) return;
    act.mutate(action, { onError: fail });
  };

  const data = ticket.data;
  const actions = CUSTOMER_ACTIONS.filter((a) => data?.actions.includes(a));
  return (
    <SubPage title={t('support.tickets.title')} fallback="/me/tickets">
      {ticket.isPending && <Skeleton.Paragraph lineCount={8} animated className="page-skeleton" />}
      {/* A ticket that does not exist (or is not this customer's) is an answer, not a failure: no 反馈问题. */}
      {ticket.error && (
        <ErrorState
          notFound={{ code: 'SUPPORT_TICKET_NOT_FOUND', title: t('support.tickets.notFound') }}
          title={t('support.tickets.loadFailed')}
          error={ticket.error}
          onRetry={() => void ticket.refetch()}
        />
      )}
      {data && (
        <>
          <Card className="ticket-card ticket-head" data-testid="ticket-head">
            <div className="ticket-card-head">
              <TicketStateTag state={data.state} label={t(`support.tickets.states.${data.state}`)} />
              <span className="ticket-kind">{t(`support.tickets.kinds.${data.kind}`)}</span>
            </div>
            <p className="ticket-subject">{data.subject}</p>
            <div className="ticket-hint" data-testid="ticket-hint">
              {t(`support.tickets.stateHints.${data.state}`)}
            </div>
            <div className="ticket-hint">{t('support.tickets.opened', { when: formatInstant(data.openedAt) })}</div>
            <div className="ticket-hint ticket-number">{t('support.tickets.number', { id: data.id })}</div>
            {actions.length > 0 && (
              <div className="ticket-actions">
                {actions.map((a) => (
                  <Button
                    key={a}
                    size="small"
                    color={a === 'close' ? 'success' : 'default'}
                    loading={act.isPending}
                    onClick={() => run(a)}
                    data-testid={`ticket-action-${a}`}
                  >
                    {t(`support.tickets.actions.${a}`)}
                  </Button>
                ))}
              </div>
            )}
          </Card>
          <div className="ticket-thread" data-testid="ticket-thread">
            {data.messages.map((m) => (
              <div
                key={m.id}
                className={`ticket-bubble${m.author === 'customer' ? ' mine' : ''}`}
                data-testid="ticket-message"
                data-author={m.author}
              >
                <div className="ticket-bubble-meta">
                  {m.author === 'customer'
                    ? t('support.tickets.you')
                    : m.author === 'agent'
                      ? (m.authorName ?? t('support.tickets.agent'))
                      : t('support.tickets.system')}
                  {' · '}
                  {formatInstant(m.createdAt)}
                </div>
                {m.files.length > 0 && (
                  <div className="ticket-images">
                    {m.files.map((f) => (
                      <SupportImage key={f.key} holder="ticket" id={data.id} file={f} />
                    ))}
                  </div>
                )}
                {m.body}
              </div>
            ))}
          </div>
          {data.state !== 'closed' && (
            <div className="ticket-reply">
              <TextArea
                value={text}
                onChange={setText}
                rows={3}
                maxLength={4000}
                placeholder={t('support.tickets.replyPlaceholder')}
                data-testid="ticket-reply"
              />
              <PhotoPicker
                value={photos}
                onChange={setPhotos}
                onBusyChange={setUploading}
                failedMessage={(error) => t(photoErrorKey(error))}
                data-testid="ticket-photos"
              />
              <Button
                block
                color="primary"
                loading={write.isPending}
                disabled={text.trim() === '' || uploading}
                onClick={send}
                data-testid="ticket-send"
              >
                {t('support.tickets.send')}
              </Button>
            </div>
          )}
        </>
      )}
    </SubPage>
  );
}
