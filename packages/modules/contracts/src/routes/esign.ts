// Signing through a licensed e-signature provider over HTTP. Customer: how this platform signs and
// the draft's live flow; start (or find again) the provider's flow for a draft. Sandbox mode: the
// sandbox provider's signer page reads its flow and lets a tester agree or refuse, which makes the
// sandbox post its signed callback to our webhook (`POST /v1/webhooks/esign`).
import { customerIdOf } from '@zulin/identity';
import { command, IdParams, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { ContractsErrors } from '../errors';
import { esignCallbackUrl, esignProviderOf, liveFlowOf, sandboxESignOf, signingModeOf } from '../esign-flows';
import { getContract } from '../read-contracts';
import { prepareESignFlow, saveESignFlow } from '../start-esign-flow';

const Flow = Type.Object({
  flowId: Type.String(),
  contractId: Type.String(),
  documentHash: Type.String(),
  authUrl: Type.String({ description: "the provider's page where the signer proves who they are and agrees" }),
  expiresAt: Type.String(),
});

const SigningInfo = Type.Object({
  signingMode: Type.Union([Type.Literal('own'), Type.Literal('provider')], {
    description: 'own: SMS code and drawn or typed signature here; provider: the provider’s 实名 + 意愿 flow',
  }),
  flow: Type.Union([Flow, Type.Null()], { description: 'the live flow of this draft, if one was started' }),
});

const present = (f: {
  flowId: string;
  contractId: string;
  documentHash: string;
  authUrl: string;
  expiresAt: Date;
}) => ({
  flowId: f.flowId,
  contractId: f.contractId,
  documentHash: f.documentHash,
  authUrl: f.authUrl,
  expiresAt: f.expiresAt.toISOString(),
});

export const esignRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  const signingMode = signingModeOf();

  app.get(
    '/v1/contracts/:id/esign',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['contracts'],
        summary: 'How this contract is signed here, and its live provider flow',
        params: IdParams,
        response: { 200: SigningInfo },
      },
    },
    async (request) => {
      const contract = await getContract(db, request.params.id, customerIdOf(request));
      const live = contract.status === 'draft' ? await liveFlowOf(db, contract.id) : undefined;
      const current = live && live.documentHash === contract.documentHash && live.expiresAt > ctx.clock.now();
      return { signingMode, flow: current && live ? present(live) : null };
    },
  );

  app.post(
    '/v1/contracts/:id/esign-flows',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['contracts'],
        summary: "Start the provider's signing flow for this draft (the same draft answers the same live flow)",
        params: IdParams,
        response: { 201: Flow },
      },
    },
    async (request, reply) => {
      const customerId = customerIdOf(request);
      // Another customer's contract is a 404 whatever the mode.
      await getContract(db, request.params.id, customerId);
      if (signingMode !== 'provider') throw ContractsErrors.CONTRACTS_ESIGN_NOT_USED();
      const provider = esignProviderOf(ctx, db);
      const deps = { clock: ctx.clock, provider, callbackUrl: esignCallbackUrl(ctx) };
      // The provider is asked outside any transaction; the flow is recorded in the command's.
      const prepared = await prepareESignFlow(ctx.database, deps, { customerId, contractId: request.params.id });
      return command(ctx, request, reply, { status: 201 }, async (tx) =>
        present(
          'existing' in prepared
            ? prepared.existing
            : await saveESignFlow(tx, deps, {
                customerId,
                contractId: request.params.id,
                opened: prepared.opened,
                documentHash: prepared.documentHash,
              }),
        ),
      );
    },
  );

  if (!ctx.config.sandbox) return;

  const SandboxFlow = Type.Object({
    flowId: Type.String(),
    contractId: Type.String(),
    documentHash: Type.String(),
    status: Type.Union([Type.Literal('open'), Type.Literal('signed'), Type.Literal('refused')]),
    expiresAt: Type.String(),
    expired: Type.Boolean(),
  });
  const FlowParams = Type.Object({ flowId: Type.String({ pattern: '^sbx_flow_[0-9a-f]{16}$' }) });
  const sandboxTag = { tags: ['sandbox'] };

  app.get(
    '/v1/sandbox/esign/flows/:flowId',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary: 'Sandbox e-signature provider: the flow a signer is about to confirm',
        params: FlowParams,
        response: { 200: SandboxFlow },
      },
    },
    async (request) => {
      const flow = await sandboxESignOf(ctx, db).store.find(request.params.flowId);
      if (!flow) throw ContractsErrors.CONTRACTS_ESIGN_FLOW_NOT_FOUND();
      return {
        flowId: flow.flowId,
        contractId: flow.contractId,
        documentHash: flow.documentHash,
        status: flow.status,
        expiresAt: flow.expiresAt.toISOString(),
        expired: flow.expiresAt <= ctx.clock.now(),
      };
    },
  );

  app.post(
    '/v1/sandbox/esign/flows/:flowId/complete',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary:
          'Sandbox e-signature provider: the signer agrees or refuses; the provider posts its signed callback (knobs: a repeat, a bad signature)',
        params: FlowParams,
        body: Type.Object(
          {
            agree: Type.Boolean(),
            realNamePassed: Type.Optional(Type.Boolean()),
            willingness: Type.Optional(Type.Union([Type.Literal('SMS'), Type.Literal('FACE')])),
            delivery: Type.Optional(
              Type.Union([Type.Literal('once'), Type.Literal('twice'), Type.Literal('bad_signature')]),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            status: Type.Union([Type.Literal('signed'), Type.Literal('refused')]),
            deliveries: Type.Array(Type.Integer({ minimum: 100, maximum: 599 })),
          }),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      // The sandbox's own state changes (the flow closes), then it posts as the provider would.
      let callback: { url: string; headers: Record<string, string>; body: string } | undefined;
      const closed = await command(ctx, request, reply, {}, async (tx) => {
        const done = await sandboxESignOf(ctx, tx).server.complete(request.params.flowId, {
          signed: body.agree,
          realNamePassed: body.realNamePassed ?? true,
          willingness: body.willingness ?? 'SMS',
        });
        if ('refused' in done) {
          throw done.refused === 'not_found'
            ? ContractsErrors.CONTRACTS_ESIGN_FLOW_NOT_FOUND()
            : ContractsErrors.CONTRACTS_ESIGN_FLOW_CLOSED({ detail: `The flow is ${done.refused}.` });
        }
        callback = done;
        return { status: done.status, deliveries: [] as number[] };
      });
      const done = { ...closed, ...(callback as NonNullable<typeof callback>) };
      const delivery = body.delivery ?? 'once';
      const headers =
        delivery === 'bad_signature' ? { ...done.headers, 'x-tsign-open-signature': 'f'.repeat(64) } : done.headers;
      const deliveries: number[] = [];
      for (let i = 0; i < (delivery === 'twice' ? 2 : 1); i++) {
        const posted = await app.inject({
          method: 'POST',
          url: new URL(done.url, 'http://sandbox').pathname,
          headers,
          payload: done.body,
        });
        deliveries.push(posted.statusCode);
      }
      return { status: done.status, deliveries };
    },
  );
};
