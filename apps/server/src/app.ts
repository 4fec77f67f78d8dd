// Builds the HTTP application: problem documents, request ids, logs, security headers, metrics,
// OpenAPI and its reference page, idempotency, the modules' routes and the two web apps.
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { migrationStatus, ping } from '@zulin/db';
import { Limits, newId } from '@zulin/kernel';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { Type } from 'typebox';
import type { AppContext, ServerModule, WebhookVerifier } from './context';
import { registerIdempotency } from './http/idempotency';
import { registerMetrics } from './http/metrics';
import { ProblemSchema, registerProblemHandlers, routeNotFound } from './http/problem';
import { registerWebApps } from './http/web';
import { registerWebhooks } from './http/webhooks';
import { SystemStatusSchema, version } from './platform/module';

export interface BuildAppOptions {
  ctx: AppContext;
  modules: readonly ServerModule[];
  /** Serve the built web apps (off in API tests). */
  serveWebApps?: boolean;
  /** Called when an assertion fails while serving: the process must stop. */
  onFatal?: (error: unknown) => void;
}

const requestIdPattern = /^[\w.:-]{1,64}$/;

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { ctx, modules } = options;
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
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
    trustProxy: ctx.config.production,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time; Swagger UI too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cors, {
    origin: !ctx.config.production,
    exposedHeaders: ['x-request-id', 'idempotent-replayed', 'retry-after'],
  });

  // Every API route documents its errors as problem documents, so the SDK types them too.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/') || route.schema?.hide) return;
    route.schema ??= {};
    route.schema.response ??= {};
    const response = route.schema.response as Record<string, unknown>;
    response['4xx'] ??= { $ref: 'Problem#' };
    response['5xx'] ??= { $ref: 'Problem#' };
  });

  app.addSchema(ProblemSchema);
  app.addSchema(SystemStatusSchema);
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
      servers: [],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
    staticCSP: false,
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerMetrics(app);
  // Authentication must run before the idempotency store, which keys its records by the principal.
  for (const module of modules) await module.rootHooks?.(app, ctx);
  registerIdempotency(app, ctx.database.db, ctx.clock);

  const notFound = options.serveWebApps ? await registerWebApps(app) : routeNotFound;
  registerProblemHandlers(app, { onFatal: options.onFatal ?? (() => {}), notFound });

  registerOpsRoutes(app, ctx);

  const verifiers: Record<string, WebhookVerifier> = {};
  for (const module of modules) Object.assign(verifiers, module.webhookVerifiers?.(ctx));
  await registerWebhooks(app, ctx, verifiers);

  for (const module of modules) {
    if (module.routes) await app.register(module.routes, { ctx });
  }
  return app;
}

function registerOpsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['ops'],
        summary: 'Liveness: the process answers',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  const Check = Type.Union([Type.Literal('ok'), Type.Literal('failing'), Type.Literal('pending')]);
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        summary: 'Readiness: the database answers and its migrations are current',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), checks: Type.Object({ database: Check, migrations: Check }) }),
          503: Type.Object({
            status: Type.Literal('not_ready'),
            checks: Type.Object({ database: Check, migrations: Check }),
          }),
        },
      },
    },
    async (request, reply) => {
      let database: 'ok' | 'failing' = 'ok';
      let migrations: 'ok' | 'failing' | 'pending' = 'ok';
      try {
        await ping(ctx.database.db);
        const status = await migrationStatus(ctx.database);
        if (status.pending > 0) migrations = 'pending';
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        database = 'failing';
        migrations = 'failing';
      }
      const ready = database === 'ok' && migrations === 'ok';
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ok' : 'not_ready', checks: { database, migrations } });
    },
  );
}
