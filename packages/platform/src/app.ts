// Builds the HTTP application: normalised request targets, problem documents, request ids, logs,
// security headers, the route guard (deny by default), rate limits, metrics, OpenAPI and its
// reference page, idempotency, the modules' routes, and — when the server asks — the web apps.
import AjvCompiler from '@fastify/ajv-compiler';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { migrationStatus, openHalts, ping, recordHalt } from '@zulin/db';
import { assert, Limits, newId } from '@zulin/kernel';
import Fastify, { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import type { Registry } from 'prom-client';
import { Type } from 'typebox';
import type {
  AdapterStatus,
  AppContext,
  DashboardFigure,
  Schedule,
  ServerModule,
  WebhookVerifier,
  ZulinApp,
} from './context';
import { declarePublicRoutes, registerRouteGuard } from './http/auth';
import {
  invalidPathMarker,
  normaliseRequestTarget,
  refuseEmptyPathParameters,
  registerInputHardening,
} from './http/hardening';
import { registerIdempotency } from './http/idempotency';
import { defaultSerializerFactory, lazySchemas } from './http/lazy-schemas';
import { createMetricsRegistry, registerMetrics } from './http/metrics';
import { ProblemSchema, registerProblemHandlers, routeNotFound } from './http/problem';
import { registerRateLimit } from './http/rate-limit';
import { securityHeaders } from './http/security-headers';
import { registerWebhooks } from './http/webhooks';
import { registerSandboxClock } from './sandbox-clock';
import { SystemStatusSchema, version } from './system-module';

type NotFoundHandler = (request: FastifyRequest, reply: FastifyReply) => unknown;

export interface BuildAppOptions {
  ctx: AppContext;
  modules: readonly ServerModule[];
  /**
   * Registers the web apps' own routes (public, static) and returns the not-found handler that
   * serves their pages for client-side routes; absent in API tests.
   */
  webApps?: (app: ZulinApp) => Promise<NotFoundHandler>;
  /** The metrics registry (one per process); a new one by default. */
  registry?: Registry;
}

const requestIdPattern = /^[\w.:-]{1,64}$/;

type ValidatorFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>['buildValidator'];
type BuildCompiler = (
  externalSchemas: unknown,
  options: { customOptions: Record<string, unknown> },
) => (definition: { httpPart?: string }) => unknown;

/**
 * Two Ajv instances: one that coerces text (query, path, headers), one that leaves JSON bodies as
 * sent. Fastify asks for validators once per plugin context; the pool (one per app, as Fastify's
 * own default keeps it) hands every context with the same shared schemas the same Ajv instances,
 * instead of new ones that each compile Ajv's meta-schema again (seconds of a start).
 */
function validatorsByPart(): ValidatorFactory {
  // The compiler's declared type is a union with the serializer factory; this is its validator form.
  const build = AjvCompiler() as unknown as BuildCompiler;
  return ((externalSchemas, options) => {
    const forBody = build(externalSchemas, {
      ...options,
      customOptions: { ...options.customOptions, coerceTypes: false },
    });
    const forText = build(externalSchemas, options);
    return (definition: { httpPart?: string }) =>
      definition.httpPart === 'body' ? forBody(definition) : forText(definition);
  }) as BuildCompiler as unknown as ValidatorFactory;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The outside systems of every module and how each is configured in this process. */
    adapterStatuses: readonly AdapterStatus[];
    /** The ticks and sweeps of every module, for the operations pages. */
    schedule: Schedule;
    /** The dashboard figures of every module, for the console's overview. */
    dashboardFigures: readonly DashboardFigure[];
    /** The inbound webhook channels registered in this process (`/v1/webhooks/:channel`). */
    webhookChannels: readonly { channel: string; sandboxOnly: boolean }[];
  }
}

