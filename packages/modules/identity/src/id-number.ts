// The 18-digit resident identity number (GB 11643-1999): 6 digits of region, 8 of birth date,
// 3 of sequence, and a check character (ISO 7064 MOD 11-2).
import { type BusinessDate, isBusinessDate } from '@zulin/kernel';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const SHAPE = /^[1-9][0-9]{16}[0-9X]$/;

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

export type IdNumberProblem = 'format' | 'check_digit' | 'birth_date';

/** Upper-cases the trailing x and checks shape, check character and birth date. */
export function checkIdNumber(
  input: string,
): { ok: true; idNumber: string; birthDate: BusinessDate } | { ok: false; problem: IdNumberProblem } {
  const idNumber = input.trim().toUpperCase();
  if (!SHAPE.test(idNumber)) return { ok: false, problem: 'format' };
  if (idCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) return { ok: false, problem: 'check_digit' };
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isBusinessDate(birthDate) || Number(idNumber.slice(6, 10)) < 1900) return { ok: false, problem: 'birth_date' };
  return { ok: true, idNumber, birthDate };
}

/** Whole years from `birthDate` to `on` (a 29 February birthday counts from 1 March in other years). */
export function ageOn(birthDate: BusinessDate, on: BusinessDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** Builds a valid ID number from region, birth date (YYYYMMDD) and sequence — for tests and the sandbox docs. */
export function makeIdNumber(region: string, birthYYYYMMDD: string, sequence: string): string {
  const first17 = `${region}${birthYYYYMMDD}${sequence}`;
  return `${first17}${idCheckChar(first17)}`;
}
