// The platform's own module: system status, the ticks that keep the platform tables small, and
// the sandbox webhook channel (sandbox mode only) used to exercise the inbox end to end.
import { createHmac } from 'node:crypto';
import { emitEvent, type MigrationStatus, migrationStatus, purgeExpiredIdempotencyKeys } from '@zulin/db';
import { KernelErrors, today } from '@zulin/kernel';
import { Type } from 'typebox';
import type { AppContext, ServerModule, WebhookVerifier } from './context';
import { purgeExpiredCodes } from './security/one-time-codes';
import { verifySignature } from './security/webhook-signature';

export const version = '0.1.0';

export const SystemStatusSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.String(),
    now: Type.String({ format: 'date-time' }),
    businessDate: Type.String({ format: 'date' }),
    timeZone: Type.String(),
    sandbox: Type.Boolean({
      description: 'true when outside systems (SMS, identity, payment channels, banks) are the built-in sandboxes',
    }),
    database: Type.Object({
      kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
      migrationsApplied: Type.Integer(),
      migrationsPending: Type.Integer(),
    }),
    worker: Type.Object({ enabled: Type.Boolean(), leader: Type.Boolean() }),
  },
  { $id: 'SystemStatus', title: 'SystemStatus' },
);

/** The secret of the sandbox webhook channel, derived from the master key. */
export function sandboxWebhookSecret(ctx: AppContext): Buffer {
  return createHmac('sha256', ctx.config.masterKey).update('zulin:webhook:sandbox').digest();
}

/** How old the migration count `GET /v1/system/status` reports may be. */
export const statusMigrationsMaxAgeMs = 1_000;

/**
 * The migration status read at most once per `maxAgeMs`: requests within that time share one read,
 * including one still in flight; a failed read is not kept. The count changes only when migrations
 * are applied — on PGlite by this process alone (one process opens the data directory), before it
 * serves; on PostgreSQL also by another process starting a newer version — so the status route, whose
 * one statement was all its database work, answers from memory and shows another process's
 * migrations within a second. Readiness (`/readyz`) still reads the database every time.
 */
export function cachedMigrationStatus(
  read: () => Promise<MigrationStatus>,
  maxAgeMs = statusMigrationsMaxAgeMs,
  now: () => number = () => performance.now(),
): () => Promise<MigrationStatus> {
  let cached: { readAt: number; status: Promise<MigrationStatus> } | undefined;
  return () => {
    const at = now();
    if (cached && at - cached.readAt < maxAgeMs) return cached.status;
    const entry = { readAt: at, status: read() };
    cached = entry;
    entry.status.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return entry.status;
  };
}

export const systemModule: ServerModule = {
  name: 'platform',
  async routes(app, { ctx }) {
    const currentMigrationStatus = cachedMigrationStatus(() => migrationStatus(ctx.database));
    app.get(
      '/v1/system/status',
      {
        config: { auth: 'public' },
        schema: {
          tags: ['system'],
          summary: 'Service status: version, business date, database and worker',
          response: { 200: { $ref: 'SystemStatus#' } },
        },
      },
      async () => {
        const migrations = await currentMigrationStatus();
        const now = ctx.clock.now();
        return {
          name: 'Zulin',
          version,
          now: now.toISOString(),
          businessDate: today(ctx.clock, ctx.config.timeZone),
          timeZone: ctx.config.timeZone,
          sandbox: ctx.config.sandbox,
          database: {
            kind: ctx.database.kind,
            migrationsApplied: migrations.applied,
            migrationsPending: migrations.pending,
          },
          worker: { enabled: ctx.runtime.workerEnabled, leader: ctx.runtime.isLeader() },
        };
      },
    );
  },
  ticks: () => [
    {
      name: 'platform.purge_idempotency_keys',
      description: 'Deletes Idempotency-Key records past their 24 hours',
      runAt: '03:00',
      async run({ db, clock }) {
        return { deleted: await purgeExpiredIdempotencyKeys(db, clock.now()) };
      },
    },
    {
      name: 'platform.purge_one_time_codes',
      description: 'Deletes one-time codes that expired more than a day ago',
      runAt: '03:05',
      async run({ db, clock }) {
        return { deleted: await purgeExpiredCodes(db, clock.now()) };
      },
    },
  ],
  webhookVerifiers: (ctx): Record<string, WebhookVerifier> =>
    ctx.config.sandbox ? { sandbox: sandboxVerifier(ctx) } : {},
  inboxHandlers: (ctx) => ({
    // A sandbox event has no business effect of its own: applying it publishes that it arrived,
    // which lets tests and operators follow a message from the webhook to the subscribers.
    async sandbox(message, tx) {
      await emitEvent(tx, ctx.clock.now(), {
        type: 'platform.sandbox_event_received',
        aggregateType: 'sandbox_event',
        aggregateId: message.providerEventId,
        payload: { eventType: message.eventType, receivedAt: message.receivedAt.toISOString() },
      });
    },
  }),
};

function sandboxVerifier(ctx: AppContext): WebhookVerifier {
  return {
    sandboxOnly: true,
    verify({ rawBody, headers, now }) {
      const header = headers['zulin-signature'];
      verifySignature(sandboxWebhookSecret(ctx), rawBody, Array.isArray(header) ? header[0] : header, now);
      let event: { id?: unknown; type?: unknown };
      try {
        event = JSON.parse(rawBody.toString('utf8')) as typeof event;
      } catch {
        throw KernelErrors.BAD_REQUEST({ detail: 'The webhook body is not JSON.' });
      }
      if (typeof event.id !== 'string' || typeof event.type !== 'string') {
        throw KernelErrors.VALIDATION_FAILED({
          detail: 'A sandbox event has a string id and type.',
          errors: [
            { path: '/body/id', message: 'must be a string' },
            { path: '/body/type', message: 'must be a string' },
          ],
        });
      }
      return { eventId: event.id, eventType: event.type };
    },
  };
}