export async function buildApp(options: BuildAppOptions): Promise<ZulinApp> {
  const { ctx, modules } = options;
  const registry = options.registry ?? createMetricsRegistry();
  // Validators and serializers compile on first use and, once the server listens, in the background.
  const schemas = lazySchemas();
  const app = Fastify({
    loggerInstance: ctx.logger,
    bodyLimit: Limits.bodyLimitBytes,
    requestTimeout: Limits.httpRequestTimeoutMs,
    logController: new LogController({
      disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    }),
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && requestIdPattern.test(incoming) ? incoming : newId('req');
    },
    rewriteUrl: (req) => normaliseRequestTarget(req.url),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
    // Query strings and paths are text, so their values are coerced to the declared types; a JSON
    // body already has types, and coercing it would turn `null` into "" for a string field.
    schemaController: {
      compilersFactory: {
        buildValidator: schemas.wrap(validatorsByPart()),
        buildSerializer: schemas.wrap(defaultSerializerFactory()),
      },
    },
    // Only addresses the operator named may say who the client is (X-Forwarded-For).
    trustProxy: ctx.config.trustProxy.length > 0 ? ctx.config.trustProxy : false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onListen', async () => schemas.compileRest(app.log));

  const guards = modules.flatMap((m) => (m.guard ? [m.guard(ctx)] : []));
  assert(guards.length <= 1, 'at most one module guards the routes');
  // A trailing slash is no route, whoever calls.
  refuseEmptyPathParameters(app);
  // First of all, so that every route registered later is declared and guarded.
  registerRouteGuard(app, guards[0]);
  registerInputHardening(app);
  registerSandboxBoundary(app, ctx);
  await registerRateLimit(app, ctx);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Anything personal or secret is never kept by a browser or a proxy.
    const config = request.routeOptions.config;
    if (
      !request.is404 &&
      (config?.auth !== 'public' || config?.sensitiveResponse) &&
      !reply.hasHeader('cache-control')
    ) {
      reply.header('cache-control', 'no-store');
    }
  });

  // helmet's security headers, computed once (security-headers.ts), on every answer: 404s and errors too.
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  await app.register(cors, {
    origin: !ctx.config.production,
    exposedHeaders: ['x-request-id', 'idempotent-replayed', 'retry-after'],
  });

  // Every API route documents its errors as problem documents, so the SDK types them too, and has
  // a stable operationId derived from its method and path.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/') || route.schema?.hide) return;
    route.schema ??= {};
    const method = Array.isArray(route.method) ? route.method[0] : route.method;
    (route.schema as Record<string, unknown>).operationId ??= operationIdOf(String(method), route.url);
    route.schema.response ??= {};
    const response = route.schema.response as Record<string, unknown>;
    response['4xx'] ??= { $ref: 'Problem#' };
    response['5xx'] ??= { $ref: 'Problem#' };
  });

  app.addSchema(ProblemSchema);
  app.addSchema(SystemStatusSchema);
  await registerApiReference(app);

  registerMetrics(app, registry, ctx.config.metricsToken, { schemasPending: () => schemas.pending });
  for (const module of modules) await module.rootHooks?.(app, ctx);
  registerIdempotency(app, ctx.database.db, ctx.clock, registry);

  const notFound = options.webApps ? await options.webApps(app) : routeNotFound;
  registerProblemHandlers(app, {
    registry,
    onInvariantBroken: (error) => recordHalt(ctx.database.db, error.scope, error.message, ctx.clock.now()),
    notFound: (request, reply) =>
      request.url.startsWith(invalidPathMarker) ? routeNotFound(request, reply) : notFound(request, reply),
  });

  const adapterStatuses = modules.flatMap((m) => m.adapters?.(ctx) ?? []);
  app.decorate('adapterStatuses', adapterStatuses);
  app.decorate('schedule', scheduleOf(modules, ctx));
  app.decorate(
    'dashboardFigures',
    modules.flatMap((m) => m.dashboard?.(ctx) ?? []),
  );
  registerOpsRoutes(app, ctx, adapterStatuses);
  registerSandboxClock(app, ctx, modules);

  const verifiers: Record<string, WebhookVerifier> = {};
  for (const module of modules) Object.assign(verifiers, module.webhookVerifiers?.(ctx));
  for (const [channel, verifier] of Object.entries(verifiers)) {
    assert(!verifier.sandboxOnly || ctx.config.sandbox, `webhook channel ${channel} exists only in sandbox mode`);
  }
  app.decorate(
    'webhookChannels',
    Object.entries(verifiers).map(([channel, verifier]) => ({ channel, sandboxOnly: verifier.sandboxOnly === true })),
  );
  await registerWebhooks(app, ctx, verifiers);

  for (const module of modules) {
    if (module.routes) await app.register(module.routes, { ctx });
  }
  return app;
}

function scheduleOf(modules: readonly ServerModule[], ctx: AppContext): Schedule {
  return {
    ticks: modules
      .flatMap((m) => m.ticks?.(ctx) ?? [])
      .map(({ name, description, runAt }) => ({ name, description, runAt })),
    sweeps: modules
      .flatMap((m) => m.sweeps?.(ctx) ?? [])
      .map(({ name, description, everySeconds }) => ({ name, description, everySeconds })),
  };
}

