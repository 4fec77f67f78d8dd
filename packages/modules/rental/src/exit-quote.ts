// What the priced exits (early return, buyout, renewal) share: the agreement they are priced on, the
// quote's shape ({ kind, amountMinor, lines, formula, inputs, validUntil }, API.md), the rule of which
// rent is still "remaining", and how long a quote stays valid.
import {
  addDays,
  assert,
  type BusinessDate,
  businessDateOf,
  compareDates,
  isBusinessDate,
  startOfDayInstant,
  sumMinor,
} from '@zulin/kernel';
import { RentalErrors } from './errors';
import type { PlanAddOn, RentalPlanTerms } from './plan-terms';
import { buildRentSchedule, type Renewal, type RentPeriod } from './rent-schedule';
import { type Text, text } from './text';
import { type ExitQuoteValidity, minutesOfLocalTime, type RentalTimers } from './timers';

/** A running rental as the exit quotes see it: copied from the order, never from the live catalog. */
export interface RentalAgreement {
  plan: RentalPlanTerms;
  /** The add-ons taken at checkout. */
  addOns: readonly PlanAddOn[];
  /** The first day of rent: the day after the delivery was signed for. */
  startDate: BusinessDate;
  renewals: readonly Renewal[];
  /** Periods paid in full, counted from period 1 (those paid at checkout included). */
  periodsPaid: number;
  /**
   * Fault credit granted (DOMAIN §5: no rent for days without a working phone) that the customer has
   * not received yet: credit no rent bill has taken, plus credit taken off the bill of a period the
   * exit counts as remaining (that period is charged again in full by the exit). Taken off the
   * quote, never below zero (exit-fault-credit.ts). Absent: none.
   */
  faultCreditMinor?: number;
}

export type ExitQuoteKind = 'early_return' | 'buyout' | 'renewal';

export interface QuoteLine {
  code: string;
  label: Text;
  /** Signed: a discount or cap is a negative line, so the lines add up to the quote's amount. */
  amountMinor: number;
  quantity?: number;
  unitMinor?: number;
}

export interface ExitQuote {
  kind: ExitQuoteKind;
  amountMinor: number;
  lines: QuoteLine[];
  formula: Text;
  inputs: Record<string, string | number | boolean>;
  /** The business date the quote was priced on. */
  asOf: BusinessDate;
  /** The first instant the quote is no longer valid, ISO 8601 with the operator's offset. */
  validUntil: string;
}

export interface ExitQuoteContext {
  now: Date;
  timeZone: string;
  timers: RentalTimers;
}

export function scheduleOf(agreement: RentalAgreement): RentPeriod[] {
  return buildRentSchedule({
    plan: agreement.plan,
    startDate: agreement.startDate,
    addOns: agreement.addOns,
    renewals: agreement.renewals,
  });
}

/**
 * The rent still to come on `asOf`: the periods that have not begun and are not paid yet. A period
 * that has begun is owed in full through its own bill (rent is paid in advance and is not pro-rated
 * on an exit); a period paid ahead of time is not owed twice.
 */
export function remainingPeriods(agreement: RentalAgreement, asOf: BusinessDate): RentPeriod[] {
  const schedule = scheduleOf(agreement);
  assert(isBusinessDate(asOf), `asOf must be a business date: ${asOf}`);
  assert(Number.isInteger(agreement.periodsPaid), 'periodsPaid must be an integer');
  assert(agreement.periodsPaid >= 0, 'periodsPaid must not be negative');
  assert(agreement.periodsPaid <= schedule.length, 'periodsPaid must not exceed the schedule');
  if (compareDates(asOf, agreement.startDate) < 0) {
    throw RentalErrors.RENTAL_NOT_STARTED({ detail: `Rent starts on ${agreement.startDate}.` });
  }
  return schedule.filter((p) => compareDates(p.periodStart, asOf) > 0 && p.period > agreement.periodsPaid);
}

export function rentOf(periods: readonly RentPeriod[]): number {
  return sumMinor(periods.map((p) => p.rentMinor));
}

/**
 * Takes the agreement's fault credit off a quote's amount as a negative `fault_credit` line, at most
 * the amount (a quote is never negative). Answers the lines, the amount and the credit taken.
 */
