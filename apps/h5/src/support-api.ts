// The customer's support: the help centre (anyone may read it) and their tickets — open one, follow
// it, write on it, close, reopen or withdraw it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api } from './api';
import { useSession } from './session';
import { unwrap } from './wallet-api';

export type HelpArticle = components['schemas']['HelpArticle'];
export type HelpTopic = HelpArticle['topic'];
export type Ticket = components['schemas']['Ticket'];
export type TicketKind = Ticket['kind'];
export type TicketState = Ticket['state'];
export type CustomerTicketAction = 'close' | 'reopen' | 'cancel';
export type HelpLocale = 'zh-CN' | 'en';

const key = ['support'] as const;

export function useHelpArticles(q: string, locale: HelpLocale) {
  const query = q.trim();
  return useQuery({
    queryKey: [...key, 'articles', query, locale],
    staleTime: 60_000,
    queryFn: () =>
      unwrap(api.GET('/v1/help/articles', { params: { query: { locale, ...(query ? { q: query } : {}) } } })),
  });
}

export function useHelpArticle(slug: string) {
  return useQuery({
    queryKey: [...key, 'article', slug],
    staleTime: 60_000,
    queryFn: () => unwrap(api.GET('/v1/help/articles/{slug}', { params: { path: { slug } } })),
  });
}

export function useMyTickets() {
  const session = useSession();
  return useQuery({
    queryKey: [...key, 'tickets'],
    enabled: session !== null,
    queryFn: () => unwrap(api.GET('/v1/tickets')),
  });
}

export function useTicket(id: string) {
  const session = useSession();
  return useQuery({
    queryKey: [...key, 'ticket', id],
    enabled: session !== null,
    // The agent may answer while the customer looks: check again every 15 s.
    refetchInterval: 15_000,
    queryFn: () => unwrap(api.GET('/v1/tickets/{id}', { params: { path: { id } } })),
  });
}

function useTicketMutation<I>(fn: (input: I) => Promise<Ticket>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (ticket) => {
      queryClient.setQueryData([...key, 'ticket', ticket.id], ticket);
      return queryClient.invalidateQueries({ queryKey: [...key, 'tickets'] });
    },
  });
}

export interface NewTicket {
  kind: TicketKind;
  subject: string;
  body: string;
  orderId?: string;
  /** Uploads (`POST /v1/uploads`) attached to the opening message, 9 at most. */
  imageIds?: string[];
}

export function useOpenTicket() {
  return useTicketMutation((body: NewTicket) => unwrap(api.POST('/v1/tickets', { body })));
}

export function useWriteOnTicket(id: string) {
  return useTicketMutation((input: { body: string; imageIds: string[] }) =>
    unwrap(
      api.POST('/v1/tickets/{id}/messages', {
        params: { path: { id } },
        body: { body: input.body, ...(input.imageIds.length > 0 ? { imageIds: input.imageIds } : {}) },
      }),
    ),
  );
}

export function useTicketAction(id: string) {
  return useTicketMutation((action: CustomerTicketAction) =>
    unwrap(api.POST('/v1/tickets/{id}/actions', { params: { path: { id } }, body: { action } })),
  );
}
