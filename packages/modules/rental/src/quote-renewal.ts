// The renewal quote (DOMAIN §5, issue #14): 1, 3, 6 or 12 more months at the plan's renewal rent
// (a day plan: 7, 15 or 30 more days at its daily renewal rent), offered from `renewalWindowDays`
// (15) days before the last day of the term up to that last day. The new periods continue the
// schedule with the same anchor day and carry the per-period add-ons the customer took (the cover
// goes on while the phone does). The amount is what the renewal adds to the contract; each new
// period is billed on its due date like the others.
import { addDays, assert, businessDateOf, compareDates, sumMinor } from '@zulin/kernel';
import { RentalErrors } from './errors';
import {
  type ExitQuote,
  type ExitQuoteContext,
  exitQuoteValidUntil,
  isoInZone,
  type QuoteLine,
  type RentalAgreement,
  scheduleOf,
  sealQuote,
} from './exit-quote';
import {
  buildRentSchedule,
  type Renewal,
  type RentPeriod,
  renewalDayCounts,
  renewalMonthCounts,
  termEndDate,
} from './rent-schedule';
import { text, yuan } from './text';

export interface RenewalQuote extends ExitQuote {
  kind: 'renewal';
  /** What to store on the order when the customer accepts. */
  renewal: Renewal;
  /** The new periods with their due dates. */
  schedule: RentPeriod[];
}

export function quoteRenewal(
  agreement: RentalAgreement,
  context: ExitQuoteContext,
  request: { count: number },
): RenewalQuote {
  const { plan } = agreement;
  const asOf = businessDateOf(context.now, context.timeZone);
  const { endDate, opensOn } = checkRenewal(agreement, context, asOf, request.count);
  const renewal: Renewal = { unit: plan.termUnit, count: request.count, rentMinor: plan.renewalRentMinor };
  const renewals = [...agreement.renewals, renewal];
  const all = buildRentSchedule({ plan, startDate: agreement.startDate, addOns: agreement.addOns, renewals });
  const schedule = all.filter((p) => p.segment === renewals.length);
  const rentMinor = sumMinor(schedule.map((p) => p.rentMinor));
  const lines: QuoteLine[] = [
    {
      code: 'renewal_rent',
      label: text('续租租金', 'Renewal rent'),
      amountMinor: rentMinor,
      quantity: request.count,
      unitMinor: plan.renewalRentMinor,
    },
  ];
  for (const addOn of agreement.addOns.filter((a) => a.per === 'period')) {
    const amountMinor = addOn.priceMinor * request.count;
    lines.push({
      code: `add_on_${addOn.code}`,
      label: addOnLabels[addOn.code],
      amountMinor,
      quantity: request.count,
      unitMinor: addOn.priceMinor,
    });
  }
  const amountMinor = sumMinor(lines.map((l) => l.amountMinor));
  assert(amountMinor === sumMinor(schedule.map((p) => p.amountMinor)), 'the quote is what the new periods will bill');
  const unitWords = plan.termUnit === 'month' ? text('个月', 'month(s)') : text('天', 'day(s)');
  const first = schedule[0];
  const last = schedule.at(-1);
  return {
    ...sealQuote({
      kind: 'renewal',
      amountMinor,
      lines,
      formula: text(
        `续租 ${request.count} ${unitWords['zh-CN']} × 续租租金 ${yuan(plan.renewalRentMinor)}${lines.length > 1 ? ' + 按期附加服务' : ''} = ${yuan(amountMinor)}，租期延至 ${last?.periodEnd}，按原还款日每期扣款`,
        `Renew for ${request.count} ${unitWords.en} × renewal rent ${yuan(plan.renewalRentMinor)}${lines.length > 1 ? ' + per-period add-ons' : ''} = ${yuan(amountMinor)}; the term runs to ${last?.periodEnd}, billed on the same due day`,
      ),
      inputs: {
        asOf,
        endDate,
        renewalOpensOn: opensOn,
        termUnit: plan.termUnit,
        count: request.count,
        renewalRentMinor: plan.renewalRentMinor,
        firstDueDate: first?.dueDate ?? endDate,
        newEndDate: last?.periodEnd ?? endDate,
      },
      asOf,
      validUntil: isoInZone(
        exitQuoteValidUntil({ ...context, validity: context.timers.exitQuoteValidity }),
        context.timeZone,
      ),
    }),
    kind: 'renewal',
    renewal,
    schedule,
  };
}

const addOnLabels = {
  screen_insurance: text('碎屏险', 'Screen insurance'),
  accident_cover: text('意外保障', 'Accident cover'),
} as const;

/** Refuses a renewal of a length not offered, or asked outside the window before the end of the term. */
function checkRenewal(agreement: RentalAgreement, context: ExitQuoteContext, asOf: string, count: number) {
  const { termUnit } = agreement.plan;
  const counts = termUnit === 'month' ? renewalMonthCounts : renewalDayCounts;
  if (!counts.includes(count)) {
    throw RentalErrors.RENTAL_RENEWAL_TERM_INVALID({
      detail: `A ${termUnit} plan renews for ${counts.join(', ')} ${termUnit}s.`,
      errors: [{ path: termUnit === 'month' ? '/body/months' : '/body/days', message: `one of ${counts.join(', ')}` }],
    });
  }
  const endDate = termEndDate(scheduleOf(agreement));
  const opensOn = addDays(endDate, -context.timers.renewalWindowDays);
  if (compareDates(asOf, opensOn) < 0) {
    throw RentalErrors.RENTAL_RENEWAL_TOO_EARLY({
      detail: `Renewal opens on ${opensOn}; the term ends on ${endDate}.`,
    });
  }
  if (compareDates(asOf, endDate) > 0) {
    throw RentalErrors.RENTAL_RENEWAL_TOO_LATE({ detail: `The term ended on ${endDate}.` });
  }
  return { endDate, opensOn };
}
