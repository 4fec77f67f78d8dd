// Collects every invalid field of a request so that one 422 names them all at once.
import type { ErrorFactory, FieldError } from '@zulin/kernel';

export class FieldProblems {
  readonly errors: FieldError[] = [];

  add(path: string, message: string, code = 'invalid'): void {
    this.errors.push({ path, message, code });
  }

  check(ok: boolean, path: string, message: string, code = 'invalid'): void {
    if (!ok) this.add(path, message, code);
  }

  get isEmpty(): boolean {
    return this.errors.length === 0;
  }

  throwIfAny(error: ErrorFactory, detail = 'The request has invalid fields; see errors.'): void {
    if (!this.isEmpty) throw error({ detail, errors: this.errors });
  }
}

/** A safe integer within [min, max]: what every amount, count and rate in basis points must be. */
export function isIntegerIn(x: unknown, min: number, max: number): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= min && x <= max;
}
