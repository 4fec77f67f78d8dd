// Where a request's credentials come from: the Authorization header, or — on a WebSocket upgrade
// only — the `bearer.<token>` subprotocol a browser can send.
import { expect, test } from 'vitest';
import { credentialsOf } from './authenticate';

test('a WebSocket upgrade carries its token as a subprotocol; other requests never do', () => {
  const upgrade = { upgrade: 'websocket', 'sec-websocket-protocol': 'zulin.chat.v1, bearer.abc.def-ghi' };
  expect(credentialsOf(upgrade).bearer).toBe('abc.def-ghi');
  // The header wins when both are there.
  expect(credentialsOf({ ...upgrade, authorization: 'Bearer head' }).bearer).toBe('head');
  // A plain request with the same header is not an upgrade: no token from it.
  expect(credentialsOf({ 'sec-websocket-protocol': 'bearer.abc' }).bearer).toBeUndefined();
  expect(credentialsOf({ upgrade: 'websocket', 'sec-websocket-protocol': 'zulin.chat.v1' }).bearer).toBeUndefined();
  expect(credentialsOf({ upgrade: 'websocket', 'sec-websocket-protocol': 'bearer.' }).bearer).toBeUndefined();
});