/** `POST /v1/bills/:id/pay` → `postBillsIdPay`: unique per method and path, stable across releases. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/v1\//, '')
    .split(/[/:_.{}-]+/)
    .filter((w) => w.length > 0);
  return [method.toLowerCase(), ...words.map((w) => w[0]?.toUpperCase() + w.slice(1))].join('');
}

/** Sandbox routes exist only in sandbox mode: a module that registers one outside it stops the start. */
function registerSandboxBoundary(app: ZulinApp, ctx: AppContext): void {
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/v1/sandbox/') && !ctx.config.sandbox) {
      throw new Error(`${route.url} is a sandbox route: register it only when ctx.config.sandbox is on`);
    }
  });
}

async function registerApiReference(app: ZulinApp): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Zulin API',
        version,
        description:
          'Credit-based phone rental and installment platform. Money is in integer minor units (分); ' +
          'errors are RFC 9457 problem documents with a stable `code`; POSTs accept `Idempotency-Key`.',
      },
      servers: [{ url: '/', description: 'this server' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  // The reference page and its assets are public files of their own plugin.
  await app.register(async (scope) => {
    declarePublicRoutes(scope);
    await scope.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
      staticCSP: false,
    });
  });
  app.get('/openapi.json', { schema: { hide: true }, config: { auth: 'public' } }, async () => app.swagger());
}

function registerOpsRoutes(app: ZulinApp, ctx: AppContext, adapters: readonly AdapterStatus[]): void {
  app.get(
    '/healthz',
    {
      config: { auth: 'public', rateLimit: false },
      schema: {
        tags: ['ops'],
        summary: 'Liveness: the process answers',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  const Check = Type.Union([Type.Literal('ok'), Type.Literal('failing'), Type.Literal('pending')]);
  const Checks = Type.Object({
    database: Check,
    migrations: Check,
    adapters: Type.Union([Type.Literal('ok'), Type.Literal('failing')]),
    halts: Type.Union([Type.Literal('ok'), Type.Literal('failing')]),
  });
  const Readiness = {
    checks: Checks,
    halts: Type.Array(Type.Object({ scope: Type.String(), since: Type.String({ format: 'date-time' }) })),
    unconfiguredAdapters: Type.Array(Type.Object({ name: Type.String(), detail: Type.Optional(Type.String()) })),
    unusedAdapters: Type.Array(Type.Object({ name: Type.String(), detail: Type.Optional(Type.String()) }), {
      description: 'optional outside systems this configuration does not use (they do not fail readiness)',
    }),
    supervisor: Type.Object({
      restarts: Type.Integer({ description: 'server processes the supervisor replaced since it started' }),
    }),
  };
  app.get(
    '/readyz',
    {
      config: { auth: 'public', rateLimit: false },
      schema: {
        tags: ['ops'],
        summary:
          'Readiness: the database answers, its migrations are current, every outside system is configured, nothing is halted',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), ...Readiness }),
          503: Type.Object({ status: Type.Literal('not_ready'), ...Readiness }),
        },
      },
    },
    async (request, reply) => {
      let database: 'ok' | 'failing' = 'ok';
      let migrations: 'ok' | 'failing' | 'pending' = 'ok';
      let halts: { scope: string; since: string }[] = [];
      try {
        await ping(ctx.database.db);
        const status = await migrationStatus(ctx.database);
        if (status.pending > 0) migrations = 'pending';
        halts = (await openHalts(ctx.database.db)).map((h) => ({ scope: h.scope, since: h.detectedAt.toISOString() }));
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        database = 'failing';
        migrations = 'failing';
      }
      const unconfigured = adapters
        .filter((a) => a.mode === 'unconfigured')
        .map((a) => ({ name: a.name, ...(a.detail ? { detail: a.detail } : {}) }));
      const unused = adapters
        .filter((a) => a.mode === 'unused')
        .map((a) => ({ name: a.name, ...(a.detail ? { detail: a.detail } : {}) }));
      const adaptersCheck = unconfigured.length === 0 ? ('ok' as const) : ('failing' as const);
      const haltsCheck = halts.length === 0 ? ('ok' as const) : ('failing' as const);
      const ready = database === 'ok' && migrations === 'ok' && adaptersCheck === 'ok' && haltsCheck === 'ok';
      const body = {
        checks: { database, migrations, adapters: adaptersCheck, halts: haltsCheck },
        halts,
        unconfiguredAdapters: unconfigured,
        unusedAdapters: unused,
        supervisor: { restarts: ctx.runtime.restarts ?? 0 },
      };
      return ready
        ? reply.status(200).send({ status: 'ok' as const, ...body })
        : reply.status(503).send({ status: 'not_ready' as const, ...body });
    },
  );
}
