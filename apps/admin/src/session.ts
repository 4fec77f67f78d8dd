// The operator's session (tokens in localStorage under `zulin.admin.*`): @zulin/web's session store.
import { createSessionStore } from '@zulin/web';

export type { SessionTokens } from '@zulin/web';

export const sessionStore = createSessionStore('zulin.admin');
export const { getSession, saveSession, clearSession, useSession } = sessionStore;
