// The customer's session (tokens in localStorage under `zulin.h5.*`): @zulin/web's session store.
import { createSessionStore } from '@zulin/web';

export type { SessionTokens } from '@zulin/web';

export const sessionStore = createSessionStore('zulin.h5');
export const { getSession, saveSession, clearSession, useSession } = sessionStore;
