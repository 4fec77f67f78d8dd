// The server's clock as a browser can know it. A phone's or a desk's clock may be minutes or hours
// wrong, and in sandbox mode the server's test clock may be days ahead of every device: deadlines,
// quotes' `validUntil` and SLAs are instants of the server's clock and are compared with it.
import { useCallback } from 'react';

/**
 * How far the server's clock is from this device's, in milliseconds: the server's `now` (from
 * `/v1/system/status`) minus the device's time halfway through the request that read it.
 */
export function clockOffsetMs(serverNow: string, sentAtMs: number, receivedAtMs: number): number {
  const server = Date.parse(serverNow);
  if (!Number.isFinite(server)) return 0;
  return server - Math.round((sentAtMs + receivedAtMs) / 2);
}

/** The server's time now, in milliseconds, given the offset (the device's own clock until it is known). */
export function useServerNow(offsetMs: number | undefined): () => number {
  const offset = offsetMs ?? 0;
  return useCallback(() => Date.now() + offset, [offset]);
}
