// The customer's live chat: the open chat (or none), opening one, ending it, rating it, leaving a
// ticket when nobody answered; the messages themselves travel over the socket (@zulin/web's useChatSocket).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { useEffect, useState } from 'react';
import { api } from './api';
import { getSession, useSession } from './session';
import type { TicketKind } from './support-api';
import { unwrap } from './wallet-api';

export type Chat = components['schemas']['Chat'];

const key = ['support', 'chat'] as const;

/** A current access token for the socket: a cheap API call first, which refreshes an expired one. */
export async function chatSocketToken(): Promise<string | null> {
  await api.GET('/v1/chats/current');
  return getSession()?.accessToken ?? null;
}

export function useCurrentChat() {
  const session = useSession();
  return useQuery({
    queryKey: [...key, 'current'],
    enabled: session !== null,
    queryFn: async () => (await unwrap(api.GET('/v1/chats/current'))).chat,
  });
}

export function useChat(id: string | null) {
  return useQuery({
    queryKey: [...key, id],
    enabled: id !== null,
    queryFn: () => unwrap(api.GET('/v1/chats/{id}', { params: { path: { id: id ?? '' } } })),
  });
}

function useChatMutation<I>(fn: (input: I) => Promise<Chat>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (chat) => {
      queryClient.setQueryData([...key, chat.id], chat);
      return queryClient.invalidateQueries({ queryKey: [...key, 'current'] });
    },
  });
}

export function useOpenChat() {
  return useChatMutation(() => unwrap(api.POST('/v1/chats')));
}

export function useEndChat(id: string) {
  return useChatMutation(() => unwrap(api.POST('/v1/chats/{id}/end', { params: { path: { id } } })));
}

export function useRateChat(id: string) {
  return useChatMutation((rating: number) =>
    unwrap(api.POST('/v1/chats/{id}/rating', { params: { path: { id } }, body: { rating } })),
  );
}

export function useLeaveChatTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: TicketKind; subject: string; note?: string }) =>
      unwrap(api.POST('/v1/chats/{id}/ticket', { params: { path: { id } }, body })),
    onSuccess: (answer) => {
      queryClient.setQueryData([...key, answer.chat.id], answer.chat);
      return queryClient.invalidateQueries({ queryKey: ['support'] });
    },
  });
}

/**
 * A picture of a chat as an object URL: the file routes need the bearer token, which an `<img src>`
 * cannot send, so it is fetched through the client (and revoked when the component leaves).
 */
export function useSupportFileUrl(holder: 'chat' | 'ticket', id: string, fileKey: string | null): string | undefined {
  const blob = useQuery({
    queryKey: [...key, 'file', holder, id, fileKey],
    enabled: fileKey !== null,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => {
      const params = { path: { id, key: fileKey ?? '' } };
      return unwrap(
        holder === 'chat'
          ? api.GET('/v1/chats/{id}/files/{key}', { params, parseAs: 'blob' })
          : api.GET('/v1/tickets/{id}/files/{key}', { params, parseAs: 'blob' }),
      ) as Promise<Blob>;
    },
  }).data;
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return undefined;
    const objectUrl = URL.createObjectURL(blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [blob]);
  return url;
}
