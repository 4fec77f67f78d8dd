// Client-side checks that mirror the server's (packages/modules/identity/src/id-number.ts and
// verify-identity.ts), so that a typo is caught before the request. The server stays the judge.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^[1-9][0-9]{16}[0-9X]$/;
const NAME_PATTERN = /^[\p{Script=Han}A-Za-z][\p{Script=Han}A-Za-z·• ]{0,28}[\p{Script=Han}A-Za-z]$/u;

/** The GB 11643 (ISO 7064 MOD 11-2) check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The same problem codes the server puts in its 422 field errors. */
export type IdNumberProblem = 'ID_FORMAT' | 'ID_CHECK_DIGIT' | 'ID_BIRTH_DATE';

export function idNumberProblem(input: string): IdNumberProblem | null {
  const idNumber = input.trim().toUpperCase();
  if (!SHAPE.test(idNumber)) return 'ID_FORMAT';
  if (idCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) return 'ID_CHECK_DIGIT';
  const year = Number(idNumber.slice(6, 10));
  if (year < 1900 || !isRealDate(year, Number(idNumber.slice(10, 12)), Number(idNumber.slice(12, 14)))) {
    return 'ID_BIRTH_DATE';
  }
  return null;
}

export function isValidName(input: string): boolean {
  return NAME_PATTERN.test(input.trim().normalize('NFC'));
}

/** An 11-digit mainland mobile number (the +86 is added here), or null. */
export function toE164(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? `+86${digits}` : null;
}
