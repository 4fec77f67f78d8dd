// IMEI: 15 digits, the last a Luhn check digit over the first 14; the first 8 are the Type
// Allocation Code (make and model).
export type ImeiProblem = 'format' | 'check_digit';

/** The Luhn check digit for a string of digits (the digit that would be appended). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  // From the right of the payload, every other digit (starting with the rightmost) is doubled.
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

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
