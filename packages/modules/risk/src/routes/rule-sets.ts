// Staff edit rule sets as drafts, back-test them, run them in shadow, and publish them with a
// second person's approval; rolling back is one call.
import { staffOf } from '@zulin/identity';
import { command, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentRuleSet } from '../api-schemas';
import { backtestRuleSet } from '../backtest-rule-set';
import { createRuleSetDraft } from '../create-rule-set-draft';
import { RiskLimits } from '../limits';
import { publishRuleSet } from '../publish-rule-set';
import { rollBackRuleSet } from '../roll-back-rule-set';
import { RuleSetSchema } from '../rule-set';
import { getRuleSet, listRuleSets } from '../rule-set-versions';
import { setRuleSetShadow } from '../set-rule-set-shadow';
import { updateRuleSetDraft } from '../update-rule-set-draft';

const VersionParams = Type.Object({ version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });
const Note = Type.String({ minLength: 1, maxLength: RiskLimits.descriptionLengthMax });

export const ruleSetRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  const read = { auth: { permission: 'risk.read' } } as const;
  const write = { auth: { permission: 'risk.rules_write' } } as const;

  app.get(
    '/v1/admin/risk/rule-sets',
    {
      config: read,
      schema: {
        tags: ['risk'],
        summary: 'Every rule-set version, newest first',
        response: { 200: Type.Object({ data: Type.Array(Ref('RiskRuleSetVersion')) }) },
      },
    },
    async () => ({ data: (await listRuleSets(db)).map(presentRuleSet) }),
  );

  app.get(
    '/v1/admin/risk/rule-sets/:version',
    {
      config: read,
      schema: {
        tags: ['risk'],
        summary: 'One rule-set version',
        params: VersionParams,
        response: { 200: Ref('RiskRuleSetVersion') },
      },
    },
    async (request) => presentRuleSet(await getRuleSet(db, request.params.version)),
  );

  app.post(
    '/v1/admin/risk/rule-sets',
    {
      config: write,
      schema: {
        tags: ['risk'],
        summary: 'Start a draft: a copy of the rule set in force, or the one given',
        body: Type.Object({ note: Note, ruleSet: Type.Optional(RuleSetSchema) }, { additionalProperties: false }),
        response: { 201: Ref('RiskRuleSetVersion') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentRuleSet(await createRuleSetDraft(tx, ctx.clock, staffOf(request), request.body)),
      ),
  );

  app.put(
    '/v1/admin/risk/rule-sets/:version',
    {
      config: write,
      schema: {
        tags: ['risk'],
        summary: 'Edit a draft (every expression is checked against the facts)',
        params: VersionParams,
        body: Type.Object({ ruleSet: RuleSetSchema, note: Type.Optional(Note) }, { additionalProperties: false }),
        response: { 200: Ref('RiskRuleSetVersion') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentRuleSet(
          await updateRuleSetDraft(tx, ctx.clock, staffOf(request), {
            version: request.params.version,
            ...request.body,
          }),
        ),
      ),
  );

  app.post(
    '/v1/admin/risk/rule-sets/:version/backtest',
    {
      config: { ...read, effects: 'none' },
      schema: {
        tags: ['risk'],
        summary:
          'Replay recorded applications against this version and list exactly which decisions and waivers change',
        params: VersionParams,
        body: Type.Object(
          { applications: Type.Optional(Type.Integer({ minimum: 1, maximum: RiskLimits.backtestApplicationsMax })) },
          { additionalProperties: false },
        ),
        response: { 200: Ref('RiskBacktest') },
      },
    },
    async (request) =>
      backtestRuleSet(db, { version: request.params.version, applications: request.body.applications }),
  );

  app.post(
    '/v1/admin/risk/rule-sets/:version/shadow',
    {
      config: write,
      schema: {
        tags: ['risk'],
        summary: 'Run this draft in shadow beside the rule set in force (recorded with every decision), or stop',
        params: VersionParams,
        body: Type.Object({ shadow: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Ref('RiskRuleSetVersion') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentRuleSet(
          await setRuleSetShadow(tx, ctx.clock, staffOf(request), {
            version: request.params.version,
            shadow: request.body.shadow,
          }),
        ),
      ),
  );

  app.post(
    '/v1/admin/risk/rule-sets/:version/publish',
    {
      config: { auth: { permission: 'risk.rules_publish' } },
      schema: {
        tags: ['risk'],
        summary:
          'Publish a draft (a second staff member: not the one who last edited it); applies to the next decision',
        params: VersionParams,
        response: { 200: Ref('RiskRuleSetVersion') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentRuleSet(await publishRuleSet(tx, ctx.clock, staffOf(request), { version: request.params.version })),
      ),
  );

  app.post(
    '/v1/admin/risk/rule-sets/rollback',
    {
      config: { auth: { permission: 'risk.rules_publish' } },
      schema: {
        tags: ['risk'],
        summary: 'Go back to the version published before the one in force (0 = the built-in defaults)',
        response: { 200: Type.Object({ retired: Type.Integer(), published: Type.Integer() }) },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => rollBackRuleSet(tx, ctx.clock, staffOf(request))),
  );
};
