// Risk as the server sees it: the staff routes (decisions, lists, rule sets, devices, alerts), its
// outside systems (the MDM's signed webhook among them), the sweeps and the billing subscribers.
import type { SweepDefinition } from '@zulin/db';
import type { AppContext, ServerModule, WebhookVerifier } from '@zulin/platform';
import { verifySignature } from '@zulin/platform';
import { mdmDeps, mdmSecretOf, riskAdapterStatuses } from './adapters';
import { applyMdmMessage } from './apply-mdm-message';
import { enrolRequestedDevices } from './enrol-on-delivery';
import { RiskErrors } from './errors';
import { limitSubscribers } from './limit-subscribers';
import { RiskLimits } from './limits';
import { markBreachedCases } from './mark-breached-cases';
import { parseMdmMessage } from './mdm';
import { deliverSandboxMdmMessages, type MdmPoster, runSandboxPhones } from './mdm-sandbox';
import { riskRoutes } from './routes';
import { seedRisk } from './seed';
import { seedDevices } from './seed-devices';
import { sendDeviceCommands } from './send-device-commands';

function mdmVerifier(ctx: AppContext): WebhookVerifier {
  return {
    // Only the sandbox MDM exists yet; a production MDM brings its own secret and drops this.
    sandboxOnly: true,
    verify({ rawBody, headers, now }) {
      const secret = mdmSecretOf(ctx);
      if (secret === null) throw RiskErrors.RISK_MDM_UNAVAILABLE({ detail: 'No MDM provider is configured.' });
      const header = headers['zulin-signature'];
      verifySignature(secret, rawBody, Array.isArray(header) ? header[0] : header, now);
      const message = parseMdmMessage(rawBody.toString('utf8'));
      return { eventId: message.id, eventType: message.type };
    },
  };
}

const posters = new WeakMap<AppContext, MdmPoster>();

/** Tests hand the sandbox MDM a poster of their own (`app.inject`): they listen on no port. */
export function useMdmPoster(ctx: AppContext, post: MdmPoster): void {
  posters.set(ctx, post);
}

/** The sandbox MDM posts to this server's own webhook. */
const sandboxPoster = (ctx: AppContext): MdmPoster =>
  posters.get(ctx) ??
  (async (request) => {
    const response = await fetch(`http://127.0.0.1:${ctx.config.port}/v1/webhooks/mdm`, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(RiskLimits.mdmCallTimeoutMs),
    });
    return { status: response.status };
  });

export const riskModule: ServerModule = {
  name: 'risk',
  routes: riskRoutes,
  adapters: riskAdapterStatuses,
  seed: async (ctx) => {
    const decisions = await seedRisk(ctx);
    const devices = await seedDevices(ctx);
    return { created: decisions.created + devices.created };
  },
  // Without an MDM configured (outside sandbox mode, until a provider is built) the channel does not
  // exist: a post to it is 404 like any unknown channel.
  webhookVerifiers: (ctx): Record<string, WebhookVerifier> =>
    mdmSecretOf(ctx) === null ? {} : { mdm: mdmVerifier(ctx) },
  inboxHandlers: (ctx) => ({
    async mdm(message, tx) {
      const applied = await applyMdmMessage(tx, { clock: ctx.clock, timeZone: ctx.config.timeZone }, message.body);
      if (applied === 'unknown_device')
        ctx.logger.warn({ id: message.providerEventId }, 'mdm message for a device not enrolled here');
      if (applied === 'released_device')
        ctx.logger.info({ id: message.providerEventId }, 'mdm location report for a released device ignored');
    },
  }),
  subscribers: (ctx) => limitSubscribers(ctx.clock),
  sweeps: (ctx) => [
    {
      name: 'risk.review_sla',
      description: 'Marks open review cases past their SLA (2 h by default) as breached',
      everySeconds: 60,
      run: async ({ db, clock }) => ({ breached: await markBreachedCases(db, clock) }),
    },
    {
      name: 'risk.mdm_commands',
      description: 'Hands pending lock and unlock commands to the MDM and fails those it never answered',
      everySeconds: RiskLimits.mdmCommandSweepSeconds,
      run: () => sendDeviceCommands(ctx.database, mdmDeps(ctx)),
    },
    {
      name: 'risk.mdm_enrolments',
      description: 'Enrols the phones of delivered orders with the MDM (asked for by the delivery)',
      everySeconds: RiskLimits.mdmCommandSweepSeconds,
      run: () => enrolRequestedDevices(ctx.database, mdmDeps(ctx)),
    },
    ...(ctx.config.sandbox
      ? ([
          {
            name: 'risk.mdm_sandbox',
            description: 'The sandbox MDM: its phones answer their commands, and it posts its signed messages',
            everySeconds: RiskLimits.mdmCommandSweepSeconds,
            async run({ clock }) {
              const phones = await runSandboxPhones(ctx.database, clock);
              const secret = mdmSecretOf(ctx) as Buffer;
              const posted = await deliverSandboxMdmMessages(ctx.database, { clock, secret, post: sandboxPoster(ctx) });
              return { ...phones, ...posted };
            },
          },
        ] satisfies SweepDefinition[])
      : []),
  ],
};
