// The bank-card number check the server makes first (the kernel's Luhn check, shared with the
// server), so that a typo is caught before the request. The server stays the judge.
import { luhnValid } from '@zulin/kernel';

/** The digits of a typed card number, without the spaces and dashes people type. */
export function cardDigits(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** A bank card number as the server checks it first: 12–19 digits with a valid Luhn check digit. */
export function cardNumberValid(cardNumber: string): boolean {
  return /^[0-9]{12,19}$/.test(cardNumber) && luhnValid(cardNumber);
}

/** Groups of four for reading: "6222 0212 3456 7890 128". */
export function groupDigits(digits: string, size = 4): string {
  return digits.replace(new RegExp(`(.{${size}})(?=.)`, 'g'), '$1 ');
}
