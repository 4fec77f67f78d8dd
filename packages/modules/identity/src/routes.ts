// The identity API: customer login and profile, staff login, staff and roles, customers for
// staff, the audit log, and the sandbox read-backs. Thin: validate, authorize (config.auth), call
// the use case, shape the reply.

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '@zulin/server/context';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { identityAdapters } from './adapters';
import * as S from './api-schemas';
import { listAuditEntries } from './audit';
import { revealCustomer, searchCustomers } from './customers-admin';
import { IdentityErrors } from './errors';
import { IdentityLimits } from './limits';
import { loginWithCode } from './login-with-code';
import { getNotificationPreferences, setNotificationPreferences } from './notification-preferences';
import { loginWithOauth } from './oauth';
import { permissions, permissionsOf, roleDescriptions, roles } from './permissions';
import { parsePhone } from './phone';
import { customerIdOf, staffOf } from './principal';
import { getCustomerProfile, updateCustomerProfile } from './profile';
import { sendLoginCode } from './send-login-code';
import { endSession, refreshSession } from './sessions';
import { listSandboxSms, listSandboxSmsOfCustomer } from './sms';
import { createStaff, getStaff, listStaff, staffLogin, updateStaff } from './staff';
import { verifyIdentity } from './verify-identity';

const tagsAuth = ['auth'];
const tagsMe = ['me'];
const tagsStaff = ['staff'];
const tagsAdmin = ['admin: identity'];
const tagsSandbox = ['sandbox'];

