// Addresses on waybills: checked before a carrier is asked, and masked on the label (隐私面单) so
// that a parcel on a doorstep does not give away who lives there and their phone number (PIPL).

import type { Address } from './carrier';
import { LogisticsErrors } from './errors';
import { LogisticsLimits } from './limits';

const phonePattern = /^\+861[3-9][0-9]{9}$/;
const fields = ['name', 'phone', 'province', 'city', 'district', 'line'] as const;

export function checkAddress(address: Address, path: string): void {
  const errors = [];
  for (const field of fields) {
    const value = address[field];
    if (
      typeof value !== 'string' ||
      value.trim().length === 0 ||
      value.length > LogisticsLimits.addressFieldLengthMax
    ) {
      errors.push({ path: `${path}/${field}`, message: `1–${LogisticsLimits.addressFieldLengthMax} characters` });
    }
  }
  if (typeof address.phone === 'string' && !phonePattern.test(address.phone)) {
    errors.push({ path: `${path}/phone`, message: 'a mainland mobile number, +86 1[3-9]xxxxxxxxx' });
  }
  if (errors.length > 0)
    throw LogisticsErrors.LOGISTICS_ADDRESS_INVALID({ detail: 'The address is not complete.', errors });
}

/** 张三丰 → 张*丰, 王五 → 王*, Lee → L**. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** +8613812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const national = phone.replace(/^\+86/, '');
  return `${national.slice(0, 3)}****${national.slice(-4)}`;
}

export function fullAddressLine(a: Address): string {
  return `${a.province}${a.city === a.province ? '' : a.city}${a.district}${a.line}`;
}
