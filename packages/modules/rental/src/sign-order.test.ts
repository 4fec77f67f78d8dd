import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlan } from '@zulin/catalog';
import { queryRows } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestCustomer } from '@zulin/identity/testing';
import { createTestStock } from '@zulin/inventory/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestRentalStock, rentalTestKit, testAddress } from './testing';

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'rental-contract-'));
  const file = join(dir, 'c.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describeDb('rental contract: drafted at placement, signed through /sign', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof rentalTestKit>;
  let stock: Awaited<ReturnType<typeof createTestRentalStock>>;
  const order = (n: number) => ({ skuId: stock.skuId, planId: stock.planId, address: testAddress(n) });

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    kit = rentalTestKit(s, signInTestCustomer);
    stock = await createTestRentalStock(createTestStock, s.ctx.database.db, { units: 3, now: s.clock.now() });
  });
  afterAll(async () => {
    await s?.close();
  });

  test('placement drafts the contract in its transaction; /sign signs it and the order awaits payment 2 h', async () => {
    const alice = await kit.verifiedCustomer(700);
    const placed = await kit.call(alice.token, 'POST', '/v1/rentals', order(1), 'sign-alice-1');
    expect(placed.statusCode).toBe(201);
    const body = placed.json();
    expect(body).toMatchObject({ status: 'awaiting_signature', customerState: { state: 'to_sign' } });
    expect(body.contractId).toMatch(/^ctr_/);
    expect(body.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'approve', 'request_signature']);
    // The draft: the order's terms (12 × ¥259.00, deposit ¥5,999.00 all waived, end buyout ¥1,500.00,
    // early return at most 2 months = ¥518.00), its hash the PDF's.
    const contract = (await kit.call(alice.token, 'GET', `/v1/contracts/${body.contractId}`)).json();
    expect(contract).toMatchObject({
      status: 'draft',
      subject: { kind: 'rental', id: body.id },
      template: 'rental',
      terms: {
        months: 12,
        rentMinor: 25_900,
        upfrontMinor: 25_900,
        depositMinor: 599_900,
        depositWaivedMinor: 599_900,
        buyoutAtEndMinor: 150_000,
        earlyReturnFeeMinor: 51_800,
      },
    });
    const draftPdf = await kit.call(alice.token, 'GET', `/v1/rentals/${body.id}/contract.pdf`);
    expect(draftPdf.statusCode).toBe(200);
    expect(draftPdf.headers['content-type']).toBe('application/pdf');
    expect(createHash('sha256').update(draftPdf.rawPayload).digest('hex')).toBe(contract.documentHash);
    const text = pdfText(draftPdf.rawPayload);
    expect(text).toContain('手机租赁合同');
    expect(text).toContain('¥259.00');
    expect(text).toContain('¥518.00');

    // A stranger sees neither the order's contract nor may sign it.
    const stranger = await signInTestCustomer(s);
    expect((await kit.call(stranger.token, 'GET', `/v1/rentals/${body.id}/contract.pdf`)).statusCode).toBe(404);
    const foreign = await kit.call(stranger.token, 'POST', `/v1/rentals/${body.id}/sign`, {
      code: '000000',
      signature: { kind: 'typed', name: '李四' },
    });
    expect(foreign.statusCode).toBe(404);

    // A wrong code: refused, the order still waits for its signature.
    await kit.call(alice.token, 'POST', `/v1/contracts/${body.contractId}/sign-codes`);
    const wrong = await kit.call(alice.token, 'POST', `/v1/rentals/${body.id}/sign`, {
      code: '000000',
      signature: { kind: 'typed', name: '张三' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('CONTRACTS_CODE_INVALID');
    expect((await kit.call(alice.token, 'GET', `/v1/rentals/${body.id}`)).json().status).toBe('awaiting_signature');

    s.clock.advance(61_000);
    const signedAt = s.clock.now();
    const signed = await kit.signOrder(alice, body);
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'awaiting_payment',
      customerState: { state: 'to_pay' },
      paymentDeadlineAt: new Date(signedAt.getTime() + 120 * 60_000).toISOString(),
    });
    expect(signed.json().timeline.at(-1)).toMatchObject({
      action: 'sign',
      from: 'awaiting_signature',
      actor: 'customer',
    });
    const sealed = await kit.call(alice.token, 'GET', `/v1/rentals/${body.id}/contract.pdf`);
    expect(sealed.headers['content-disposition']).toContain('-signed.pdf');
    expect((await kit.call(alice.token, 'GET', `/v1/contracts/${body.contractId}`)).json().status).toBe('signed');
    // Signing again: the machine refuses it before a code try is counted.
    const again = await kit.call(alice.token, 'POST', `/v1/rentals/${body.id}/sign`, {
      code: '000000',
      signature: { kind: 'typed', name: '张三' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('RENTAL_TRANSITION_NOT_ALLOWED');
    // The event went out; delivering it changes nothing more (the order moved already).
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
    const timeline = (await kit.call(alice.token, 'GET', `/v1/rentals/${body.id}`)).json().timeline;
    expect(timeline.filter((t: { action: string }) => t.action === 'sign')).toHaveLength(1);
  });

  test('a rental contract signed through the contracts route moves the order on from contract_signed, once', async () => {
    const bob = await kit.verifiedCustomer(700);
    const placed = (await kit.call(bob.token, 'POST', '/v1/rentals', order(2), 'sign-bob-1')).json();
    await kit.call(bob.token, 'POST', `/v1/contracts/${placed.contractId}/sign-codes`);
    const signed = await kit.call(bob.token, 'POST', `/v1/contracts/${placed.contractId}/sign`, {
      code: await kit.lastCode(bob.phone),
      signature: { kind: 'typed', name: '张三' },
    });
    expect(signed.statusCode).toBe(200);
    expect((await kit.call(bob.token, 'GET', `/v1/rentals/${placed.id}`)).json().status).toBe('awaiting_signature');
    for (let i = 0; i < 20; i++) if (!(await s.worker.runOnce()).busy) break;
    const after = (await kit.call(bob.token, 'GET', `/v1/rentals/${placed.id}`)).json();
    expect(after.status).toBe('awaiting_payment');
    expect(after.timeline.at(-1)).toMatchObject({ action: 'sign', actor: 'customer' });
    const deliveries = await queryRows<{ n: number }>(
      s.ctx.database.db,
      sql`select count(*)::int as n from rental_order_events where order_id = ${placed.id} and action = 'sign'`,
    );
    expect(deliveries[0]?.n).toBe(1);
  });

  test('a day plan’s contract states its term in days and its daily rent, never as one month', async () => {
    const plan = await createPlan(s.ctx.database.db, {
      input: { skuId: stock.skuId, termUnit: 'day', termCount: 15, rentMinor: 1_500, buyoutAtEndMinor: 500_000 },
      actor: { kind: 'system' },
      now: s.clock.now(),
    });
    const cleo = await kit.verifiedCustomer(700);
    const placed = await kit.call(
      cleo.token,
      'POST',
      '/v1/rentals',
      { skuId: stock.skuId, planId: plan.id, address: testAddress(3) },
      'sign-cleo-1',
    );
    expect(placed.statusCode).toBe(201);
    const contract = (await kit.call(cleo.token, 'GET', `/v1/contracts/${placed.json().contractId}`)).json();
    expect(contract.terms).toMatchObject({ termDays: 15, dailyRentMinor: 1_500, buyoutAtEndMinor: 500_000 });
    expect(contract.terms).not.toHaveProperty('months');
    expect(contract.terms).not.toHaveProperty('rentMinor');
    const text = pdfText(
      (await kit.call(cleo.token, 'GET', `/v1/rentals/${placed.json().id}/contract.pdf`)).rawPayload,
    );
    expect(text).toContain('租期（天）');
    expect(text).toContain('日租金');
    expect(text).not.toContain('租期（月）');
  });
});
