// Masked forms of personal data, used in every response that does not come from an audited reveal.

/** `+8613812345678` or `13812345678` → `138****5678`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+86/, '').replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** `110105199001011234` → `110***********1234` (first 3 and last 4 shown). */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length < 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}

/** `张三丰` → `张*丰`, `张三` → `*三`, `欧阳小明` → `欧**明`. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `*${chars[1]}`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/** `6222021234567890123` → `622202*********0123` (bank identification number and last 4 shown). */
export function maskBankCard(cardNumber: string): string {
  const digits = cardNumber.replace(/\D/g, '');
  if (digits.length < 12) return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
  return `${digits.slice(0, 6)}${'*'.repeat(digits.length - 10)}${digits.slice(-4)}`;
}

/** A free-text line (street address): the first two characters, then stars. */
export function maskText(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= 2) return '*'.repeat(chars.length);
  return `${chars.slice(0, 2).join('')}${'*'.repeat(Math.min(chars.length - 2, 8))}`;
}
