// The early-return quote (DOMAIN §5): a term of 3 months or less owes the whole remaining rent; a
// longer term owes min(2 periods' rent, remaining rent). "Remaining rent" is the rent of the periods
// not begun and not paid (exit-quote.ts); "2 periods' rent" is the rent of the next two of them, so a
// renewed rental is charged at the rate it is paying now. Day plans are short terms, paid in full at
// checkout, so nothing remains. Months are the contracted months, renewals included.
import { businessDateOf } from '@zulin/kernel';
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
import { contractedMonths, termEndDate } from './rent-schedule';
import { text, yuan } from './text';

/** Terms up to this many months owe all their remaining rent on an early return. */
export const shortTermMonthsMax = 3;
/** Longer terms owe at most this many periods' rent. */
export const earlyReturnPeriodsCap = 2;

export function quoteEarlyReturn(agreement: RentalAgreement, context: ExitQuoteContext): ExitQuote {
  const asOf = businessDateOf(context.now, context.timeZone);
  const remaining = remainingPeriods(agreement, asOf);
  const months = contractedMonths(agreement.plan, agreement.renewals);
  const shortTerm = agreement.plan.termUnit === 'day' || months <= shortTermMonthsMax;
  const remainingRentMinor = rentOf(remaining);
  const capped = remaining.slice(0, earlyReturnPeriodsCap);
  const capMinor = rentOf(capped);
  const owed = shortTerm ? remaining : capped;
  const chargedMinor = shortTerm ? remainingRentMinor : Math.min(capMinor, remainingRentMinor);
  const charged: QuoteLine[] =
    chargedMinor === 0
      ? []
      : [
          {
            code: shortTerm ? 'remaining_rent' : 'early_return_fee',
            label: shortTerm
              ? text('剩余租金', 'Remaining rent')
              : text('提前归还费（2 期租金封顶）', 'Early-return fee (at most 2 periods of rent)'),
            amountMinor: chargedMinor,
            quantity: owed.length,
          },
        ];
  const { lines, amountMinor, faultCreditMinor } = lessFaultCredit(agreement, {
    lines: charged,
    amountMinor: chargedMinor,
  });
  const termWords =
    agreement.plan.termUnit === 'day'
      ? text(`${agreement.plan.termCount} 天租期`, `${agreement.plan.termCount}-day term`)
      : text(`${months} 个月租期`, `${months}-month term`);
  return sealQuote({
    kind: 'early_return',
    amountMinor,
    lines,
    formula: formulaOf({
      shortTerm,
      termWords,
      remaining: remaining.length,
      remainingRentMinor,
      capMinor,
      chargedMinor,
      faultCreditMinor,
      amountMinor,
    }),
    inputs: {
      asOf,
      startDate: agreement.startDate,
      endDate: termEndDate(scheduleOf(agreement)),
      termUnit: agreement.plan.termUnit,
      contractedMonths: months,
      periodsPaid: agreement.periodsPaid,
      remainingPeriods: remaining.length,
      remainingRentMinor,
      twoPeriodsRentMinor: capMinor,
      faultCreditAvailableMinor: agreement.faultCreditMinor ?? 0,
      faultCreditMinor,
      rule: shortTerm ? 'whole_remaining_rent' : 'two_periods_cap',
    },
    asOf,
    validUntil: isoInZone(
      exitQuoteValidUntil({ ...context, validity: context.timers.exitQuoteValidity }),
      context.timeZone,
    ),
  });
}

function formulaOf(f: {
  shortTerm: boolean;
  termWords: { 'zh-CN': string; en: string };
  remaining: number;
  remainingRentMinor: number;
  capMinor: number;
  chargedMinor: number;
  faultCreditMinor: number;
  amountMinor: number;
}) {
  const base = baseFormulaOf(f);
  if (f.faultCreditMinor === 0) return base;
  return text(
    `${base['zh-CN']}；扣除故障停机抵扣 ${yuan(f.faultCreditMinor)}，应付 ${yuan(f.amountMinor)}`,
    `${base.en}; less the fault credit ${yuan(f.faultCreditMinor)}: ${yuan(f.amountMinor)}`,
  );
}

function baseFormulaOf(f: {
  shortTerm: boolean;
  termWords: { 'zh-CN': string; en: string };
  remaining: number;
  remainingRentMinor: number;
  capMinor: number;
  chargedMinor: number;
}) {
  if (f.remaining === 0) {
    return text(
      `${f.termWords['zh-CN']}：所有租期均已开始或已付清，提前归还无需再付租金，应付 ${yuan(0)}`,
      `${f.termWords.en}: every period has begun or is paid, so an early return owes no more rent: ${yuan(0)}`,
    );
  }
  if (f.shortTerm) {
    return text(
      `${f.termWords['zh-CN']}（不超过 3 个月）：提前归还需付全部剩余租金，剩余 ${f.remaining} 期共 ${yuan(f.remainingRentMinor)}，应付 ${yuan(f.chargedMinor)}`,
      `${f.termWords.en} (3 months or less): an early return owes the whole remaining rent, ${f.remaining} period(s) totalling ${yuan(f.remainingRentMinor)}: ${yuan(f.chargedMinor)}`,
    );
  }
  return text(
    `${f.termWords['zh-CN']}（超过 3 个月）：提前归还费 = min(2 期租金 ${yuan(f.capMinor)}，剩余租金 ${yuan(f.remainingRentMinor)}) = ${yuan(f.chargedMinor)}`,
    `${f.termWords.en} (longer than 3 months): early-return fee = min(2 periods' rent ${yuan(f.capMinor)}, remaining rent ${yuan(f.remainingRentMinor)}) = ${yuan(f.chargedMinor)}`,
  );
}
