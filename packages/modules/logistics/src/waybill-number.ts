// Waybill numbers in the UPU S10 format that China Post and EMS print on their parcels: two letters
// (the service), an 8-digit serial, a check digit and the country ("EA123456785CN"). The check digit
// weighs the serial's digits by 8 6 4 2 3 5 9 7, takes 11 − (sum mod 11), and writes 10 as 0 and 11
// as 5 — so a mistyped digit or two swapped neighbours are caught before we ask the carrier.
import { assert } from '@zulin/kernel';
import { LogisticsErrors } from './errors';

const weights = [8, 6, 4, 2, 3, 5, 9, 7] as const;
const pattern = /^([A-Z]{2})([0-9]{8})([0-9])([A-Z]{2})$/;

export function s10CheckDigit(serial: string): number {
  assert(/^[0-9]{8}$/.test(serial), `an S10 serial is 8 digits: ${serial}`);
  let sum = 0;
  for (const [i, weight] of weights.entries()) sum += (serial.charCodeAt(i) - 48) * weight;
  const check = 11 - (sum % 11);
  if (check === 10) return 0;
  if (check === 11) return 5;
  return check;
}

/** The waybill number for the n-th parcel (serials 0 … 99,999,999) of a service in a country. */
export function s10Number(options: { service: string; serial: number; country?: string }): string {
  const { service, serial } = options;
  const country = options.country ?? 'CN';
  assert(/^[A-Z]{2}$/.test(service), `the service indicator is two capital letters: ${service}`);
  assert(/^[A-Z]{2}$/.test(country), `the country is two capital letters: ${country}`);
  assert(Number.isSafeInteger(serial) && serial >= 0 && serial <= 99_999_999, `serial out of range: ${serial}`);
  const digits = String(serial).padStart(8, '0');
  return `${service}${digits}${s10CheckDigit(digits)}${country}`;
}

export function isS10Number(s: string, service?: string): boolean {
  const match = pattern.exec(s);
  if (match === null) return false;
  const [, indicator, serial = '', check] = match;
  if (service !== undefined && indicator !== service) return false;
  return s10CheckDigit(serial) === Number(check);
}

/** Checks a waybill number from outside (a scan, a form) before it is looked up. */
export function parseS10Number(s: unknown, service?: string): string {
  const value = typeof s === 'string' ? s.trim().toUpperCase() : '';
  if (!isS10Number(value, service)) {
    throw LogisticsErrors.LOGISTICS_WAYBILL_INVALID({
      detail: `Expected a waybill number like ${service ?? 'EA'}123456785CN with a valid check digit.`,
    });
  }
  return value;
}
