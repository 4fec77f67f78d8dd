// The review queue: staff claim, note and close cases; a customer appeals a rejection once.
import { customerIdOf, staffOf } from '@zulin/identity';
import { command, IdParams, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { addReviewNote } from '../add-review-note';
import { presentReviewCase } from '../api-schemas';
import { appealDecision } from '../appeal-decision';
import { claimReviewCase } from '../claim-review-case';
import { closeReviewCase } from '../close-review-case';
import { caseOutcomes } from '../kinds';
import { RiskLimits } from '../limits';
import { getReviewCase, listOpenCases } from '../review-cases';

const Text = Type.String({ minLength: 1, maxLength: RiskLimits.caseNoteLengthMax });
const review = { auth: { permission: 'risk.review' } } as const;

export const caseRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;

  app.get(
    '/v1/admin/risk/cases',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'Open review cases, soonest SLA first',
        response: { 200: Type.Object({ data: Type.Array(Ref('RiskReviewCase')) }) },
      },
    },
    async () => ({ data: (await listOpenCases(db)).map(presentReviewCase) }),
  );

  app.get(
    '/v1/admin/risk/cases/:id',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'One review case',
        params: IdParams,
        response: { 200: Ref('RiskReviewCase') },
      },
    },
    async (request) => presentReviewCase(await getReviewCase(db, request.params.id)),
  );

  app.post(
    '/v1/admin/risk/cases/:id/claim',
    {
      config: review,
      schema: {
        tags: ['risk'],
        summary: 'Claim a case (pending → investigating)',
        params: IdParams,
        response: { 200: Ref('RiskReviewCase') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentReviewCase(await claimReviewCase(tx, ctx.clock, staffOf(request), request.params.id)),
      ),
  );

  app.post(
    '/v1/admin/risk/cases/:id/notes',
    {
      config: review,
      schema: {
        tags: ['risk'],
        summary: 'Add a note to an open case',
        params: IdParams,
        body: Type.Object({ text: Text }, { additionalProperties: false }),
        response: { 200: Ref('RiskReviewCase') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentReviewCase(
          await addReviewNote(tx, ctx.clock, staffOf(request), { id: request.params.id, text: request.body.text }),
        ),
      ),
  );

  app.post(
    '/v1/admin/risk/cases/:id/close',
    {
      config: review,
      schema: {
        tags: ['risk'],
        summary: 'Close a claimed case: approve (with the waiver and credit limit) or reject, naming the outcome',
        params: IdParams,
        body: Type.Union([
          Type.Object(
            {
              resolution: Type.Literal('approve'),
              outcome: Type.Enum(caseOutcomes),
              waiverBps: Type.Integer({ minimum: 0, maximum: 10_000 }),
              creditLimitMinor: Type.Integer({ minimum: 0, maximum: RiskLimits.creditLimitMaxMinor }),
            },
            { additionalProperties: false },
          ),
          Type.Object(
            { resolution: Type.Literal('reject'), outcome: Type.Enum(caseOutcomes) },
            { additionalProperties: false },
          ),
        ]),
        response: { 200: Ref('RiskReviewCase') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) =>
        presentReviewCase(
          await closeReviewCase(tx, ctx.clock, staffOf(request), { id: request.params.id, ...request.body }),
        ),
      ),
  );

  app.post(
    '/v1/risk/decisions/:id/appeal',
    {
      config: { auth: 'customer' },
      schema: {
        tags: ['risk'],
        summary: 'Appeal a rejection of mine, once: a reviewer looks at it again',
        params: IdParams,
        body: Type.Object({ text: Text }, { additionalProperties: false }),
        response: { 201: Ref('RiskReviewCase') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentReviewCase(
          await appealDecision(tx, ctx.clock, {
            decisionId: request.params.id,
            customerId: customerIdOf(request),
            text: request.body.text,
          }),
        ),
      ),
  );
};
