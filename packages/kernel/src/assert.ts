/**
 * A broken invariant: a bug in our code, not a business outcome. The server lets it crash the
 * request (500) and the process may restart; it is never caught and mapped to a client error.
 */
export class AssertionError extends Error {
  override readonly name = 'AssertionError';
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
