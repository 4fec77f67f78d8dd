// What the two web apps (customer H5 and operator console) share: the session store, the API client
// with token refresh and idempotency keys, problem errors, the language setup, safe storage and downloads,
// and the server's clock.
export { type AppApi, createAppApi, errorCode, ProblemError, problemError } from './api-client';
export { type ChatMessage, type ChatSocketState, type ChatView, useChatSocket } from './chat-socket';
export { initAppI18n, isLanguage, LANGUAGES, type Language } from './i18n';
export { keysOf } from './lists';
export { saveBlob } from './save-blob';
export { clockOffsetMs, useServerNow } from './server-clock';
export { createSessionStore, type SessionStore, type SessionTokens } from './session';
export { readStorage, removeStorage, writeStorage } from './storage';
