// Collects every invalid field of a command so the 422 names them all at once.
import { type FieldError, KernelErrors } from '@zulin/kernel';

export class FieldProblems {
  readonly errors: FieldError[] = [];

  add(path: string, message: string, code = 'invalid'): void {
    this.errors.push({ path, message, code });
  }

  check(ok: boolean, path: string, message: string, code = 'invalid'): void {
    if (!ok) this.add(path, message, code);
  }

  throwIfAny(detail = 'The request has invalid fields; see errors.'): void {
    if (this.errors.length > 0) throw KernelErrors.VALIDATION_FAILED({ detail, errors: this.errors });
  }
}

export function isAmountMinor(x: unknown, { min = 0, max }: { min?: number; max: number }): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= min && x <= max;
}
