// The sandbox channel's HTTP face, registered only in sandbox mode. The protocol endpoints are
// authenticated by the channel's own signature (config.auth 'public'), take the raw body (signatures
// are over the exact bytes) and answer in the channel's own format; the cashier and the knobs are
// for a person or a test driving the sandbox.
import { setTimeout as sleep } from 'node:timers/promises';
import { KernelErrors } from '@zulin/kernel';
import { command, type RoutesPlugin } from '@zulin/platform';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { parseAlipayForm } from '../alipay-protocol';
import { configuredPaymentChannel } from '../channel-client-of';
import { postDueSandboxCallbacks, postsCallbacksAtOnce } from '../deliver-sandbox-callbacks';
import { PaymentsErrors } from '../errors';
import { PaymentsLimits } from '../limits';
import { endFailedAttempt } from '../recheck-payments';
import { answerAlipayRequest } from '../sandbox-alipay';
import { readSandboxAgreement, refuseAtSandbox } from '../sandbox-alipay-agreements';
import { sandboxKeys } from '../sandbox-keys';
import { defaultKnobs, readKnobs, setKnobs } from '../sandbox-knobs';
import { alipayBillZip } from '../sandbox-statements';
import { actAtCashier, findTradeById } from '../sandbox-trades';
import { answerWechatpayRequest, type ChannelAnswer, wechatpaySandboxPrefix } from '../sandbox-wechatpay';
import { cancelAgreementInAppAtSandbox, signAgreementAtSandbox } from '../sandbox-wechatpay-agreements';

const Knobs = Type.Object(
  {
    callbackDelaySeconds: Type.Integer({ minimum: 0, maximum: 86_400 }),
    loseNextCallbacks: Type.Integer({ minimum: 0, maximum: 1000 }),
    duplicateCallbacks: Type.Boolean(),
    outOfOrderCallbacks: Type.Boolean(),
    failNextCalls: Type.Integer({ minimum: 0, maximum: 1000 }),
    timeoutNextCalls: Type.Integer({ minimum: 0, maximum: 1000 }),
    timeoutSeconds: Type.Integer({ minimum: 1, maximum: PaymentsLimits.sandboxTimeoutMaxSeconds }),
    allowPaymentAfterClose: Type.Boolean(),
    wechatpayKeyMode: Type.Union([Type.Literal('platform-certificate'), Type.Literal('public-key')]),
    creditAvailableMinor: Type.Integer({ minimum: 0, maximum: PaymentsLimits.paymentMaxMinor }),
    insufficientFunds: Type.Boolean(),
    chargesWaitForPayer: Type.Boolean(),
  },
  { additionalProperties: false },
);

const SandboxTrade = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  merchantId: Type.String({ description: 'the merchant the payer pays (WeChat mchid, Alipay app id)' }),
  outTradeNo: Type.String(),
  amountMinor: Type.Integer(),
  description: Type.String(),
  state: Type.String(),
});

const sandboxTag = { tags: ['sandbox'], description: 'Only in sandbox mode.' };

