// Request validators (Ajv) and response serializers (fast-json-stringify) compiled when first
// needed instead of all at start-up. Fastify compiles one validator per request part and one
// serializer per response status of every route before it listens: several hundred schemas, most
// of a start's `listen` time on a small machine. Here each compiler hands Fastify a small function
// that compiles its schema on first use; once the server listens, the rest are compiled in the
// background in short slices between requests, so a schema that cannot compile is still reported
// (logged) within seconds of a start, and no request pays for more than its own route's schemas.
// The compiled functions are the ones Fastify would have made: validation and serialisation are
// unchanged.
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyBaseLogger } from 'fastify';

type Compiled = ((...args: unknown[]) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type Factory = (externalSchemas: unknown, options: unknown) => (definition: Record<string, unknown>) => unknown;

export interface LazySchemas {
  /** Wraps a validator or serializer factory so that its compilers compile on first use. */
  wrap<F>(factory: F): F;
  /** Compiles every schema not compiled yet, a few at a time, yielding to requests between. */
  compileRest(logger: FastifyBaseLogger): void;
  /** Schemas waiting to be compiled. */
  readonly pending: number;
}

export function lazySchemas(): LazySchemas {
  const waiting = new Set<() => Compiled>();
  const lazyFunction = (compile: () => Compiled): Compiled => {
    let compiled: Compiled | undefined;
    const get = (): Compiled => {
      if (!compiled) {
        waiting.delete(get);
        compiled = compile();
      }
      return compiled;
    };
    waiting.add(get);
    const lazy = function (this: unknown, ...args: unknown[]) {
      return get().apply(this, args);
    } as Compiled;
    // Fastify reads these of an Ajv validator: `schemaEnv` before calling it (to let it coerce the
    // request's own property), `errors` after a failed call.
    Object.defineProperty(lazy, 'schemaEnv', { get: () => get().schemaEnv });
    Object.defineProperty(lazy, 'errors', { get: () => compiled?.errors });
    return lazy;
  };
  return {
    wrap<F>(factory: F): F {
      const build = factory as unknown as Factory;
      // Fastify asks for a compiler per route context (298 in this product) and each route's
      // schemas are its own objects, so the same schema was compiled once per route: 2,357
      // compilations of 465 different schemas, 1,200 of them the problem document's serializer
      // (about 6 s of a core after each start). A compiler's function depends only on the shared
      // schemas, the options and the schema (Fastify's compilers read nothing else of the
      // definition), so one function serves every route that declares the same schema for the same
      // part of a request or for a response.
      const made = new Map<string, Compiled>();
      // Each set of shared schemas and options by a small number, so that a key does not carry a
      // copy of every shared schema (tens of kilobytes in a module's context).
      const contexts = new Map<string, number>();
      const contextOf = (json: string | undefined): number | undefined => {
        if (json === undefined) return undefined;
        const known = contexts.get(json);
        if (known !== undefined) return known;
        contexts.set(json, contexts.size);
        return contexts.size - 1;
      };
      return ((externalSchemas: unknown, options: unknown) => {
        const compiler = build(externalSchemas, options);
        const context = contextOf(keyOf([externalSchemas, options]));
        return (definition: Record<string, unknown>) => {
          const schema = keyOf(definition.schema);
          const compile = () => compiler(definition) as Compiled;
          if (context === undefined || schema === undefined) return lazyFunction(compile);
          const key = `${context}\u0000${String(definition.httpPart ?? 'response')}\u0000${schema}`;
          let lazy = made.get(key);
          if (!lazy) {
            lazy = lazyFunction(compile);
            made.set(key, lazy);
          }
          return lazy;
        };
      }) as unknown as F;
    },
    compileRest(logger) {
      const begun = performance.now();
      const total = waiting.size;
      const slice = () => {
        const started = performance.now();
        for (const get of waiting) {
          try {
            get();
          } catch (error) {
            waiting.delete(get);
            logger.error({ err: error }, 'a route schema does not compile');
          }
          if (performance.now() - started > 20) break;
        }
        if (waiting.size > 0) setImmediate(slice).unref();
        else
          logger.info(
            `route schemas compiled in the background: ${total} in ${Math.round(performance.now() - begun)} ms`,
          );
      };
      setImmediate(slice).unref();
    },
    get pending() {
      return waiting.size;
    },
  };
}

/** `value` as JSON, or undefined when it has none (a cycle): such a schema is compiled for its route alone. */
function keyOf(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** Fastify's own response serializer factory (fast-json-stringify). */
export const defaultSerializerFactory = SerializerSelector;
