import { ImageViewer, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode } from '../../api';
import { useSupportFileUrl } from '../../chat-api';
import { supportZhCN } from '../../i18n/sections/support';
import type { TicketKind, TicketState } from '../../support-api';

/** Colours of the states the customer follows; the record's keys are every state the server has. */
export const TICKET_STATE_COLORS = {
  open: 'default',
  in_progress: 'primary',
  waiting_customer: 'warning',
  resolved: 'success',
  closed: 'default',
} satisfies Record<TicketState, string>;

export const TICKET_KIND_ORDER: Record<TicketKind, true> = {
  fault: true,
  billing: true,
  logistics: true,
  account: true,
  complaint: true,
};

export function TicketStateTag({ state, label }: { state: TicketState; label: string }) {
  return (
    <Tag color={TICKET_STATE_COLORS[state]} data-testid="ticket-state" data-state={state}>
      {label}
    </Tag>
  );
}

type KnownError = keyof typeof supportZhCN.tickets.errors;
const KNOWN_ERRORS = new Set<string>(Object.keys(supportZhCN.tickets.errors));

/** The key of a known error's message, or undefined. */
export function ticketErrorKey(error: unknown): `support.tickets.errors.${KnownError}` | undefined {
  const code = errorCode(error);
  return code && KNOWN_ERRORS.has(code) ? `support.tickets.errors.${code as KnownError}` : undefined;
}

type KnownPhotoError = keyof typeof supportZhCN.photos.errors;
const KNOWN_PHOTO_ERRORS = new Set<string>(Object.keys(supportZhCN.photos.errors));

/** The key of a refused photo upload's message by its problem code (too large, not an image…), or the generic one. */
export function photoErrorKey(error: unknown): `support.photos.errors.${KnownPhotoError}` | 'support.photos.failed' {
  const code = errorCode(error);
  return code && KNOWN_PHOTO_ERRORS.has(code)
    ? `support.photos.errors.${code as KnownPhotoError}`
    : 'support.photos.failed';
}

/** A picture on a chat or ticket message: the thumbnail in the bubble, the full image when tapped. */
export function SupportImage({
  holder,
  id,
  file,
}: {
  holder: 'chat' | 'ticket';
  id: string;
  file: { key: string; thumbnailKey: string | null };
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const thumbnail = useSupportFileUrl(holder, id, file.thumbnailKey ?? file.key);
  const full = useSupportFileUrl(holder, id, open ? file.key : null);
  return (
    <>
      <button type="button" className="chat-image" onClick={() => setOpen(true)} data-testid={`${holder}-image`}>
        {thumbnail ? <img src={thumbnail} alt={t('support.chat.photoAlt')} /> : <span className="chat-image-wait" />}
      </button>
      <ImageViewer image={full ?? thumbnail ?? ''} visible={open} onClose={() => setOpen(false)} />
    </>
  );
}