export const sandboxRoutes: RoutesPlugin = async (app, { ctx }) => {
  if (!ctx.config.sandbox) return;
  const deps = async () => ({ clock: ctx.clock, keys: await sandboxKeys(ctx.database.db, ctx.clock.now()) });
  // Like the real channels, the sandbox notifies within seconds: the due callbacks go out right after
  // the commit (the knobs still delay, lose or repeat them); its sweep retries what is not answered.
  const postCallbacksNow = async (request: FastifyRequest): Promise<void> => {
    if (!postsCallbacksAtOnce(ctx)) return;
    try {
      await postDueSandboxCallbacks(ctx.database.db, ctx.clock);
    } catch (error) {
      request.log.warn({ err: error }, 'the sandbox could not post its callbacks now; its sweep retries');
    }
  };

  const send = async (reply: import('fastify').FastifyReply, answer: ChannelAnswer) => {
    // The call was carried out and committed; the answer is held back past the client's timeout.
    if (answer.holdSeconds > 0)
      await sleep(Math.min(answer.holdSeconds, PaymentsLimits.sandboxTimeoutMaxSeconds) * 1000);
    reply.code(answer.status).headers(answer.headers);
    if (answer.bytes) return reply.send(answer.bytes);
    return reply.send(answer.body === '' ? undefined : answer.body);
  };

  await app.register(async (scope) => {
    // Signatures are over the exact bytes received, so the body is kept as text here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'string', bodyLimit: PaymentsLimits.channelMessageMaxBytes },
      (_req, body, done) => done(null, body),
    );

    // One route per method: each gets its own operationId in the OpenAPI document.
    for (const method of ['GET', 'POST'] as const) {
      scope.route({
        method,
        url: `${wechatpaySandboxPrefix}/v3/*`,
        config: { auth: 'public' },
        schema: {
          ...sandboxTag,
          summary: `Sandbox WeChat Pay API v3, ${method} (signed requests: create, query, close, refund)`,
        },
        handler: async (request, reply) => {
          const d = await deps();
          const header = request.headers.authorization;
          const answer = await command(ctx, request, reply, {}, (tx) =>
            answerWechatpayRequest(tx, d, {
              method: request.method,
              pathAndQuery: request.url,
              authorization: typeof header === 'string' ? header : undefined,
              body: typeof request.body === 'string' ? request.body : '',
              origin: `${request.protocol}://${request.host}`,
            }),
          );
          return send(reply, answer);
        },
      });

      scope.route({
        method,
        url: '/v1/sandbox/payments/alipay/gateway.do',
        config: { auth: 'public' },
        schema: {
          ...sandboxTag,
          summary: `Sandbox Alipay OpenAPI gateway, ${method} (RSA2: trade precreate, query, close, refund)`,
        },
        handler: async (request, reply) => {
          const d = await deps();
          const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
          let params: Record<string, string>;
          try {
            // Each part decoded once; a name in both the query and the form is refused like a repeat.
            const fromQuery = parseAlipayForm(query);
            const fromForm = parseAlipayForm(typeof request.body === 'string' ? request.body : '');
            for (const key of Object.keys(fromForm)) {
              if (Object.hasOwn(fromQuery, key))
                throw KernelErrors.VALIDATION_FAILED({ detail: `${key} appears twice.` });
            }
            params = { ...fromQuery, ...fromForm };
          } catch {
            // Unreadable parameters: the gateway answers isv.invalid-app-id like any unsigned call.
            params = {};
          }
          const origin = `${request.protocol}://${request.host}`;
          const answer = await command(ctx, request, reply, {}, (tx) => answerAlipayRequest(tx, d, params, origin));
          return send(reply, answer);
        },
      });
    }
  });

  app.get<{ Params: { token: string } }>(
    '/v1/sandbox/payments/alipay/bills/:token',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary:
          'Sandbox Alipay bill file (the bill_download_url of alipay.data.dataservice.bill.downloadurl.query): a ZIP of GBK CSV files',
        params: Type.Object({ token: Type.String({ maxLength: 64 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const zip = await alipayBillZip(ctx.database.db, ctx.clock.now(), request.params.token);
      if (!zip) {
        reply.code(404).header('Content-Type', 'text/plain; charset=utf-8');
        return reply.send('bill link expired or unknown');
      }
      reply
        .code(200)
        .header('Content-Type', 'application/zip')
        .header('Content-Disposition', `attachment; filename="${request.params.token}.csv.zip"`);
      return reply.send(zip);
    },
  );

  app.get(
    '/v1/sandbox/payments/keys',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary: "The sandbox's merchant-side keys and identifiers, for pointing an official client at it",
      },
    },
    async () => {
      const { keys } = await deps();
      const w = keys.wechatpay;
      const a = keys.alipay;
      return {
        wechatpay: {
          baseURL: `${wechatpaySandboxPrefix}/`,
          appid: w.appId,
          mchid: w.mchid,
          serial: w.merchantSerial,
          privateKey: w.merchantPrivateKeyPem,
          apiV3Key: w.apiV3Key,
          certs: { [w.platformCertificateSerial]: w.platformCertificatePem, [w.publicKeyId]: w.publicKeyPem },
          platformCertificate: w.platformCertificatePem,
          publicKeyId: w.publicKeyId,
          publicKey: w.publicKeyPem,
        },
        alipay: {
          gateway: '/v1/sandbox/payments/alipay/gateway.do',
          appId: a.appId,
          sellerId: a.sellerId,
          keyType: 'PKCS8',
          privateKey: a.appPrivateKeyPem,
          alipayPublicKey: a.alipayPublicKeyPem,
          // Certificate mode (公钥证书模式): in place of alipayPublicKey, as new AlipaySdk({...}) takes them.
          appCertContent: a.appCertificatePem,
          alipayPublicCertContent: a.alipayCertificatePem,
          alipayRootCertContent: a.rootCertificatePem,
        },
      };
    },
  );

  app.get(
    '/v1/sandbox/payments/knobs',
    {
      config: { auth: 'public' },
      schema: { ...sandboxTag, summary: "The sandbox's test knobs", response: { 200: Knobs } },
    },
    async () => readKnobs(ctx.database.db),
  );

  app.put(
    '/v1/sandbox/payments/knobs',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary: "Set some of the sandbox's test knobs (the others keep their values)",
        body: Type.Partial(Knobs),
        response: { 200: Knobs },
      },
    },
    (request, reply) => command(ctx, request, reply, {}, (tx) => setKnobs(tx, ctx.clock.now(), request.body)),
  );

  app.post(
    '/v1/sandbox/payments/knobs/reset',
    {
      config: { auth: 'public' },
      schema: { ...sandboxTag, summary: 'Put every knob back to its default', response: { 200: Knobs } },
    },
    (request, reply) => command(ctx, request, reply, {}, (tx) => setKnobs(tx, ctx.clock.now(), defaultKnobs)),
  );

  app.get(
    '/v1/sandbox/payments/cashier/:tradeId',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary: 'Sandbox cashier: the trade a person is about to pay',
        params: Type.Object({ tradeId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: SandboxTrade },
      },
    },
    async (request) => {
      const trade = await findTradeById(ctx.database.db, request.params.tradeId);
      if (!trade) throw PaymentsErrors.PAYMENTS_SANDBOX_TRADE_NOT_FOUND();
      return trade;
    },
  );

  app.post(
    '/v1/sandbox/payments/cashier/:tradeId/:outcome',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary: 'Sandbox cashier: pay, fail or abandon; a payment makes the channel send its signed callback',
        params: Type.Object({
          tradeId: Type.String({ minLength: 1, maxLength: 64 }),
          outcome: Type.Union([Type.Literal('pay'), Type.Literal('fail'), Type.Literal('abandon')]),
        }),
        response: { 200: SandboxTrade },
      },
    },
    async (request, reply) => {
      const d = await deps();
      const trade = await command(ctx, request, reply, {}, async (tx) => {
        const done = await actAtCashier(tx, d, request.params.tradeId, request.params.outcome);
        if ('refused' in done) {
          throw done.refused === 'not_found'
            ? PaymentsErrors.PAYMENTS_SANDBOX_TRADE_NOT_FOUND()
            : PaymentsErrors.PAYMENTS_SANDBOX_TRADE_NOT_OPEN();
        }
        return done.trade;
      });
      // A payment's callback goes out at once (postCallbacksNow). A failed attempt sends no callback (both channels learn failures by query): the payer is sent
      // back to our page, which asks at once (WeChat's redirect_url, Alipay's return_url) — played here.
      if (request.params.outcome === 'fail') {
        try {
          await endFailedAttempt(
            ctx.database,
            { clock: ctx.clock, channelOf: (c) => configuredPaymentChannel(ctx, c) },
            trade.outTradeNo,
          );
        } catch (error) {
          request.log.warn({ err: error }, 'the failed attempt could not be ended now; the janitor asks later');
        }
      }
      if (request.params.outcome === 'pay') await postCallbacksNow(request);
      return trade;
    },
  );

  const SandboxAgreementPage = Type.Object({
    id: Type.String(),
    channel: Type.String(),
    merchantId: Type.String({ description: 'the merchant the payer authorises (Alipay app id, WeChat Pay mchid)' }),
    externalAgreementNo: Type.String(),
    singleAmountMinor: Type.Integer({ description: 'the most one charge may take, in 分' }),
    status: Type.Union([Type.Literal('TEMP'), Type.Literal('NORMAL'), Type.Literal('STOP')]),
  });
  const AgreementIdParams = Type.Object({ agreementId: Type.String({ minLength: 1, maxLength: 64 }) });
  const presentSandboxAgreement = (a: NonNullable<Awaited<ReturnType<typeof readSandboxAgreement>>>) => ({
    id: a.id,
    channel: a.channel,
    merchantId: a.merchantId,
    externalAgreementNo: a.externalAgreementNo,
    singleAmountMinor: a.singleAmountMinor,
    status: a.status,
  });

  app.get(
    '/v1/sandbox/payments/agreements/:agreementId',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary: 'Sandbox agreement page: what the payer is asked to authorise (merchant, per-charge cap, state)',
        params: AgreementIdParams,
        response: { 200: SandboxAgreementPage },
      },
    },
    async (request) => {
      const found = await readSandboxAgreement(ctx.database.db, request.params.agreementId);
      if (!found) throw PaymentsErrors.PAYMENTS_SANDBOX_TRADE_NOT_FOUND({ detail: 'No such sandbox agreement.' });
      return presentSandboxAgreement(found);
    },
  );

  app.post(
    '/v1/sandbox/payments/agreements/:agreementId/refuse',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary: 'Sandbox agreement page: the payer refuses; the agreement never comes into force (TEMP → STOP)',
        params: AgreementIdParams,
        response: { 200: Type.Object({ id: Type.String(), status: Type.String() }) },
      },
    },
    async (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const refused = await refuseAtSandbox(tx, request.params.agreementId);
        if (!refused)
          throw PaymentsErrors.PAYMENTS_SANDBOX_TRADE_NOT_FOUND({ detail: 'No unsigned sandbox agreement.' });
        return { id: refused.id, status: refused.status };
      }),
  );

  app.post(
    '/v1/sandbox/payments/agreements/:agreementId/sign',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary: 'Sandbox agreement page: the payer signs the auto-debit agreement (TEMP → NORMAL)',
        params: Type.Object({ agreementId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 200: Type.Object({ id: Type.String(), status: Type.String() }) },
      },
    },
    async (request, reply) => {
      const d = await deps();
      const signed = await command(ctx, request, reply, {}, async (tx) => {
        const done = await signAgreementAtSandbox(tx, d, request.params.agreementId);
        if (!done) throw PaymentsErrors.PAYMENTS_SANDBOX_TRADE_NOT_FOUND({ detail: 'No unsigned sandbox agreement.' });
        return { id: done.id, status: done.status };
      });
      await postCallbacksNow(request);
      return signed;
    },
  );

  app.post(
    '/v1/sandbox/payments/agreements/:agreementId/cancel-in-app',
    {
      config: { auth: 'public' },
      schema: {
        ...sandboxTag,
        summary:
          'Sandbox Alipay app: the payer ends a signed agreement in their app (NORMAL → STOP); Alipay notifies dut_user_unsign',
        params: AgreementIdParams,
        response: { 200: Type.Object({ id: Type.String(), status: Type.String() }) },
      },
    },
    async (request, reply) => {
      const d = await deps();
      const ended = await command(ctx, request, reply, {}, async (tx) => {
        const done = await cancelAgreementInAppAtSandbox(tx, d, request.params.agreementId);
        if (!done) throw PaymentsErrors.PAYMENTS_SANDBOX_TRADE_NOT_FOUND({ detail: 'No signed sandbox agreement.' });
        return { id: done.id, status: done.status };
      });
      await postCallbacksNow(request);
      return ended;
    },
  );
};
