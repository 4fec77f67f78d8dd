// Sandbox read-backs (registered only in sandbox mode): the text messages sent, and signed
// authorization codes of the sandbox WeChat and Alipay login.
import type { RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { identityAdapters } from '../adapters';
import * as S from '../api-schemas';
import { IdentityErrors } from '../errors';
import { parsePhone } from '../phone';
import { customerIdOf } from '../principal';
import { listSandboxSms, listSandboxSmsOfCustomer } from '../sms';

const tagsSandbox = ['sandbox'];

export const sandboxRoutes: RoutesPlugin = async (app, { ctx }) => {
  const { masterKey } = ctx.config;
  const adapters = identityAdapters(ctx);

  app.get(
    '/v1/sandbox/sms',
    {
      config: { auth: 'public' },
      schema: {
        tags: tagsSandbox,
        summary: 'Sandbox: the text messages sent to a number, newest first',
        description: 'Only in sandbox mode; 404 otherwise.',
        querystring: Type.Object({ phone: Type.String({ maxLength: 20 }) }),
        response: { 200: S.SandboxSmsList },
      },
    },
    async (request) => {
      const phone = parsePhone(request.query.phone, '/query/phone');
      return { data: await listSandboxSms(ctx.database.db, masterKey, phone) };
    },
  );

  app.get(
    '/v1/sandbox/sms/mine',
    {
      config: { auth: 'customer' },
      schema: {
        tags: tagsSandbox,
        summary: 'Sandbox: the text messages sent to my own phone, newest first (step-up codes)',
        description: 'Only in sandbox mode; 404 otherwise.',
        response: { 200: S.SandboxSmsList },
      },
    },
    async (request) => ({
      data: await listSandboxSmsOfCustomer(ctx.database.db, masterKey, customerIdOf(request)),
    }),
  );

  app.post(
    '/v1/sandbox/oauth/:provider/codes',
    {
      config: { auth: 'public', sensitiveResponse: true, effects: 'none' },
      schema: {
        tags: tagsSandbox,
        summary: 'Sandbox: issue a signed authorization code for an open id',
        params: S.OauthParams,
        body: S.SandboxOauthBody,
        response: { 201: S.SandboxOauthCode },
      },
    },
    async (request, reply) => {
      const issuer = adapters.sandboxOauth?.[request.params.provider];
      if (!issuer) throw IdentityErrors.SANDBOX_DISABLED();
      const { code, expiresAt } = issuer.issue(request.body.openId, ctx.clock.now());
      return reply.status(201).send({ code, expiresAt: expiresAt.toISOString() });
    },
  );
};
