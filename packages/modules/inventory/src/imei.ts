// IMEI: 15 digits, the last a Luhn check digit over the first 14; the first 8 are the Type
// Allocation Code (make and model).
import { luhnCheckDigit } from '@zulin/kernel';

export type ImeiProblem = 'format' | 'check_digit';

/** null when the IMEI is valid, otherwise what is wrong with it. */
export function imeiProblem(imei: string): ImeiProblem | null {
  if (!/^\d{15}$/.test(imei)) return 'format';
  return luhnCheckDigit(imei.slice(0, 14)) === imei.charCodeAt(14) - 48 ? null : 'check_digit';
}

export function tacOf(imei: string): string {
  return imei.slice(0, 8);
}

/** A valid IMEI from a 14-digit body (tests, demo data). */
export function withCheckDigit(body14: string): string {
  if (!/^\d{14}$/.test(body14)) throw new Error(`an IMEI body is 14 digits: ${body14}`);
  return `${body14}${luhnCheckDigit(body14)}`;
}

export function imeiProblemMessage(problem: ImeiProblem): string {
  return problem === 'format' ? 'must be exactly 15 digits' : 'the check digit (Luhn) is wrong';
}
