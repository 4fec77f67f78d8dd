import { describe, expect, it } from 'vitest';
import { createZulinClient } from './index';

/** A fetch that fails (network) for the first `failures` calls, then answers 201, recording keys. */
function flakyFetch(failures: number) {
  const keys: (string | null)[] = [];
  let calls = 0;
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    keys.push(request.headers.get('idempotency-key'));
    calls++;
    if (calls <= failures) throw new TypeError('network down');
    return new Response(JSON.stringify({ ok: true }), { status: 201, headers: { 'content-type': 'application/json' } });
  };
  return { fetchImpl: fetchImpl as typeof fetch, keys };
}

describe('idempotency keys', () => {
  it('a retry after a lost answer carries the same key; the next intent a new one', async () => {
    const { fetchImpl, keys } = flakyFetch(2);
    const api = createZulinClient({ baseUrl: 'http://zulin.test', fetch: fetchImpl, idempotencyKeys: true });
    const pay = () =>
      api.POST('/v1/bills/{id}/pay', { params: { path: { id: 'bill_1' } }, body: { method: 'wallet' } });
    await expect(pay()).rejects.toThrow('network down');
    await expect(pay()).rejects.toThrow('network down');
    await pay();
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toBe(keys[0]);
    // Answered: paying again is a new intent with a new key.
    await pay();
    expect(keys[3]).not.toBe(keys[0]);
  });

  it('a different body is a different intent; GETs carry no key', async () => {
    const { fetchImpl, keys } = flakyFetch(1);
    const api = createZulinClient({ baseUrl: 'http://zulin.test', fetch: fetchImpl, idempotencyKeys: true });
    const pay = (amountMinor: number) =>
      api.POST('/v1/bills/{id}/pay', { params: { path: { id: 'bill_1' } }, body: { method: 'wallet', amountMinor } });
    await expect(pay(100)).rejects.toThrow();
    await pay(200);
    expect(keys[1]).not.toBe(keys[0]);
    await api.GET('/v1/wallet');
    expect(keys[2]).toBeNull();
  });

  it('is off unless asked for', async () => {
    const { fetchImpl, keys } = flakyFetch(0);
    const api = createZulinClient({ baseUrl: 'http://zulin.test', fetch: fetchImpl });
    await api.POST('/v1/bills/{id}/pay', { params: { path: { id: 'bill_1' } }, body: { method: 'wallet' } });
    expect(keys).toEqual([null]);
  });
});
