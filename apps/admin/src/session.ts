// The staff session: an access token (15 minutes) and a rotating refresh token, kept in
// localStorage so that a reload keeps the operator signed in. Components follow it with
// `useSession()`; the API client reads it for every request.
import { useSyncExternalStore } from 'react';
import { readStorage, removeStorage, writeStorage } from './storage';

const ACCESS_TOKEN_KEY = 'zulin.admin.token';
const REFRESH_TOKEN_KEY = 'zulin.admin.refresh';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

const listeners = new Set<() => void>();
// Snapshots must be stable between changes, so the session is cached and rebuilt only on writes.
let current: SessionTokens | null = load();

function load(): SessionTokens | null {
  const accessToken = readStorage(ACCESS_TOKEN_KEY);
  const refreshToken = readStorage(REFRESH_TOKEN_KEY);
  return accessToken && refreshToken ? { accessToken, refreshToken } : null;
}

function notify(): void {
  for (const listener of listeners) listener();
}

export function getSession(): SessionTokens | null {
  return current;
}

export function saveSession(tokens: SessionTokens): void {
  writeStorage(ACCESS_TOKEN_KEY, tokens.accessToken);
  writeStorage(REFRESH_TOKEN_KEY, tokens.refreshToken);
  current = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  notify();
}

export function clearSession(): void {
  removeStorage(ACCESS_TOKEN_KEY);
  removeStorage(REFRESH_TOKEN_KEY);
  current = null;
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab signing in or out changes localStorage; follow it here too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === ACCESS_TOKEN_KEY || event.key === REFRESH_TOKEN_KEY || event.key === null) {
      current = load();
      notify();
    }
  });
}

export function useSession(): SessionTokens | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}
