// The console's chat desk: the queue and my active chats, one chat with the customer's recent orders
// and tickets, taking, transferring and ending a chat, canned replies; SLA alerts for the badge.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api } from './api';
import { useObjectUrl } from './hooks';
import { unwrap } from './ledger-api';
import { getSession } from './session';

export type StaffChat = components['schemas']['StaffChat'];
export type ChatState = StaffChat['state'];

const key = ['admin', 'support', 'chats'] as const;

/** A current access token for the socket: a cheap API call first, which refreshes an expired one. */
export async function chatSocketToken(): Promise<string | null> {
  await api.GET('/v1/admin/chats', { params: { query: { state: 'queued' } } });
  return getSession()?.accessToken ?? null;
}

export function useChatList(state: ChatState, mine: boolean) {
  return useQuery({
    queryKey: [...key, state, mine],
    // New customers join the queue at any moment: look again every 5 s.
    refetchInterval: 5_000,
    queryFn: () => unwrap(api.GET('/v1/admin/chats', { params: { query: { state, ...(mine ? { mine } : {}) } } })),
  });
}

export function useStaffChat(id: string | null) {
  return useQuery({
    queryKey: [...key, 'one', id],
    enabled: id !== null,
    queryFn: () => unwrap(api.GET('/v1/admin/chats/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

export function useChatCannedReplies(locale: 'zh-CN' | 'en') {
  return useQuery({
    queryKey: [...key, 'canned', locale],
    staleTime: 300_000,
    queryFn: () => unwrap(api.GET('/v1/admin/chats/canned-replies', { params: { query: { locale } } })),
  });
}

export function useChatAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: 'take' } | { kind: 'end' } | { kind: 'transfer'; agentId: string }) => {
      const params = { params: { path: { id } } };
      if (action.kind === 'take') return unwrap(api.POST('/v1/admin/chats/{id}/take', params));
      if (action.kind === 'end') return unwrap(api.POST('/v1/admin/chats/{id}/end', params));
      return unwrap(api.POST('/v1/admin/chats/{id}/transfer', { ...params, body: { agentId: action.agentId } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export type SlaAlert = Awaited<ReturnType<typeof fetchSlaAlerts>>['data'][number];

function fetchSlaAlerts() {
  return unwrap(api.GET('/v1/admin/tickets/sla-alerts'));
}

export function useSlaAlerts() {
  return useQuery({ queryKey: ['admin', 'support', 'sla-alerts'], refetchInterval: 30_000, queryFn: fetchSlaAlerts });
}

export function useAcknowledgeSlaAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/v1/admin/tickets/sla-alerts/{id}/acknowledge', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'support', 'sla-alerts'] }),
  });
}

export type AgentStatus = 'online' | 'away' | 'offline';

const presenceKey = ['admin', 'support', 'presence'] as const;

/** My status on the desk and who is online or away (looked at again every 30 s). */
export function usePresence() {
  return useQuery({
    queryKey: presenceKey,
    refetchInterval: 30_000,
    queryFn: () => unwrap(api.GET('/v1/admin/chats/presence')),
  });
}

export function useSetPresence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: AgentStatus) => unwrap(api.POST('/v1/admin/chats/presence', { body: { status } })),
    onSuccess: (presence) => {
      queryClient.setQueryData(presenceKey, presence);
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
}

/** The desk page's heartbeat: keeps me online or away while it is open (2 silent minutes: offline). */
export function sendPresenceHeartbeat() {
  return unwrap(api.POST('/v1/admin/chats/presence/heartbeat'));
}

/** A picture of a chat as an object URL (fetched with the staff token; an `<img src>` cannot send it). */
export function useChatFileUrl(chatId: string, fileKey: string | null): string | undefined {
  const blob = useQuery({
    queryKey: [...key, 'file', chatId, fileKey],
    enabled: fileKey !== null,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () =>
      unwrap(
        api.GET('/v1/admin/chats/{id}/files/{key}', {
          params: { path: { id: chatId, key: fileKey ?? '' } },
          parseAs: 'blob',
        }),
      ) as Promise<Blob>,
  }).data;
  return useObjectUrl(blob);
}

/** Uploads a photo for a chat or a ticket reply (`POST /v1/admin/uploads`, multipart). */
export function useUploadStaffPhoto() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      // The route takes multipart/form-data, which its OpenAPI description does not declare.
      return unwrap(
        api.POST('/v1/admin/uploads', { body: form as never, bodySerializer: (b: unknown) => b as FormData }),
      );
    },
  });
}
