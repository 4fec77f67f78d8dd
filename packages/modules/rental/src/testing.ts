// Helpers other tests may use (`@zulin/rental/testing`): a customer verified with an ID number the
// risk sandboxes read as a score, a published phone in stock, an order's contract signed. The other
// modules' test helpers (signing in, stock) are passed in: a testing file imports only indexes.
import { randomInt } from 'node:crypto';
import { publishProduct } from '@zulin/catalog';
import type { Executor } from '@zulin/db';
import { idCheckChar } from '@zulin/identity';
import { moveOrderUnit } from '@zulin/inventory';
import type { TestServer } from '@zulin/platform/testing';
import { loadOrderForUpdate, moveOrder } from './order-store';

type CreateStock = (
  db: Executor,
  options: { units: number; now: Date; marketPriceMinor?: number },
) => Promise<{ productId: string; skuId: string; planId: string; unitIds: string[] }>;
type SignIn = (s: TestServer, phone: string) => Promise<{ customerId: string; token: string }>;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A valid ID number whose 3-digit sequence the risk sandboxes key on (docs/risk.md, "Test identities"). */
export function testIdNumber(sequence: number, birth: string): string {
  const first17 = `110101${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

/** Units of a new SKU of a published product (the quote and the order see published phones only). */
export async function createTestRentalStock(
  createStock: CreateStock,
  db: Executor,
  options: { units: number; now: Date; marketPriceMinor?: number },
): Promise<Awaited<ReturnType<CreateStock>>> {
  const stock = await createStock(db, options);
  await publishProduct(db, { productId: stock.productId, actor: { kind: 'system' }, now: options.now });
  return stock;
}

export const testAddress = (n: number) => ({
  name: '张三',
  phone: '+8613800138000',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  line: `文三路 ${n} 号`,
});

/** A 1×1 PNG, a drawn signature the PDF library reads. */
export const testSignaturePng =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

let birthDay = 0;

/** `signIn`: identity's signInTestCustomer. */
export function rentalTestKit(s: TestServer, signIn: SignIn) {
  const call = (token: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, key?: string) =>
    s.app.inject({
      method,
      url,
      payload: payload as object,
      headers: { ...(token ? bearer(token) : {}), ...(key ? { 'idempotency-key': key } : {}) },
    });
  /** A signed-in customer verified with an ID number whose sequence the sandbox bureau reads as the score. */
  const verifiedCustomer = async (sequence: number) => {
    birthDay += 1;
    const birth = `1990${String(1 + (Math.floor(birthDay / 28) % 12)).padStart(2, '0')}${String(1 + (birthDay % 28)).padStart(2, '0')}`;
    // A mainland mobile number ending in 0 (the sandboxes read a 0 as "no carrier trouble").
    const phone = `+86139${String(randomInt(0, 10_000_000)).padStart(7, '0')}0`;
    const customer = await signIn(s, phone);
    const verified = await call(customer.token, 'POST', '/v1/me/identity', {
      name: '张三',
      idNumber: testIdNumber(sequence, birth),
    });
    if (verified.statusCode !== 200) throw new Error(`identity: ${verified.statusCode} ${verified.body}`);
    return { ...customer, phone };
  };
  /** The newest SMS code sent to a phone (the sandbox's outbox). */
  const lastCode = async (phone: string): Promise<string> => {
    const res = await s.app.inject({ url: `/v1/sandbox/sms?phone=${encodeURIComponent(phone)}` });
    return res.json().data[0].code;
  };
  /** Asks for a signing code and signs the order's contract through POST /v1/rentals/{id}/sign. */
  const signOrder = async (customer: { token: string; phone: string }, order: { id: string; contractId: string }) => {
    const sent = await call(customer.token, 'POST', `/v1/contracts/${order.contractId}/sign-codes`);
    if (sent.statusCode !== 202) throw new Error(`sign-codes: ${sent.statusCode} ${sent.body}`);
    return call(customer.token, 'POST', `/v1/rentals/${order.id}/sign`, {
      code: await lastCode(customer.phone),
      signature: { kind: 'typed', name: '张三' },
    });
  };
  return { call, verifiedCustomer, lastCode, signOrder };
}

/**
 * Moves a `return_requested` order on as the carrier's first scan and the warehouse's receipt would
 * (`pick_up_return`, `receive_return`), to `inspecting`, and its phone to `inspecting` in inventory:
 * for tests of the returns desk until the logistics events drive these steps.
 */
export async function returnToWarehouseForTests(tx: Executor, orderId: string, now: Date): Promise<void> {
  const requested = await loadOrderForUpdate(tx, orderId);
  const returning = await moveOrder(tx, {
    order: requested,
    action: 'pick_up_return',
    by: { actor: 'carrier', audit: { kind: 'system' } },
    now,
    facts: { carrier_scanned: true },
  });
  await moveOrder(tx, {
    order: returning,
    action: 'receive_return',
    by: { actor: 'staff', audit: { kind: 'system' } },
    now,
    facts: { unit_received: true },
  });
  // The phone moves with the order, as pickUpReturn and receiveReturn move it.
  if (requested.unitId !== null) {
    await moveOrderUnit(tx, { unitId: requested.unitId, orderRef: orderId, step: 'start_return', now });
    await moveOrderUnit(tx, { unitId: requested.unitId, orderRef: orderId, step: 'receive_return', now });
  }
}
