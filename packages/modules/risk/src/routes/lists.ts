// Staff keep the blacklists and allowlists; every change is audited.
import { staffOf } from '@zulin/identity';
import { command, IdParams, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { addListEntry } from '../add-list-entry';
import { presentListEntry } from '../api-schemas';
import { listKinds, listNames } from '../kinds';
import { RiskLimits } from '../limits';
import { listListEntries } from '../list-entries';
import { removeListEntry } from '../remove-list-entry';

const Reason = Type.String({ minLength: 1, maxLength: RiskLimits.reasonLengthMax });

export const listRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

  app.get(
    '/v1/admin/risk/list-entries',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'Blacklist and allowlist entries in force, newest first',
        querystring: Type.Object({
          list: Type.Optional(Type.Enum(listNames)),
          kind: Type.Optional(Type.Enum(listKinds)),
          ...PageQuery,
        }),
        response: { 200: PageOf(Ref('RiskListEntry')) },
      },
    },
    async (request) => {
      const page = await listListEntries(db, request.query);
      return { data: page.data.map(presentListEntry), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/admin/risk/list-entries',
    {
      config: { auth: { permission: 'risk.rules_write' } },
      schema: {
        tags: ['risk'],
        summary:
          'Put an ID number, phone, address, device or IP range on a list (personal values are stored as blind indexes)',
        body: Type.Object(
          {
            list: Type.Enum(listNames),
            kind: Type.Enum(listKinds),
            value: Type.String({ minLength: 1, maxLength: RiskLimits.addressLengthMax }),
            reason: Reason,
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('RiskListEntry') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentListEntry(
          await addListEntry(tx, { clock: ctx.clock, masterKey: ctx.config.masterKey }, staffOf(request), request.body),
        ),
      ),
  );

  app.post(
    '/v1/admin/risk/list-entries/:id/remove',
    {
      config: { auth: { permission: 'risk.rules_write' } },
      schema: {
        tags: ['risk'],
        summary: 'Take an entry off its list (kept, with who removed it and why)',
        params: IdParams,
        body: Type.Object({ reason: Reason }, { additionalProperties: false }),
        response: { 200: Ref('RiskListEntry') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentListEntry(
          await removeListEntry(tx, ctx.clock, staffOf(request), {
            id: request.params.id,
            reason: request.body.reason,
          }),
        ),
      ),
  );
};