export function lessFaultCredit(
  agreement: RentalAgreement,
  priced: { lines: QuoteLine[]; amountMinor: number },
): { lines: QuoteLine[]; amountMinor: number; faultCreditMinor: number } {
  const available = agreement.faultCreditMinor ?? 0;
  assert(Number.isSafeInteger(available) && available >= 0, 'a fault credit is a non-negative integer');
  const faultCreditMinor = Math.min(available, priced.amountMinor);
  if (faultCreditMinor === 0) return { ...priced, faultCreditMinor };
  return {
    lines: [
      ...priced.lines,
      {
        code: 'fault_credit',
        label: text('故障停机抵扣', 'Fault credit (days without a phone)'),
        amountMinor: -faultCreditMinor,
      },
    ],
    amountMinor: priced.amountMinor - faultCreditMinor,
    faultCreditMinor,
  };
}

/** Checks the quote's invariants before it leaves: integer amounts, lines adding up, nothing negative. */
export function sealQuote(quote: ExitQuote): ExitQuote {
  assert(Number.isSafeInteger(quote.amountMinor), 'a quote amount is an integer');
  assert(quote.amountMinor >= 0, 'a quote amount is never negative');
  assert(sumMinor(quote.lines.map((l) => l.amountMinor)) === quote.amountMinor, 'quote lines add up to the amount');
  return Object.freeze(quote);
}

/** Whether a quote may still be acted on at `now` (validUntil is exclusive). */
export function isQuoteValid(quote: Pick<ExitQuote, 'validUntil'>, now: Date): boolean {
  return now.getTime() < Date.parse(quote.validUntil);
}

/**
 * The end of a quote's validity. End of business day: the configured local time of today, or
 * midnight when asked after it. Minutes: that long from now, but never past midnight — tomorrow is
 * another business date, on which the same exit may cost something else.
 */
export function exitQuoteValidUntil(options: { now: Date; timeZone: string; validity: ExitQuoteValidity }): Date {
  const { now, timeZone, validity } = options;
  const today = businessDateOf(now, timeZone);
  const midnight = startOfDayInstant(addDays(today, 1), timeZone);
  if (validity.mode === 'minutes') {
    return new Date(Math.min(now.getTime() + validity.minutes * 60_000, midnight.getTime()));
  }
  const cutoff = localInstant(today, minutesOfLocalTime(validity.endOfBusinessDay), timeZone);
  return now.getTime() < cutoff.getTime() ? cutoff : midnight;
}

/** The instant at `minutes` after local midnight of `date`; 1440 is the next midnight. */
export function localInstant(date: BusinessDate, minutes: number, timeZone: string): Date {
  if (minutes === 24 * 60) return startOfDayInstant(addDays(date, 1), timeZone);
  const startMs = startOfDayInstant(date, timeZone).getTime();
  const guess = new Date(startMs + minutes * 60_000);
  // On a day when the clocks change, the wall clock at the guess differs; correct it once by that.
  // Late on a short (spring-forward) day the guess is already on the next date, whose wall clock
  // counts from that date's midnight: 24 h later in the frame of `date`.
  const wallInDateFrame = wallMinutes(guess, timeZone) + (businessDateOf(guess, timeZone) === date ? 0 : 24 * 60);
  const driftMinutes = minutes - wallInDateFrame;
  return new Date(guess.getTime() + driftMinutes * 60_000);
}

function wallMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' })
    .formatToParts(instant)
    .filter((p) => p.type === 'hour' || p.type === 'minute')
    .map((p) => Number(p.value));
  const [hour = 0, minute = 0] = parts;
  return hour * 60 + minute;
}

/** An instant written in the zone's local time with its offset: 2027-03-01T00:00:00+08:00. */
export function isoInZone(instant: Date, timeZone: string): string {
  const date = businessDateOf(instant, timeZone);
  const wallMs = Date.parse(`${date}T00:00:00Z`) + wallSeconds(instant, timeZone) * 1000;
  const offsetMinutes = Math.round((wallMs - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${new Date(wallMs).toISOString().slice(0, 19)}${offset}`;
}

function wallSeconds(instant: Date, timeZone: string): number {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const get = (type: string) => Number(formatter.formatToParts(instant).find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 3600 + get('minute') * 60 + get('second');
}
