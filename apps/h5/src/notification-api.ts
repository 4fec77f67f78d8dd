// The customer's in-app inbox: notifications rendered by the server in the app's language, the
// unread count for the badge on the Me page, marking one or all read.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { useTranslation } from 'react-i18next';
import { api, problemError } from './api';
import { useSession } from './session';

export type AppNotification = components['schemas']['Notification'];

export const notificationsQueryKey = ['notifications'] as const;

async function fetchPage(language: string, options: { cursor?: string; limit: number }) {
  const { data, error, response } = await api.GET('/v1/me/notifications', {
    params: {
      query: { limit: options.limit, ...(options.cursor ? { cursor: options.cursor } : {}) },
      // The server renders title and body; ask in the app's language, not the browser's.
      header: { 'accept-language': language },
    },
  });
  if (data === undefined) throw problemError(error, response);
  return data;
}

export function useNotifications() {
  const session = useSession();
  const { i18n } = useTranslation();
  return useInfiniteQuery({
    queryKey: [...notificationsQueryKey, 'list', i18n.language],
    enabled: session !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(i18n.language, { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The unread count alone (a one-row page), refreshed every minute while the app is open. */
export function useUnreadCount() {
  const session = useSession();
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...notificationsQueryKey, 'unread'],
    enabled: session !== null,
    queryFn: async () => (await fetchPage(i18n.language, { limit: 1 })).unreadCount,
    refetchInterval: 60_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { data, error, response } = await api.POST('/v1/me/notifications/{id}/read', {
        params: { path: { id } },
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { data, error, response } = await api.POST('/v1/me/notifications/read-all');
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}
