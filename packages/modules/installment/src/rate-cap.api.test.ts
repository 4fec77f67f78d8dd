// The installment side of the configured rate cap (issue #15, catalog's setting): an order cannot be
// placed on an offer whose annualised rate is above the cap in force (lowered under it since it was
// saved), while an order placed before keeps the terms it was placed with; the overdue policy's penalty
// rate is held to the configured cap, and its view shows that cap.
import type { AddressInfo } from 'node:net';
import { createInstallmentOffer } from '@zulin/catalog';
import { transaction } from '@zulin/db';
import { describeDb } from '@zulin/db/testing';
import { signInTestStaff } from '@zulin/identity/testing';
import { assertLedgerConsistent } from '@zulin/ledger';
import { usePaymentsBaseUrl } from '@zulin/payments/testing';
import { createTestServer, type TestServer } from '@zulin/platform/testing';
import { modules } from '@zulin/product';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createStandardOffer, installmentApiKit } from './testing';

describeDb('installment under the configured rate cap', (get) => {
  let s: TestServer;
  let kit: ReturnType<typeof installmentApiKit>;
  let standard: { skuId: string; offerId: string };
  const capUrl = '/v1/admin/installment-rate-cap';
  const policyUrl = '/v1/admin/installment-overdue-policy';

  beforeAll(async () => {
    s = await createTestServer(get().database, { modules });
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    usePaymentsBaseUrl(s.ctx, `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}`);
    s.clock.set('2026-06-01T02:00:00Z');
    kit = installmentApiKit(s, { idSequence: 740, name: '钱七', birthYear: '1990' });
    // 12 months at 12.00 %, 10 % down, on a ¥5,999.00 phone.
    standard = await createStandardOffer(s);
  });
  afterAll(async () => {
    await s?.close();
  });

  test('an order on an offer above a lowered cap is refused naming both rates; one placed before keeps its terms', async () => {
    const finance = await signInTestStaff(s, 'finance');
    // LPR 3.45 % × 4 = 13.80 %: a 6-month offer at 13.00 % a year may be saved.
    expect((await kit.call(finance.token, 'PUT', capUrl, { lprBps: 345, capMultiple: 4 })).statusCode).toBe(200);
    const dearer = await transaction(s.ctx.database, (tx) =>
      createInstallmentOffer(tx, {
        input: { skuId: standard.skuId, termMonths: 6, annualRateBps: 1300, method: 'equal_installment' },
        actor: { kind: 'system' },
        now: s.clock.now(),
      }),
    );
    expect(dearer.aprSimpleBps).toBe(1300);
    const offer = { skuId: standard.skuId, offerId: dearer.id };
    const early = await kit.verifiedCustomer();
    await kit.fund(early.customerId, 1_000_000);
    const placedBefore = await kit.place(early, offer);
    expect(placedBefore.status).toBe('awaiting_signature');

    // Back to LPR 3.00 %: the cap is 12.00 % and the offer is above it.
    const lowered = await kit.call(finance.token, 'PUT', capUrl, { lprBps: 300 });
    expect(lowered.json()).toMatchObject({
      capBps: 1200,
      offersAboveCap: { total: 1, data: [{ offerId: dearer.id }] },
    });

    const late = await kit.verifiedCustomer();
    const refused = await kit.call(late.token, 'POST', '/v1/installment-orders', offer);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'INSTALLMENT_RATE_ABOVE_CAP',
      detail:
        "The offer's annualised rate of 13.00 % is above the cap of 12.00 % in force, so it cannot be ordered until the offer is changed.",
      errors: [{ path: '/body/offerId', code: 'rate_above_cap' }],
    });
    // The offer at the cap is still ordered.
    expect((await kit.call(late.token, 'POST', '/v1/installment-orders', standard)).statusCode).toBe(201);

    // The order placed before keeps its terms: 13.00 % a year and, its penalty rate being "the cap",
    // the 13.80 % cap in force when it was placed. No down payment: signing starts it.
    const signed = await kit.sign(early, placedBefore);
    expect(signed).toMatchObject({ status: 'active', aprSimpleBps: 1300, annualRateBps: 1300, termMonths: 6 });
    await kit.drain();
    const own = (await kit.call(early.token, 'GET', `/v1/installment-orders/${placedBefore.id}`)).json();
    expect(own).toMatchObject({ status: 'active', aprSimpleBps: 1300, penaltyAnnualRateBps: 1380 });
    await assertLedgerConsistent(s.ctx.database.db);
  });

  test('the penalty rate is held to the configured cap, and the overdue policy shows it', async () => {
    const finance = await signInTestStaff(s, 'finance');
    // At 13.80 % a penalty rate of 13.50 % is allowed, and "the cap" means 13.80 % for new orders.
    expect((await kit.call(finance.token, 'PUT', capUrl, { lprBps: 345 })).statusCode).toBe(200);
    expect((await kit.call(finance.token, 'GET', policyUrl)).json()).toMatchObject({
      policy: { penaltyAnnualRateBps: null },
      penaltyRateForNewOrdersBps: 1380,
      rateCapBps: 1380,
    });
    const saved = await kit.call(finance.token, 'PUT', policyUrl, { penaltyAnnualRateBps: 1350 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ policy: { penaltyAnnualRateBps: 1350 }, rateCapBps: 1380 });
    const customer = await kit.verifiedCustomer();
    await kit.fund(customer.customerId, 1_000_000);
    const placed = await kit.place(customer, standard);
    const contract = await kit.call(customer.token, 'GET', `/v1/contracts/${placed.contractId}`);
    expect(contract.json().terms.penaltyAnnualRateBps).toBe(1350);

    // The cap back at 12.00 %: the stored 13.50 % reads as the cap and new orders carry 12.00 %.
    expect((await kit.call(finance.token, 'PUT', capUrl, {})).json().capBps).toBe(1200);
    expect((await kit.call(finance.token, 'GET', policyUrl)).json()).toMatchObject({
      policy: { penaltyAnnualRateBps: 1200 },
      penaltyRateForNewOrdersBps: 1200,
      rateCapBps: 1200,
    });
    const next = await kit.verifiedCustomer();
    await kit.fund(next.customerId, 1_000_000);
    const placedAfter = await kit.place(next, standard);
    const contractAfter = await kit.call(next.token, 'GET', `/v1/contracts/${placedAfter.contractId}`);
    expect(contractAfter.json().terms.penaltyAnnualRateBps).toBe(1200);
    // The order placed before keeps its 13.50 %.
    expect(
      (await kit.call(customer.token, 'GET', `/v1/installment-orders/${placed.id}`)).json().penaltyAnnualRateBps,
    ).toBe(1350);
    // 13.50 % is now refused, named with the field.
    const refused = await kit.call(finance.token, 'PUT', policyUrl, { penaltyAnnualRateBps: 1350 });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('INSTALLMENT_POLICY_INVALID');
    expect(refused.json().errors).toEqual([
      expect.objectContaining({
        path: '/body/penaltyAnnualRateBps',
        message: 'must be null (the cap) or 0 to the cap of 1200 bps',
      }),
    ]);
  });
});
