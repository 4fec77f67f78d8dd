// How a route runs a command: one transaction for the whole command, and the answer to an
// Idempotency-Key written in that same transaction (docs/modules.md, "Who opens the transaction").
//
//   app.post('/v1/wallet/transfers', { config: { auth: 'customer' }, schema },
//     (request, reply) => command(ctx, request, reply, { status: 201 },
//       async (tx) => presentTransfer(await sendToCustomer(tx, deps, { … }))));
//
// The use case receives `tx` and never opens a transaction of its own (a `transaction(tx, …)`
// inside it is a savepoint of this one). What `fn` returns is the response body, serialised by the
// route's response schema exactly as it is sent, and stored for the key before the commit.
//
// A command that must keep something although it refuses (a wrong code counted, a failed login
// audited) returns `refuse(error)`: the transaction then commits, and the error is answered.
import { type Database, type Tx, transaction } from '@zulin/db';
import { type AppError, assert } from '@zulin/kernel';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerCommitted, recordAnswer } from './http/idempotency';
import { problemOf } from './http/problem';

const refusalMark = Symbol('refusal');

export interface Refusal {
  readonly [refusalMark]: AppError;
}

/** Ends a command with an error after committing what it wrote (see the header). */
export function refuse(error: AppError): Refusal {
  return { [refusalMark]: error };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && refusalMark in value;
}

export interface CommandOptions {
  /** The success status (default 200). */
  status?: number;
}

export async function command<T>(
  ctx: { database: Database },
  request: FastifyRequest,
  reply: FastifyReply,
  options: CommandOptions,
  fn: (tx: Tx) => Promise<T | Refusal>,
): Promise<T> {
  const status = options.status ?? 200;
  assert(status >= 200 && status < 300, 'a command succeeds with a 2xx status');
  const outcome = await transaction(ctx.database, async (tx) => {
    const result = await fn(tx);
    if (isRefusal(result)) {
      const error = result[refusalMark];
      await recordAnswer(tx, request, {
        status: error.status,
        body: JSON.stringify(problemOf(error, request.id)),
        contentType: 'application/problem+json; charset=utf-8',
      });
      return result;
    }
    // The stored answer is the exact bytes the client gets: the route's own serializer.
    reply.code(status);
    const body = String(reply.serialize(result));
    await recordAnswer(tx, request, { status, body, contentType: 'application/json; charset=utf-8' });
    return result;
  });
  answerCommitted(request);
  if (isRefusal(outcome)) throw outcome[refusalMark];
  return outcome;
}

/**
 * Runs a command outside HTTP (the CLI, seeds, ticks, tests): one transaction, and a refusal
 * committed, then thrown — the same semantics as `command` without an Idempotency-Key.
 */
export async function runCommand<T>(database: Database, fn: (tx: Tx) => Promise<T | Refusal>): Promise<T> {
  const outcome = await transaction(database, fn);
  if (isRefusal(outcome)) throw outcome[refusalMark];
  return outcome;
}
