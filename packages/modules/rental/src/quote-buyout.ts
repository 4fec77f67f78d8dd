// The buyout quote (DOMAIN §5): at the end of the term, buyoutAtEndMinor; before it, the remaining
// rents + buyoutAtEndMinor. An operator may take a discount off either, never below zero; the
// discount is a negative line so that the lines add up to the amount.
import { assertNonNegativeMinor, businessDateOf, sumMinor } from '@zulin/kernel';
import {
  type ExitQuote,
  type ExitQuoteContext,
  exitQuoteValidUntil,
  isoInZone,
  lessFaultCredit,
  type QuoteLine,
  type RentalAgreement,
  remainingPeriods,
  rentOf,
  scheduleOf,
  sealQuote,
} from './exit-quote';
import { termEndDate } from './rent-schedule';
import { text, yuan } from './text';

export interface BuyoutOptions {
  /** An operator's discount, capped at the price. */
  operatorDiscountMinor?: number;
}

export function quoteBuyout(
  agreement: RentalAgreement,
  context: ExitQuoteContext,
  options: BuyoutOptions = {},
): ExitQuote {
  const asOf = businessDateOf(context.now, context.timeZone);
  const remaining = remainingPeriods(agreement, asOf);
  const remainingRentMinor = rentOf(remaining);
  const buyoutAtEndMinor = agreement.plan.buyoutAtEndMinor;
  const priceMinor = sumMinor([remainingRentMinor, buyoutAtEndMinor]);
  const wantedDiscountMinor = options.operatorDiscountMinor ?? 0;
  assertNonNegativeMinor(wantedDiscountMinor, 'operatorDiscountMinor');
  const discountMinor = Math.min(wantedDiscountMinor, priceMinor);
  const beforeCreditMinor = priceMinor - discountMinor;
  const early = remaining.length > 0;
  const lines: QuoteLine[] = [];
  if (early) {
    lines.push({
      code: 'remaining_rent',
      label: text('剩余租金', 'Remaining rent'),
      amountMinor: remainingRentMinor,
      quantity: remaining.length,
    });
  }
  lines.push({
    code: 'buyout_at_end',
    label: text('到期买断价', 'Buyout price at the end of the term'),
    amountMinor: buyoutAtEndMinor,
  });
  if (discountMinor > 0) {
    lines.push({ code: 'operator_discount', label: text('商家优惠', 'Discount'), amountMinor: -discountMinor });
  }
  const credited = lessFaultCredit(agreement, { lines, amountMinor: beforeCreditMinor });
  const { amountMinor, faultCreditMinor } = credited;
  const discountWords = text(
    (discountMinor > 0 ? ` − 优惠 ${yuan(discountMinor)}` : '') +
      (faultCreditMinor > 0 ? ` − 故障停机抵扣 ${yuan(faultCreditMinor)}` : ''),
    (discountMinor > 0 ? ` − discount ${yuan(discountMinor)}` : '') +
      (faultCreditMinor > 0 ? ` − fault credit ${yuan(faultCreditMinor)}` : ''),
  );
  const formula = early
    ? text(
        `提前买断 = 剩余 ${remaining.length} 期租金 ${yuan(remainingRentMinor)} + 到期买断价 ${yuan(buyoutAtEndMinor)}${discountWords['zh-CN']} = ${yuan(amountMinor)}`,
        `Early buyout = remaining rent for ${remaining.length} period(s) ${yuan(remainingRentMinor)} + buyout price at the end ${yuan(buyoutAtEndMinor)}${discountWords.en} = ${yuan(amountMinor)}`,
      )
    : text(
        `到期买断 = 到期买断价 ${yuan(buyoutAtEndMinor)}${discountWords['zh-CN']} = ${yuan(amountMinor)}`,
        `Buyout at the end = buyout price ${yuan(buyoutAtEndMinor)}${discountWords.en} = ${yuan(amountMinor)}`,
      );
  return sealQuote({
    kind: 'buyout',
    amountMinor,
    lines: credited.lines,
    formula,
    inputs: {
      asOf,
      startDate: agreement.startDate,
      endDate: termEndDate(scheduleOf(agreement)),
      periodsPaid: agreement.periodsPaid,
      remainingPeriods: remaining.length,
      remainingRentMinor,
      buyoutAtEndMinor,
      operatorDiscountMinor: discountMinor,
      faultCreditAvailableMinor: agreement.faultCreditMinor ?? 0,
      faultCreditMinor,
      early,
    },
    asOf,
    validUntil: isoInZone(
      exitQuoteValidUntil({ ...context, validity: context.timers.exitQuoteValidity }),
      context.timeZone,
    ),
  });
}
