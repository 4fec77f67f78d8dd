// What every route, subscriber, tick and seeder of the server receives: the configuration, the
// database, the clock and the logger. Modules get these as arguments, never from globals.
import type { Database, InboxHandler, Subscriber, SweepDefinition, TickDefinition } from '@zulin/db';
import type { Clock } from '@zulin/kernel';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Config } from './config';

export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** What the worker is doing in this process, for status pages. */
  runtime: { workerEnabled: boolean; isLeader(): boolean };
}

/** Verifies an inbound webhook's signature and names its event; throws an AppError when it is bad. */
export interface WebhookVerifier {
  verify(input: {
    rawBody: Buffer;
    headers: Record<string, string | string[] | undefined>;
    now: Date;
  }): { eventId: string; eventType: string } | Promise<{ eventId: string; eventType: string }>;
  /** The body the provider expects as acknowledgement (some insist on their own shape). */
  acknowledge?: () => { status: number; body: unknown };
}

/** A bounded context as the server sees it: its routes, event subscribers, ticks, sweeps and seed data. */
export interface ServerModule {
  name: string;
  routes?: FastifyPluginAsync<{ ctx: AppContext }>;
  /**
   * Hooks and plugins at the root of the app, before the idempotency hook and every module's routes
   * (authentication, rate limits): they apply to every route, including other modules'.
   */
  rootHooks?: (app: FastifyInstance, ctx: AppContext) => Promise<void>;
  subscribers?: (ctx: AppContext) => Subscriber[];
  ticks?: (ctx: AppContext) => TickDefinition[];
  /** Work run every few minutes by the leader's worker (docs/platform.md, "Sweeps"). */
  sweeps?: (ctx: AppContext) => SweepDefinition[];
  inboxHandlers?: (ctx: AppContext) => Record<string, InboxHandler>;
  webhookVerifiers?: (ctx: AppContext) => Record<string, WebhookVerifier>;
  /** Idempotent demo data for `zulin seed`. */
  seed?: (ctx: AppContext) => Promise<{ created: number }>;
}
