// The console's support desk: the ticket queue with SLA timers, one ticket with its notes, answering
// (from a canned reply or not), internal notes, assignment and state buttons; and the help-centre editor.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components, paths } from '@zulin/sdk';
import { api } from './api';
import { useObjectUrl } from './hooks';
import { unwrap, useCursorPages } from './ledger-api';

export type StaffTicket = components['schemas']['StaffTicket'];
export type TicketState = StaffTicket['state'];
export type TicketKind = StaffTicket['kind'];
export type TicketPriority = StaffTicket['priority'];
export type SlaState = StaffTicket['sla']['resolution'];
export type TicketQuery = NonNullable<paths['/v1/admin/tickets']['get']['parameters']['query']>;
export type AgentTicketAction = 'resolve' | 'close' | 'reopen';
export type StaffHelpArticle = components['schemas']['StaffHelpArticle'];
export type HelpTopic = StaffHelpArticle['topic'];
export type ArticleInput = paths['/v1/admin/help/articles']['post']['requestBody']['content']['application/json'];

const PAGE_SIZE = 50;
const key = ['admin', 'support'] as const;

export function useTicketQueue(filters: Omit<TicketQuery, 'limit' | 'cursor'>) {
  return useCursorPages({
    queryKey: [...key, 'tickets', filters],
    fetchPage: (cursor) =>
      unwrap(
        api.GET('/v1/admin/tickets', {
          params: { query: { limit: PAGE_SIZE, ...filters, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    nextCursor: (page) => page.nextCursor,
  });
}

export function useStaffTicket(id: string | null) {
  return useQuery({
    queryKey: [...key, 'ticket', id],
    enabled: id !== null,
    refetchInterval: 20_000,
    queryFn: () => unwrap(api.GET('/v1/admin/tickets/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

export function useCannedReplies(id: string | null, locale: 'zh-CN' | 'en') {
  return useQuery({
    queryKey: [...key, 'canned', id, locale],
    enabled: id !== null,
    staleTime: 300_000,
    queryFn: () =>
      unwrap(
        api.GET('/v1/admin/tickets/{id}/canned-replies', { params: { path: { id: id ?? '' }, query: { locale } } }),
      ),
  });
}

export function useAgents() {
  return useQuery({
    queryKey: [...key, 'agents'],
    staleTime: 300_000,
    queryFn: () => unwrap(api.GET('/v1/admin/tickets/agents')),
  });
}

function useSupportMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
}

export function useAnswerTicket() {
  return useSupportMutation(
    (input: { id: string; body: string; internal: boolean; askCustomer: boolean; imageIds: string[] }) =>
      unwrap(
        api.POST('/v1/admin/tickets/{id}/messages', {
          params: { path: { id: input.id } },
          body: {
            body: input.body,
            internal: input.internal,
            askCustomer: input.askCustomer,
            ...(input.imageIds.length > 0 ? { imageIds: input.imageIds } : {}),
          },
        }),
      ),
  );
}

export function useAssignTicket() {
  return useSupportMutation((input: { id: string; assigneeId?: string }) =>
    unwrap(
      api.POST('/v1/admin/tickets/{id}/assign', {
        params: { path: { id: input.id } },
        body: input.assigneeId ? { assigneeId: input.assigneeId } : {},
      }),
    ),
  );
}

export function useTicketAction() {
  return useSupportMutation((input: { id: string; action: AgentTicketAction }) =>
    unwrap(
      api.POST('/v1/admin/tickets/{id}/actions', {
        params: { path: { id: input.id } },
        body: { action: input.action },
      }),
    ),
  );
}

export function useHelpArticles() {
  return useQuery({ queryKey: [...key, 'articles'], queryFn: () => unwrap(api.GET('/v1/admin/help/articles')) });
}

export function useCreateArticle() {
  return useSupportMutation((body: ArticleInput) => unwrap(api.POST('/v1/admin/help/articles', { body })));
}

export function useEditArticle() {
  return useSupportMutation(({ slug, ...body }: ArticleInput) =>
    unwrap(api.PATCH('/v1/admin/help/articles/{slug}', { params: { path: { slug } }, body })),
  );
}

export function usePublishArticle() {
  return useSupportMutation(({ slug, published }: { slug: string; published: boolean }) =>
    published
      ? unwrap(api.POST('/v1/admin/help/articles/{slug}/publish', { params: { path: { slug } } }))
      : unwrap(api.POST('/v1/admin/help/articles/{slug}/unpublish', { params: { path: { slug } } })),
  );
}

/** An image on a ticket as an object URL (fetched with the staff token; an `<img src>` cannot send it). */
export function useTicketFileUrl(ticketId: string, fileKey: string | null): string | undefined {
  const blob = useQuery({
    queryKey: [...key, 'ticket-file', ticketId, fileKey],
    enabled: fileKey !== null,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () =>
      unwrap(
        api.GET('/v1/admin/tickets/{id}/files/{key}', {
          params: { path: { id: ticketId, key: fileKey ?? '' } },
          parseAs: 'blob',
        }),
      ) as Promise<Blob>,
  }).data;
  return useObjectUrl(blob);
}
