// The customer's own account: sign-in, profile, real-name verification, notification settings.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '@zulin/sdk';
import { api, problemError, useSystemStatus } from './api';
import { saveSession, useSession } from './session';

export type Customer = components['schemas']['IdentityCustomer'];
export type NotificationPreference = Awaited<ReturnType<typeof fetchPreferences>>[number];

export const meQueryKey = ['me'] as const;

async function fetchMe() {
  const { data, error, response } = await api.GET('/v1/me');
  if (data === undefined) throw problemError(error, response);
  return data;
}

/** The signed-in customer; disabled (no request) while signed out. */
export function useMe() {
  const session = useSession();
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, enabled: session !== null, staleTime: 60_000 });
}

export async function sendLoginCode(phone: string) {
  const { data, error, response } = await api.POST('/v1/auth/sms-codes', { body: { phone } });
  if (data === undefined) throw problemError(error, response);
  return data;
}

/** The newest code the sandbox SMS adapter recorded for a number; null when sandbox mode is off. */
export async function fetchSandboxCode(phone: string): Promise<string | null> {
  const { data } = await api.GET('/v1/sandbox/sms', { params: { query: { phone } } });
  // The newest text that carries a code: wallet notifications may have arrived since.
  return data?.data.find((m) => m.code !== null)?.code ?? null;
}

/** Sandbox only: the newest code sent to the signed-in customer's own phone (a step-up code). */
export async function fetchMySandboxCode(): Promise<string | null> {
  const { data } = await api.GET('/v1/sandbox/sms/mine');
  return data?.data.find((m) => m.code !== null)?.code ?? null;
}

/**
 * Whether the server runs in sandbox mode (`sandbox` in /v1/system/status). Used to show demo aids,
 * which must never appear in production.
 */
export function useSandboxMode(): boolean {
  return useSystemStatus().data?.sandbox === true;
}

export type LegalDocumentKind = 'terms' | 'privacy';
export type ConsentGiven = { document: LegalDocumentKind; version: string };

/** The legal documents in force (title and version), in the app's language. */
export function useLegalDocuments(lang: 'zh-CN' | 'en') {
  return useQuery({
    queryKey: ['legal', lang],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/legal', { params: { query: { lang } } });
      if (data === undefined) throw problemError(error, response);
      return data.data;
    },
    staleTime: 10 * 60_000,
  });
}

/** One legal document in force, with its sections. */
export function useLegalDocument(document: LegalDocumentKind, lang: 'zh-CN' | 'en') {
  return useQuery({
    queryKey: ['legal', document, lang],
    queryFn: async () => {
      const { data, error, response } = await api.GET('/v1/legal/{document}', {
        params: { path: { document }, query: { lang } },
      });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    staleTime: 10 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { phone: string; code: string; consents: ConsentGiven[] }) => {
      const { data, error, response } = await api.POST('/v1/auth/login', { body });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    onSuccess: (data) => {
      queryClient.clear();
      saveSession(data);
      queryClient.setQueryData(meQueryKey, data.customer);
    },
  });
}

export function useVerifyIdentity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { name: string; idNumber: string }) => {
      const { data, error, response } = await api.POST('/v1/me/identity', { body });
      if (data === undefined) throw problemError(error, response);
      return data;
    },
    onSuccess: (customer) => queryClient.setQueryData(meQueryKey, customer),
  });
}

async function fetchPreferences() {
  const { data, error, response } = await api.GET('/v1/me/notification-preferences');
  if (data === undefined) throw problemError(error, response);
  return data.data;
}

const preferencesKey = ['me', 'notification-preferences'] as const;

export function usePreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: fetchPreferences });
}

export function useSetPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (preference: NotificationPreference) => {
      const { data, error, response } = await api.PUT('/v1/me/notification-preferences', {
        body: { data: [preference] },
      });
      if (data === undefined) throw problemError(error, response);
      return data.data;
    },
    onSuccess: (data) => queryClient.setQueryData(preferencesKey, data),
  });
}
