// Every error leaves the server as an RFC 9457 problem document with a stable code. Validation
// errors list every field. Nothing internal (stack traces, SQL, ids of rows) is ever included.
import { AppError, AssertionError, type FieldError, InvariantBroken, KernelErrors } from '@zulin/kernel';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { Type } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'A URI naming the kind of problem: urn:zulin:problem:<code>' }),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable, machine-readable error code' }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'JSON pointer into the request, e.g. /body/phone' }),
          message: Type.String(),
          code: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { $id: 'Problem', title: 'Problem' },
);

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export function problemOf(error: AppError, requestId?: string): Problem {
  return {
    type: `urn:zulin:problem:${error.code}`,
    title: error.title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors && error.errors.length > 0 ? { errors: [...error.errors] } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers ?? {})) reply.header(name, value);
  return reply.status(error.status).type('application/problem+json').send(problemOf(error, reply.request.id));
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

const contextNames: Record<string, string> = { querystring: 'query', params: 'path', headers: 'headers', body: 'body' };

export function fieldErrorsOf(validation: readonly AjvError[], context: string | undefined): FieldError[] {
  const base = `/${contextNames[context ?? 'body'] ?? context}`;
  return validation.map((e) => {
    let path = `${base}${e.instancePath}`;
    if (e.keyword === 'required' && typeof e.params.missingProperty === 'string')
      path += `/${e.params.missingProperty}`;
    if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
      path += `/${e.params.additionalProperty}`;
    }
    return { path, message: e.message ?? 'is invalid', code: e.keyword };
  });
}

/** Maps what Fastify and its plugins throw onto our catalog. */
function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    return KernelErrors.VALIDATION_FAILED({
      detail: 'The request has invalid fields; see errors.',
      errors: fieldErrorsOf(error.validation as unknown as AjvError[], error.validationContext),
    });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return KernelErrors.PAYLOAD_TOO_LARGE({ detail: 'The request body is larger than the server accepts.' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return KernelErrors.UNSUPPORTED_MEDIA_TYPE({ detail: 'Send JSON with Content-Type: application/json.' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return KernelErrors.BAD_REQUEST({ detail: 'The request body is empty or its length is wrong.' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return KernelErrors.BAD_REQUEST({ detail: 'The request body is not valid JSON.' });
  }
  // Only errors Fastify raised while reading the request carry a 4xx status; anything else
  // (a SyntaxError from our own JSON.parse, say) is a server fault and answers 500, logged.
  if (error.statusCode === 400) return KernelErrors.BAD_REQUEST({ detail: 'The request could not be read.' });
  if (error.statusCode === 403) return KernelErrors.FORBIDDEN({});
  if (error.statusCode === 429) return KernelErrors.RATE_LIMITED({ detail: 'Too many requests; slow down.' });
  if (error.statusCode === 404) return KernelErrors.NOT_FOUND({});
  if (error.statusCode === 405) return KernelErrors.METHOD_NOT_ALLOWED({});
  if (error.statusCode === 413) return KernelErrors.PAYLOAD_TOO_LARGE({});
  if (error.statusCode === 414) return KernelErrors.ROUTE_NOT_FOUND({ detail: 'The path is too long.' });
  if (error.statusCode === 415) return KernelErrors.UNSUPPORTED_MEDIA_TYPE({});
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return KernelErrors.BAD_REQUEST({ detail: 'The request could not be served as sent.' });
  }
  return KernelErrors.INTERNAL({ detail: 'Something went wrong on our side. It has been logged.' });
}

export function registerProblemHandlers(
  app: FastifyInstance,
  options: {
    registry: Registry;
    notFound: (request: FastifyRequest, reply: FastifyReply) => unknown;
    /** Records the halt a broken invariant asks for (outside the request's rolled-back transaction). */
    onInvariantBroken: (error: InvariantBroken) => Promise<void>;
  },
): void {
  const assertions = new Counter({
    name: 'zulin_assertion_failures_total',
    help: 'Assertions that failed while serving a request (bugs); the request answered 500 and the process went on',
    labelNames: ['route'] as const,
    registers: [options.registry],
  });
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (error instanceof InvariantBroken) {
      request.log.fatal({ err: error, requestId: request.id, scope: error.scope }, 'invariant broken: halting');
      await options.onInvariantBroken(error).catch((cause: unknown) => {
        request.log.fatal({ err: cause }, 'could not record the halt');
      });
    }
    if (error instanceof AssertionError) {
      // A broken assumption in our code. One request cannot be trusted, the process still can: no
      // input may stop it. Money invariants are guarded where money moves (the ledger halts itself).
      assertions.inc({ route: request.routeOptions.url ?? 'unmatched' });
      request.log.fatal({ err: error, requestId: request.id }, 'assertion failed while serving a request');
    } else if (appError.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    }
    return sendProblem(reply, appError);
  });
  app.setNotFoundHandler((request, reply) => options.notFound(request, reply));
}

export function routeNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // The path is not echoed: it may be anything a client sent (odd paths are all sent to one marker).
  return sendProblem(reply, KernelErrors.ROUTE_NOT_FOUND({ detail: `No such route for ${request.method}.` }));
}
