// Customer and staff sign-in: SMS codes, login, third-party login, refresh, logout, staff login.
import { command, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { identityAdapters } from '../adapters';
import * as S from '../api-schemas';
import { endSession } from '../end-session';
import { IdentityLimits } from '../limits';
import { staffLogin } from '../log-in-staff';
import { claimLoginCodeTry, loginWithCode } from '../login-with-code';
import { loginWithOauth } from '../oauth';
import { getCustomerProfile } from '../profile';
import { refreshSession } from '../refresh-session';
import { sendLoginCode } from '../send-login-code';

const tagsAuth = ['auth'];
const tagsStaff = ['staff'];

export const authRoutes: RoutesPlugin = async (app, { ctx }) => {
  const { masterKey } = ctx.config;
  const adapters = identityAdapters(ctx);

  app.post(
    '/v1/auth/sms-codes',
    {
      config: { auth: 'public' },
      schema: {
        tags: tagsAuth,
        summary: 'Send a login code by SMS',
        description:
          'Limits: one code per number per 60 s, 10 per number per day, 30 per client address per hour (429 with ' +
          'SMS_SEND_TOO_SOON, SMS_DAILY_LIMIT_REACHED or SMS_IP_LIMIT_REACHED and Retry-After).',
        body: S.PhoneBody,
        response: { 202: S.SmsCodeSent },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 202 }, async (tx) => {
        const { expiresAt } = await sendLoginCode(tx, {
          masterKey,
          clock: ctx.clock,
          timeZone: ctx.config.timeZone,
          phone: request.body.phone,
          ip: request.ip,
        });
        return { expiresAt: expiresAt.toISOString(), resendAfterSeconds: IdentityLimits.smsSendIntervalMs / 1000 };
      }),
  );

  app.post(
    '/v1/auth/login',
    {
      config: { auth: 'public', sensitiveResponse: true },
      schema: {
        tags: tagsAuth,
        summary: 'Log in (or sign up) with phone number and SMS code',
        description:
          'A number seen for the first time becomes a new customer. A code allows 5 tries and lasts 5 minutes. ' +
          'A new customer, or one who has not agreed to a document in force (GET /v1/legal), sends `consents`; ' +
          'without them the answer is 422 CONSENT_REQUIRED and nothing is kept (the code stays usable).',
        body: S.LoginBody,
        response: { 200: S.LoginResponse },
      },
    },
    async (request, reply) => {
      const { phone, code, consents } = request.body;
      const codeTry = await claimLoginCodeTry(ctx.database, { masterKey, clock: ctx.clock, phone, code });
      return command(ctx, request, reply, {}, async (tx) => {
        const result = await loginWithCode(tx, {
          masterKey,
          clock: ctx.clock,
          phone,
          code,
          codeTry,
          consents,
          ip: request.ip,
        });
        return {
          ...result.session,
          customer: await getCustomerProfile(tx, masterKey, result.customerId),
          created: result.created,
        };
      });
    },
  );

  app.post(
    '/v1/auth/oauth/:provider',
    {
      config: { auth: 'public', sensitiveResponse: true },
      schema: {
        tags: tagsAuth,
        summary: 'Log in with WeChat or Alipay',
        description:
          'Exchanges the provider authorization code for the open id. An open id not yet linked answers 409 ' +
          'OAUTH_PHONE_REQUIRED; send the same request again with phone and smsCode to link it.',
        params: S.OauthParams,
        body: S.OauthBody,
        response: { 200: S.LoginResponse },
      },
    },
    async (request, reply) => {
      const { provider } = request.params;
      const { phone, smsCode } = request.body;
      // The provider is asked before the transaction opens; the SMS try is counted in its own.
      const { openId } = await adapters.oauth[provider].exchange(request.body.code, ctx.clock.now());
      const codeTry =
        phone !== undefined && smsCode !== undefined
          ? await claimLoginCodeTry(ctx.database, {
              masterKey,
              clock: ctx.clock,
              phone,
              code: smsCode,
              path: '/body/smsCode',
            })
          : undefined;
      return command(ctx, request, reply, {}, async (tx) => {
        const result = await loginWithOauth(
          tx,
          { masterKey, clock: ctx.clock, provider },
          { openId, phone, smsCode, codeTry, consents: request.body.consents, ip: request.ip },
        );
        return {
          ...result.session,
          customer: await getCustomerProfile(tx, masterKey, result.customerId),
          created: result.created,
        };
      });
    },
  );

  app.post(
    '/v1/auth/refresh',
    {
      config: { auth: 'public', sensitiveResponse: true },
      schema: {
        tags: tagsAuth,
        summary: 'Exchange a refresh token for a new access and refresh token',
        description:
          'Rotates: the refresh token sent is spent. Sending a spent one again revokes the whole session ' +
          '(AUTH_REFRESH_TOKEN_REUSED).',
        body: S.RefreshBody,
        response: { 200: S.SessionResponse },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        refreshSession(tx, masterKey, ctx.clock.now(), request.body.refreshToken),
      ),
  );

  app.post(
    '/v1/auth/logout',
    {
      config: { auth: 'public' },
      schema: {
        tags: tagsAuth,
        summary: 'End the session of a refresh token',
        description: 'Revokes the refresh token and every token rotated from the same login. Always 204.',
        body: S.RefreshBody,
        response: { 204: Type.Null() },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 204 }, async (tx) => {
        await endSession(tx, ctx.clock.now(), request.body.refreshToken);
        return null;
      }),
  );

  app.post(
    '/v1/staff/login',
    {
      config: { auth: 'public', sensitiveResponse: true },
      schema: {
        tags: tagsStaff,
        summary: 'Staff login with password and authenticator code',
        description:
          'After 5 failures in a row the account is locked for 15 minutes (423 STAFF_LOCKED). Every attempt is audited. ' +
          'The session lasts at most 12 hours; refresh it at /v1/auth/refresh.',
        body: S.StaffLoginBody,
        response: { 200: S.StaffLoginResponse },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        const outcome = await staffLogin(tx, { masterKey, clock: ctx.clock, ip: request.ip }, request.body);
        return 'session' in outcome ? { ...outcome.session, staff: outcome.staff } : outcome;
      }),
  );
};
