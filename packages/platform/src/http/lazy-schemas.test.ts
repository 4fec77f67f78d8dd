import AjvCompiler from '@fastify/ajv-compiler';
import pino from 'pino';
import { expect, test } from 'vitest';
import { defaultSerializerFactory, lazySchemas } from './lazy-schemas';

type Validator = ((data: unknown, context?: unknown) => boolean) & {
  errors?: { keyword: string }[] | null;
  schemaEnv?: unknown;
};
type BuildValidator = (
  externalSchemas: unknown,
  options: { customOptions: Record<string, unknown> },
) => (definition: { schema: unknown; httpPart?: string }) => Validator;
type BuildSerializer = (
  externalSchemas: unknown,
  options: unknown,
) => (definition: { schema: unknown }) => (data: unknown) => string;

const amount = {
  type: 'object',
  properties: { amountMinor: { type: 'integer', minimum: 1 } },
  required: ['amountMinor'],
};

test('a validator compiles on first use and validates, coerces and reports errors as Ajv does', () => {
  const schemas = lazySchemas();
  const build = schemas.wrap(AjvCompiler() as unknown as BuildValidator);
  const compile = build({}, { customOptions: { coerceTypes: 'array', allErrors: true } });
  const validate = compile({ schema: amount, httpPart: 'querystring' });
  expect(schemas.pending).toBe(1);
  expect(validate.errors).toBeUndefined(); // nothing compiled yet
  const query = { amountMinor: '5900' };
  expect(validate(query)).toBe(true);
  expect(query).toEqual({ amountMinor: 5900 }); // coerced, as the compiled Ajv function does
  expect(schemas.pending).toBe(0);
  expect(validate({ amountMinor: 0 })).toBe(false);
  expect(validate.errors?.map((e) => e.keyword)).toEqual(['minimum']);
  expect(validate.schemaEnv).toBeDefined(); // Fastify passes the parent object when it is there
});

test('a serializer compiles on first use and writes what fast-json-stringify writes', () => {
  const schemas = lazySchemas();
  const build = schemas.wrap(defaultSerializerFactory() as unknown as BuildSerializer);
  const serialize = build({}, {})({ schema: amount });
  expect(schemas.pending).toBe(1);
  expect(serialize({ amountMinor: 5900, extra: 'dropped' })).toBe('{"amountMinor":5900}');
  expect(schemas.pending).toBe(0);
});

test('after listening, every schema not used yet is compiled in the background; one that fails is logged', async () => {
  const schemas = lazySchemas();
  const build = schemas.wrap(AjvCompiler() as unknown as BuildValidator)({}, { customOptions: {} });
  for (let i = 0; i < 50; i++)
    build({ schema: { ...amount, properties: { amountMinor: { type: 'integer', minimum: i } } } });
  build({ schema: { type: 'no-such-type' } });
  expect(schemas.pending).toBe(51);
  const logged: string[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
  schemas.compileRest(logger);
  for (let i = 0; i < 200 && schemas.pending > 0; i++) await new Promise((resolve) => setImmediate(resolve));
  expect(schemas.pending).toBe(0);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toContain('a route schema does not compile');
});

test('a schema many routes declare compiles once, across the compilers Fastify makes per route context', () => {
  const compiled: unknown[] = [];
  const counting = ((externalSchemas: unknown, options: unknown) => {
    const compile = (defaultSerializerFactory() as unknown as BuildSerializer)(externalSchemas, options);
    return (definition: { schema: unknown }) => {
      compiled.push(definition.schema);
      return compile(definition);
    };
  }) as BuildSerializer;
  const problem = { $id: 'Problem', type: 'object', properties: { code: { type: 'string' } } };
  const schemas = lazySchemas();
  const build = schemas.wrap(counting);
  // Fastify asks for a compiler per route context, each with the app's shared schemas, and passes
  // each route its own copy of a shared response: 1,200 route statuses answer the problem document.
  const routes = Array.from({ length: 40 }, () => build({ Problem: problem }, {})({ schema: { $ref: 'Problem#' } }));
  expect(schemas.pending).toBe(1);
  for (const serialize of routes) expect(serialize({ code: 'x', extra: 1 })).toBe('{"code":"x"}');
  expect(compiled).toHaveLength(1);

  // Another set of shared schemas, another request part or another schema is another function.
  const elsewhere = build(
    { Problem: { ...problem, properties: { title: { type: 'string' } } } },
    {},
  )({ schema: { $ref: 'Problem#' } });
  expect(elsewhere({ code: 'x', title: 't' })).toBe('{"title":"t"}');
  const validators = schemas.wrap(AjvCompiler() as unknown as BuildValidator)({}, { customOptions: {} });
  validators({ schema: amount, httpPart: 'body' });
  validators({ schema: amount, httpPart: 'querystring' });
  validators({ schema: { ...amount }, httpPart: 'body' });
  expect(schemas.pending).toBe(2);
});
