// The module contract: what every route, subscriber, tick and seeder receives (the configuration,
// the database, the clock and the logger), and what a module gives the server (`ServerModule`).
// Modules get these as arguments, never from globals. It lives below the modules so that no
// library depends on the app that composes them.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database, Executor, InboxHandler, Subscriber, SweepDefinition, TickDefinition } from '@zulin/db';
import type { BusinessDate, Clock } from '@zulin/kernel';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyPluginAsync,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Config } from './config';
import type { RouteGuard } from './http/auth';

/** The app as routes see it: request parts typed from their TypeBox schemas (no casts). */
export type ZulinApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A module's routes: a Fastify plugin given the context. */
export type RoutesPlugin = FastifyPluginAsync<{ ctx: AppContext }, RawServerDefault, TypeBoxTypeProvider>;

export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** What the worker and the supervisor are doing for this process, for status pages. */
  runtime: Runtime;
}

export interface Runtime {
  workerEnabled: boolean;
  isLeader(): boolean;
  /** How many times the supervisor replaced a server process that died (0 when unsupervised). */
  restarts?: number;
}

/**
 * The scheduled work of every module, as registered in this app: what the operations pages list
 * with each one's last run and next run (`app.schedule`).
 */
export interface Schedule {
  ticks: readonly { name: string; description: string; runAt: string }[];
  sweeps: readonly { name: string; description: string; everySeconds: number }[];
}

/** Verifies an inbound webhook's signature and names its event; throws an AppError when it is bad. */
export interface WebhookVerifier {
  verify(input: {
    rawBody: Buffer;
    headers: Record<string, string | string[] | undefined>;
    now: Date;
  }): { eventId: string; eventType: string } | Promise<{ eventId: string; eventType: string }>;
  /** The body the provider expects as acknowledgement (some insist on their own shape). */
  acknowledge?: () => { status: number; body: unknown; contentType?: string };
  /** A channel of a sandbox: registered only in sandbox mode (the app refuses it otherwise). */
  sandboxOnly?: boolean;
}

/**
 * An outside system a module talks to, as configured in this process: the built-in sandbox, the
 * production implementation, or not configured (production refuses to use it, and `/readyz`
 * names it).
 */
export interface AdapterStatus {
  /** `module.purpose`, e.g. `wallet.bank`, `identity.sms`. */
  name: string;
  /**
   * `unused`: an optional system this configuration does not use (a licensed e-signature provider
   * when the platform signs by itself): /readyz lists it apart and does not fail for it.
   */
  mode: 'sandbox' | 'production' | 'unconfigured' | 'unused';
  /** What is missing when unconfigured, in words an operator can act on (names of variables). */
  detail?: string;
}

/**
 * A figure on the console's dashboard (docs/platform.md, "Dashboard"): a count or an amount now,
 * with its daily values over the last days when it has a trend. Staff see the figures their
 * permissions allow; the console names each by its key in both languages.
 */
export interface DashboardFigure {
  /** `module.figure`, e.g. `wallet.float`. */
  key: string;
  unit: 'count' | 'money';
  /** The staff permission that may see the figure (identity's names). */
  permission: string;
  read(
    db: Executor,
    at: { today: BusinessDate; timeZone: string; days: number },
  ): Promise<{ value: number; trend?: { date: BusinessDate; value: number }[] }>;
}

/** A bounded context as the server sees it: its routes, event subscribers, ticks, sweeps and seed data. */
export interface ServerModule {
  name: string;
  routes?: RoutesPlugin;
  /**
   * Hooks and plugins at the root of the app, before the idempotency hook and every module's routes
   * (authentication): they apply to every route, including other modules'.
   */
  rootHooks?: (app: FastifyInstance, ctx: AppContext) => Promise<void>;
  subscribers?: (ctx: AppContext) => Subscriber[];
  ticks?: (ctx: AppContext) => TickDefinition[];
  /** Work run every few minutes by the leader's worker (docs/platform.md, "Sweeps"). */
  sweeps?: (ctx: AppContext) => SweepDefinition[];
  inboxHandlers?: (ctx: AppContext) => Record<string, InboxHandler>;
  webhookVerifiers?: (ctx: AppContext) => Record<string, WebhookVerifier>;
  /**
   * Authenticates callers and enforces each matched route's declared `auth` (identity provides it).
   * At most one module provides a guard; without one only public routes answer.
   */
  guard?: (ctx: AppContext) => RouteGuard;
  /** The outside systems this module uses and how each is configured here (docs/security.md). */
  adapters?: (ctx: AppContext) => AdapterStatus[];
  /** Its figures on the console's dashboard. */
  dashboard?: (ctx: AppContext) => DashboardFigure[];
  /** Idempotent demo data for `zulin seed`. */
  seed?: (ctx: AppContext) => Promise<{ created: number }>;
}
