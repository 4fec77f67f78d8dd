// Mainland mobile numbers (DOMAIN.md §2): `+86 1[3-9]` and nine more digits. Spaces and dashes
// are tolerated on input; the canonical form is `+8613800138000`.
import { KernelErrors } from '@zulin/kernel';

const MOBILE_PATTERN = /^(?:\+?86)?(1[3-9][0-9]{9})$/;

export function parsePhone(input: string, path = '/body/phone'): string {
  const compact = input.replace(/[\s-]/g, '');
  const match = MOBILE_PATTERN.exec(compact);
  if (match === null) {
    throw KernelErrors.VALIDATION_FAILED({
      detail: 'A mainland China mobile number is +86 followed by 11 digits starting 13–19.',
      errors: [{ path, message: 'must be a mobile number like +8613800138000', code: 'PHONE_INVALID' }],
    });
  }
  return `+86${match[1]}`;
}
