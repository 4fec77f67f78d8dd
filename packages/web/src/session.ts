// A web app's session: an access token (15 minutes) and a rotating refresh token, kept in
// localStorage under the app's own prefix so that a reload keeps the person signed in. Components
// follow it with `useSession()`; the API client reads it for every request.
import { useSyncExternalStore } from 'react';
import { readStorage, removeStorage, writeStorage } from './storage';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
}

export interface SessionStore {
  /** The storage prefix: also names the lock under which the app's tabs refresh one at a time. */
  readonly name: string;
  getSession(): SessionTokens | null;
  /** Reads the session again from storage (another tab may have just refreshed it) and answers it. */
  reloadSession(): SessionTokens | null;
  saveSession(tokens: SessionTokens): void;
  clearSession(): void;
  useSession(): SessionTokens | null;
}

/** The session of one app, kept under `<prefix>.token` and `<prefix>.refresh`. */
export function createSessionStore(prefix: string): SessionStore {
  const accessTokenKey = `${prefix}.token`;
  const refreshTokenKey = `${prefix}.refresh`;
  const listeners = new Set<() => void>();
  const load = (): SessionTokens | null => {
    const accessToken = readStorage(accessTokenKey);
    const refreshToken = readStorage(refreshTokenKey);
    return accessToken && refreshToken ? { accessToken, refreshToken } : null;
  };
  // Snapshots must be stable between changes, so the session is cached and rebuilt only on writes.
  let current = load();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const getSession = () => current;
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  // Another tab signing in or out changes localStorage; follow it here too.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key === accessTokenKey || event.key === refreshTokenKey || event.key === null) {
        current = load();
        notify();
      }
    });
  }
  return {
    name: prefix,
    getSession,
    reloadSession() {
      const stored = load();
      if (stored?.accessToken !== current?.accessToken || stored?.refreshToken !== current?.refreshToken) {
        current = stored;
        notify();
      }
      return current;
    },
    saveSession(tokens) {
      writeStorage(accessTokenKey, tokens.accessToken);
      writeStorage(refreshTokenKey, tokens.refreshToken);
      current = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
      notify();
    },
    clearSession() {
      removeStorage(accessTokenKey);
      removeStorage(refreshTokenKey);
      current = null;
      notify();
    },
    useSession: () => useSyncExternalStore(subscribe, getSession, getSession),
  };
}
