// The Luhn (mod 10) check that IMEIs and bank card numbers carry in their last digit. Browser-safe:
// the customer app runs the same check before it asks the server.

/** The check digit that would be appended to a string of digits. */
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

/** Whether a string of digits ends in its correct Luhn check digit. */
export function luhnValid(digits: string): boolean {
  return (
    /^[0-9]{2,}$/.test(digits) && luhnCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48
  );
}
