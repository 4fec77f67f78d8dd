// The arithmetic of a cancellation: for any price, down-payment share and part of it paid, the
// reversal takes the whole price out of 4050, and 1210 and the customer end where they started.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { saleReversalAmounts } from './cancel-order';

test('a cancelled order leaves 1210, 4050 and the customer exactly where they were', () => {
  fc.assert(
    fc.property(
      fc.oneof(fc.constantFrom(1, 2, 100_000_000), fc.integer({ min: 1, max: 100_000_000 })),
      fc.oneof(fc.constantFrom(0, 1, 9000), fc.integer({ min: 0, max: 9000 })),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
      (priceMinor, downPaymentBps, paidShare, channelShare) => {
        const downPaymentMinor = Math.floor((priceMinor * downPaymentBps) / 10_000 + 0.5);
        const paidMinor = Math.floor(downPaymentMinor * paidShare);
        const paidByChannelMinor = Math.floor(paidMinor * channelShare);
        const { fromFinancedMinor, toWalletMinor, toChannelMinor } = saleReversalAmounts({
          priceMinor,
          downPaymentMinor,
          paidMinor,
          paidByChannelMinor,
        });
        expect(Number.isSafeInteger(fromFinancedMinor) && fromFinancedMinor >= 0).toBe(true);
        // Each part goes back the way it came.
        expect(toChannelMinor).toBe(paidByChannelMinor);
        expect(toWalletMinor).toBe(paidMinor - paidByChannelMinor);
        // 1210: + price at the sale, − down at the bill's issue, + (down − paid) withdrawn, − reversal.
        expect(priceMinor - downPaymentMinor + (downPaymentMinor - paidMinor) - fromFinancedMinor).toBe(0);
        // 4050: − price at the sale, + both reversal legs.
        expect(-priceMinor + fromFinancedMinor + toWalletMinor + toChannelMinor).toBe(0);
        // The customer: − paid into the bill, + the refunds (wallet and channel).
        expect(-paidMinor + toWalletMinor + toChannelMinor).toBe(0);
      },
    ),
    { numRuns: 2000 },
  );
  expect(() => saleReversalAmounts({ priceMinor: 100, downPaymentMinor: 10, paidMinor: 11 })).toThrow();
  expect(() =>
    saleReversalAmounts({ priceMinor: 100, downPaymentMinor: 10, paidMinor: 5, paidByChannelMinor: 6 }),
  ).toThrow();
});
