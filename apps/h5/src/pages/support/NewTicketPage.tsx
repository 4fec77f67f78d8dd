import { keysOf } from '@zulin/web';
import { Button, Card, type ImageUploadItem, Input, Selector, TextArea, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PhotoPicker } from '../../components/PhotoPicker';
import { SubPage } from '../../components/SubPage';
import { type TicketKind, useOpenTicket } from '../../support-api';
import { photoErrorKey, TICKET_KIND_ORDER, ticketErrorKey } from './ticket-parts';
import './support.css';

const KINDS = keysOf(TICKET_KIND_ORDER);
const SUBJECT_MAX = 120;
const BODY_MAX = 4000;

/**
 * Open a ticket: its kind, a subject, what happened and up to nine photos (uploaded as they are picked,
 * attached to the opening message); `?orderId=&kind=` come from an order page.
 */
export function NewTicketPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const orderId = params.get('orderId') ?? undefined;
  const preset = params.get('kind');
  const [kind, setKind] = useState<TicketKind | undefined>(KINDS.find((k) => k === preset));
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const open = useOpenTicket();

  const submit = () => {
    if (kind === undefined || subject.trim() === '' || body.trim() === '') {
      Toast.show({ content: t('support.tickets.fillIn') });
      return;
    }
    const imageIds = photos.map((p) => String(p.key));
    open.mutate(
      {
        kind,
        subject: subject.trim(),
        body: body.trim(),
        ...(orderId ? { orderId } : {}),
        ...(imageIds.length > 0 ? { imageIds } : {}),
      },
      {
        onSuccess: (ticket) => {
          Toast.show({ icon: 'success', content: t('support.tickets.submitted') });
          navigate(`/me/tickets/${ticket.id}`, { replace: true });
        },
        onError: (error) => {
          const key = ticketErrorKey(error);
          Toast.show({ icon: 'fail', content: key ? t(key) : t('support.tickets.failed') });
        },
      },
    );
  };

  return (
    <SubPage title={t('support.tickets.newTitle')} fallback="/me/tickets">
      <Card className="ticket-new" data-testid="ticket-form">
        <div className="ticket-field-label">{t('support.tickets.kindLabel')}</div>
        <Selector
          columns={3}
          options={KINDS.map((k) => ({ label: t(`support.tickets.kinds.${k}`), value: k }))}
          value={kind ? [kind] : []}
          onChange={(values) => setKind(values[0])}
          data-testid="ticket-kind"
        />
        {orderId && (
          <>
            <div className="ticket-field-label">{t('support.tickets.orderLabel')}</div>
            <div data-testid="ticket-order">{orderId}</div>
          </>
        )}
        <div className="ticket-field-label">{t('support.tickets.subjectLabel')}</div>
        <Input
          value={subject}
          onChange={setSubject}
          maxLength={SUBJECT_MAX}
          placeholder={t('support.tickets.subjectPlaceholder')}
          data-testid="ticket-subject"
        />
        <div className="ticket-field-label">{t('support.tickets.bodyLabel')}</div>
        <TextArea
          value={body}
          onChange={setBody}
          maxLength={BODY_MAX}
          rows={5}
          showCount
          placeholder={t('support.tickets.bodyPlaceholder')}
          data-testid="ticket-body"
        />
        <div className="ticket-field-label">{t('support.tickets.photosLabel')}</div>
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
          className="ticket-submit"
          loading={open.isPending}
          disabled={uploading}
          onClick={submit}
          data-testid="ticket-submit"
        >
          {t('support.tickets.submit')}
        </Button>
      </Card>
    </SubPage>
  );
}
