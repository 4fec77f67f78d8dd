// The signed-in customer: profile, real-name verification, notification preferences.
import { command, type RoutesPlugin } from '@zulin/platform';
import { identityAdapters } from '../adapters';
import * as S from '../api-schemas';
import { getNotificationPreferences } from '../notification-preferences';
import { customerIdOf } from '../principal';
import { getCustomerProfile } from '../profile';
import { setNotificationPreferences } from '../set-notification-preferences';
import { updateCustomerProfile } from '../update-customer-profile';
import { checkIdentity, recordIdentityCheck } from '../verify-identity';

const tagsMe = ['me'];

export const meRoutes: RoutesPlugin = async (app, { ctx }) => {
  const { masterKey } = ctx.config;
  const adapters = identityAdapters(ctx);

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
    (request, reply) =>
      command(ctx, request, reply, {}, (tx) =>
        updateCustomerProfile(tx, masterKey, ctx.clock, customerIdOf(request), request.body),
      ),
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
    async (request, reply) => {
      // The provider answers before the transaction opens; the answer is then recorded in it.
      const check = await checkIdentity(ctx.database, {
        masterKey,
        clock: ctx.clock,
        timeZone: ctx.config.timeZone,
        provider: adapters.identity,
        customerId: customerIdOf(request),
        ...request.body,
        ip: request.ip,
      });
      return command(ctx, request, reply, {}, (tx) =>
        recordIdentityCheck(tx, { masterKey, clock: ctx.clock, ip: request.ip }, check),
      );
    },
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
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => ({
        data: await setNotificationPreferences(tx, ctx.clock, customerIdOf(request), request.body.data),
      })),
  );
};