export const identityRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (root, { ctx }) => {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const { masterKey } = ctx.config;
  const adapters = identityAdapters(ctx);
  app.addSchema(S.Customer);
  app.addSchema(S.Staff);

  const requireSandbox = () => {
    if (!ctx.config.sandbox) throw IdentityErrors.SANDBOX_DISABLED({ detail: 'Sandbox mode is off.' });
  };

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
    async (request, reply) => {
      const { expiresAt } = await sendLoginCode(ctx.database, {
        masterKey,
        clock: ctx.clock,
        timeZone: ctx.config.timeZone,
        phone: request.body.phone,
        ip: request.ip,
      });
      return reply.status(202).send({
        expiresAt: expiresAt.toISOString(),
        resendAfterSeconds: IdentityLimits.smsSendIntervalMs / 1000,
      });
    },
  );

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
      requireSandbox();
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
    async (request) => {
      requireSandbox();
      return { data: await listSandboxSmsOfCustomer(ctx.database.db, masterKey, customerIdOf(request)) };
    },
  );

  app.post(
    '/v1/auth/login',
    {
      config: { auth: 'public', sensitiveResponse: true },
      schema: {
        tags: tagsAuth,
        summary: 'Log in (or sign up) with phone number and SMS code',
        description:
          'A number seen for the first time becomes a new customer. A code allows 5 tries and lasts 5 minutes.',
        body: S.LoginBody,
        response: { 200: S.LoginResponse },
      },
    },
    async (request) => {
      const result = await loginWithCode(ctx.database, { masterKey, clock: ctx.clock, ...request.body });
      return {
        ...result.session,
        customer: await getCustomerProfile(ctx.database.db, masterKey, result.customerId),
        created: result.created,
      };
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
    async (request) => {
      const result = await loginWithOauth(
        ctx.database,
        { masterKey, clock: ctx.clock, provider: adapters.oauth[request.params.provider] },
        request.body,
      );
      return {
        ...result.session,
        customer: await getCustomerProfile(ctx.database.db, masterKey, result.customerId),
        created: result.created,
      };
    },
  );

  app.post(
    '/v1/sandbox/oauth/:provider/codes',
    {
      config: { auth: 'public', sensitiveResponse: true },
      schema: {
        tags: tagsSandbox,
        summary: 'Sandbox: issue a signed authorization code for an open id',
        params: S.OauthParams,
        body: S.SandboxOauthBody,
        response: { 201: S.SandboxOauthCode },
      },
    },
    async (request, reply) => {
      requireSandbox();
      const issuer = adapters.sandboxOauth?.[request.params.provider];
      if (!issuer) throw IdentityErrors.SANDBOX_DISABLED();
      const { code, expiresAt } = issuer.issue(request.body.openId, ctx.clock.now());
      return reply.status(201).send({ code, expiresAt: expiresAt.toISOString() });
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
    async (request) => refreshSession(ctx.database, masterKey, ctx.clock.now(), request.body.refreshToken),
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
    async (request, reply) => {
      await endSession(ctx.database, ctx.clock.now(), request.body.refreshToken);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/me',
    {
      config: { auth: 'customer' },
      schema: { tags: tagsMe, summary: 'The signed-in customer', response: { 200: S.CustomerRef } },
    },
    async (request) => getCustomerProfile(ctx.database.db, masterKey, customerIdOf(request)),
  );

  app.patch(
    '/v1/me',
    {
      config: { auth: 'customer' },
      schema: {
        tags: tagsMe,
        summary: 'Change nickname or language',
        body: S.UpdateMeBody,
        response: { 200: S.CustomerRef },
      },
    },
    async (request) =>
      updateCustomerProfile(ctx.database.db, masterKey, ctx.clock, customerIdOf(request), request.body),
  );

  app.post(
    '/v1/me/identity',
    {
      config: { auth: 'customer' },
      schema: {
        tags: tagsMe,
        summary: 'Real-name verification',
        description:
          'Checks the ID number (GB 11643 check digit, birth date), age 18–65, then name + ID + phone and liveness ' +
          'with the identity provider. 422 names the field: IDENTITY_NAME_INVALID, IDENTITY_ID_NUMBER_INVALID, ' +
          'IDENTITY_AGE_OUT_OF_RANGE, IDENTITY_MISMATCH, IDENTITY_LIVENESS_FAILED.',
        body: S.IdentityBody,
        response: { 200: S.CustomerRef },
      },
    },
    async (request) =>
      verifyIdentity(ctx.database, {
        masterKey,
        clock: ctx.clock,
        timeZone: ctx.config.timeZone,
        provider: adapters.identity,
        customerId: customerIdOf(request),
        ...request.body,
        ip: request.ip,
      }),
  );

  app.get(
    '/v1/me/notification-preferences',
    {
      config: { auth: 'customer' },
      schema: {
        tags: tagsMe,
        summary: 'Notification preferences per category and channel',
        description: 'All 20 combinations; marketing is off until the customer opts in.',
        response: { 200: S.Preferences },
      },
    },
    async (request) => ({ data: await getNotificationPreferences(ctx.database.db, customerIdOf(request)) }),
  );

  app.put(
    '/v1/me/notification-preferences',
    {
      config: { auth: 'customer' },
      schema: {
        tags: tagsMe,
        summary: 'Set notification preferences',
        description: 'The combinations sent are stored; the others keep their value. Answers all 20.',
        body: S.PreferencesBody,
        response: { 200: S.Preferences },
      },
    },
    async (request) => ({
      data: await setNotificationPreferences(ctx.database, ctx.clock, customerIdOf(request), request.body.data),
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
    async (request) => {
      const { session, staff } = await staffLogin(
        ctx.database,
        { masterKey, clock: ctx.clock, ip: request.ip },
        request.body,
      );
      return { ...session, staff };
    },
  );

  app.get(
    '/v1/staff/me',
    {
      config: { auth: 'staff' },
      schema: {
        tags: tagsStaff,
        summary: 'The signed-in staff member and their permissions',
        response: { 200: S.StaffMe },
      },
    },
    async (request) => {
      const me = staffOf(request);
      return { staff: await getStaff(ctx.database.db, me.staffId), permissions: [...me.permissions] };
    },
  );

  app.get(
    '/v1/admin/roles',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: { tags: tagsAdmin, summary: 'Roles and their permissions', response: { 200: S.RolesResponse } },
    },
    async () => ({
      data: roles.map((role) => ({ role, description: roleDescriptions[role], permissions: [...permissionsOf(role)] })),
      permissions: [...permissions],
    }),
  );

  app.get(
    '/v1/admin/staff',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: { tags: tagsAdmin, summary: 'List staff', querystring: S.StaffListQuery, response: { 200: S.StaffPage } },
    },
    async (request) => listStaff(ctx.database.db, request.query),
  );

  app.post(
    '/v1/admin/staff',
    {
      config: { auth: { permission: 'staff.manage' }, sensitiveResponse: true },
      schema: {
        tags: tagsAdmin,
        summary: 'Create a staff account',
        description: 'Answers the TOTP secret once, with its otpauth:// URI for the authenticator app.',
        body: S.CreateStaffBody,
        response: { 201: S.CreatedStaffResponse },
      },
    },
    async (request, reply) => {
      const options = { masterKey, clock: ctx.clock, actor: staffOf(request), ip: request.ip };
      const created = await createStaff(ctx.database, options, request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/v1/admin/staff/:id',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: { tags: tagsAdmin, summary: 'One staff account', params: S.IdParams, response: { 200: S.StaffRef } },
    },
    async (request) => getStaff(ctx.database.db, request.params.id),
  );

  app.patch(
    '/v1/admin/staff/:id',
    {
      config: { auth: { permission: 'staff.manage' } },
      schema: {
        tags: tagsAdmin,
        summary: 'Change the role of a staff account, or disable / enable it',
        description:
          'Disabling ends their sessions at once; enabling lifts a lock-out. Nobody changes their own account.',
        params: S.IdParams,
        body: S.UpdateStaffBody,
        response: { 200: S.StaffRef },
      },
    },
    async (request) =>
      updateStaff(
        ctx.database,
        { clock: ctx.clock, actor: staffOf(request), ip: request.ip },
        request.params.id,
        request.body,
      ),
  );

  app.get(
    '/v1/admin/audit-log',
    {
      config: { auth: { permission: 'audit.read' } },
      schema: {
        tags: tagsAdmin,
        summary: 'Search the audit log, newest first',
        querystring: S.AuditQuery,
        response: { 200: S.AuditPage },
      },
    },
    async (request) => {
      const { from, to, ...rest } = request.query;
      return listAuditEntries(ctx.database.db, {
        ...rest,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
      });
    },
  );

  app.get(
    '/v1/admin/customers',
    {
      config: { auth: { permission: 'customers.read' } },
      schema: {
        tags: tagsAdmin,
        summary: 'Find customers (masked)',
        description:
          'phone: exact number. q: a phone or ID number (exact, by blind index), a customer id, or part of a nickname.',
        querystring: S.CustomerSearchQuery,
        response: { 200: S.CustomerPage },
      },
    },
    async (request) => searchCustomers(ctx.database.db, masterKey, request.query),
  );

  app.get(
    '/v1/admin/customers/:id',
    {
      config: { auth: { permission: 'customers.read' } },
      schema: {
        tags: tagsAdmin,
        summary: 'One customer (masked)',
        params: S.IdParams,
        response: { 200: S.CustomerRef },
      },
    },
    async (request) => getCustomerProfile(ctx.database.db, masterKey, request.params.id),
  );

  app.post(
    '/v1/admin/customers/:id/reveal',
    {
      config: { auth: { permission: 'customers.reveal_pii' }, sensitiveResponse: true },
      schema: {
        tags: tagsAdmin,
        summary: 'Reveal the clear phone, name and ID number of a customer (audited)',
        params: S.IdParams,
        body: S.RevealBody,
        response: { 200: S.RevealedCustomer },
      },
    },
    async (request) =>
      revealCustomer(
        ctx.database,
        { masterKey, clock: ctx.clock, actor: staffOf(request), ip: request.ip },
        request.params.id,
        request.body.reason,
      ),
  );
};
