import { Tag } from 'antd-mobile';
import { errorCode } from '../../api';
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
