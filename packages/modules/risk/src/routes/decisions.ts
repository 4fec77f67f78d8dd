// Staff read decisions: the list, and one decision with its facts, rules, conditions and explanation.
import { customerIdOf } from '@zulin/identity';
import { IdParams, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { presentDecision, presentDecisionDetail, presentMyDecision } from '../api-schemas';
import { partyNames } from '../party-names';
import { getDecision, listDecisions, listMyDecisions } from '../read-decisions';
import { OutcomeSchema } from '../rule-set';

export const decisionRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

  app.get(
    '/v1/admin/risk/decisions',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'Credit decisions, newest first',
        querystring: Type.Object({
          outcome: Type.Optional(OutcomeSchema),
          customerId: Type.Optional(Type.String({ maxLength: 64 })),
          shadowVersion: Type.Optional(
            Type.Integer({ minimum: 1, description: 'Only decisions this shadow draft was decided beside' }),
          ),
          ...PageQuery,
        }),
        response: { 200: PageOf(Ref('RiskDecision')) },
      },
    },
    async (request) => {
      const page = await listDecisions(db, request.query);
      const names = await partyNames(db, ctx.config.masterKey, {
        customerIds: page.data.map((d) => d.customerId),
        staffIds: [],
      });
      return { data: page.data.map((d) => presentDecision(d, names)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/admin/risk/decisions/:id',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'One decision: every fact, score line, rule and condition, and which conditions failed',
        params: IdParams,
        response: { 200: Ref('RiskDecisionDetail') },
      },
    },
    async (request) => {
      const decision = await getDecision(db, request.params.id);
      const names = await partyNames(db, ctx.config.masterKey, { customerIds: [decision.customerId], staffIds: [] });
      return presentDecisionDetail(decision, names);
    },
  );

  app.get(
    '/v1/risk/decisions',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['risk'],
        summary: 'My credit decisions, newest first: the result, the reasons and my appeal',
        response: { 200: Type.Object({ data: Type.Array(Ref('RiskMyDecision')) }) },
      },
    },
    async (request) => ({ data: (await listMyDecisions(db, customerIdOf(request))).map(presentMyDecision) }),
  );
};
