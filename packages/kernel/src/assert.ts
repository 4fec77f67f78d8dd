/**
 * A broken invariant: a bug in our code, not a business outcome. The server lets it crash the
 * request (500) and the process may restart; it is never caught and mapped to a client error.
 */
export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

/**
 * A broken invariant of a part of the system that must stop moving money (or doing whatever it
 * guards) until a person acts: the platform records a halt of `scope` and the part refuses work
 * while it is open (docs/security.md, "No input can stop the process").
 */
export class InvariantBroken extends AssertionError {
  constructor(
    readonly scope: string,
    message: string,
  ) {
    super(message);
  }
}

/** Stops with an AssertionError when the condition is falsy. Split compound conditions for clear messages. */
export function assert(condition: unknown, message = 'Assertion failed'): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Marks a branch the type checker proves unreachable, and crashes if a wrong value reaches it anyway. */
export function assertNever(x: never): never {
  throw new AssertionError(`Unexpected value: ${describe(x)}`);
}

function describe(x: unknown): string {
  // JSON.stringify throws on BigInt and cycles; the message must never hide the original failure.
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}
