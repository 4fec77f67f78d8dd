// Property: whatever the channel does with an inspection's plan — captures it or refuses, completes
// in one go (Pay Score) or in parts (Alipay), releases the rest or not yet — what the settlement
// records keeps deposit authorised = captured + released + still held and charge = captured + billed,
// and when the channel did everything, nothing is left held and exactly min(charge, hold) is captured.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { settlementOf } from './capture-deposit';
import { settleDeposit } from './settle-inspection';

const amount = fc.oneof(fc.constantFrom(0, 1, 100_000_000), fc.integer({ min: 0, max: 100_000_000 }));

/** The hold's running amounts after the channel's answers, as payments keeps them. */
function channel(
  holdMinor: number,
  captureMinor: number,
  answers: { captured: boolean; partial: boolean; released: boolean },
) {
  let captured = 0;
  let released = 0;
  if (captureMinor > 0 && answers.captured) {
    captured = captureMinor;
    // Pay Score completes once and gives back the rest with the completion.
    if (!answers.partial) released = holdMinor - captured;
  }
  const left = holdMinor - captured - released;
  if (left > 0 && answers.released) released += left;
  return { amountMinor: holdMinor, capturedMinor: captured, releasedMinor: released };
}

test('authorised = captured + released + held; charge = captured + billed; all done → nothing held', () => {
  fc.assert(
    fc.property(
      amount,
      amount,
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      (chargeMinor, holdMinor, hasHold, captured, partial, released) => {
        const held = hasHold ? holdMinor : 0;
        const plan = settleDeposit({ chargeMinor, depositHeldMinor: held });
        const hold = hasHold ? channel(held, plan.captureMinor, { captured, partial, released }) : null;
        const s = settlementOf(chargeMinor, hold);
        expect(s.capturedMinor + s.releasedMinor + s.heldMinor).toBe(held);
        expect(s.capturedMinor + s.billedMinor).toBe(chargeMinor);
        expect(s.billedMinor).toBeGreaterThanOrEqual(0);
        const capturedAsPlanned = !hasHold || captured || plan.captureMinor === 0;
        if (capturedAsPlanned) {
          expect(s.capturedMinor).toBe(Math.min(chargeMinor, held));
          expect(s.billedMinor).toBe(plan.billMinor);
          // The rest given back (asked, or Pay Score's completion): nothing stays held.
          if (released || (!partial && plan.captureMinor > 0)) expect(s.heldMinor).toBe(0);
        } else {
          expect(s.billedMinor).toBe(chargeMinor);
        }
      },
    ),
    { numRuns: 2_000 },
  );
});

test('a refused capture bills the whole charge: ¥719.88 on a ¥1,799.70 hold, refused → ¥719.88 billed, the hold released', () => {
  const hold = channel(179_970, 71_988, { captured: false, partial: true, released: true });
  expect(settlementOf(71_988, hold)).toEqual({
    capturedMinor: 0,
    releasedMinor: 179_970,
    heldMinor: 0,
    billedMinor: 71_988,
  });
});
