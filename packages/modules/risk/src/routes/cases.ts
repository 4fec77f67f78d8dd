// The review queue: staff claim, note and close cases; a customer appeals a rejection once.
import type { Executor } from '@zulin/db';
import { customerIdOf, staffOf } from '@zulin/identity';
import { command, IdParams, PageOf, PageQuery, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { addReviewNote } from '../add-review-note';
import { partiesOf, presentMyAppeal, presentReviewCase } from '../api-schemas';
import { appealDecision } from '../appeal-decision';
import { claimReviewCase } from '../claim-review-case';
import { closeReviewCase } from '../close-review-case';
import { caseOutcomes } from '../kinds';
import { RiskLimits } from '../limits';
import { partyNames } from '../party-names';
import { getReviewCase, listOpenCases, type ReviewCaseRow } from '../review-cases';

const Text = Type.String({ minLength: 1, maxLength: RiskLimits.caseNoteLengthMax });
const review = { auth: { permission: 'risk.review' } } as const;

export const caseRoutes: RoutesPlugin = async (app, { ctx }) => {
  const db = ctx.database.db;
  /** Cases as staff see them: the customer and the reviewers by name. */
  const present = async (tx: Executor, cases: ReviewCaseRow[]) => {
    const names = await partyNames(tx, ctx.config.masterKey, partiesOf(cases));
    return cases.map((c) => presentReviewCase(c, names));
  };
  const presentOne = async (tx: Executor, c: ReviewCaseRow) =>
    presentReviewCase(c, await partyNames(tx, ctx.config.masterKey, partiesOf([c])));

  app.get(
    '/v1/admin/risk/cases',
    {
      config: { auth: { permission: 'risk.read' } },
      schema: {
        tags: ['risk'],
        summary: 'Open review cases, soonest SLA first, a page at a time',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: PageOf(Ref('RiskReviewCase')) },
      },
    },
    async (request) => {
      const page = await listOpenCases(db, request.query);
      return { data: await present(db, page.data), nextCursor: page.nextCursor };
    },
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
    async (request) => presentOne(db, await getReviewCase(db, request.params.id)),
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
        presentOne(tx, await claimReviewCase(tx, ctx.clock, staffOf(request), request.params.id)),
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
        presentOne(
          tx,
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
        presentOne(
          tx,
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
        response: { 201: Ref('RiskMyAppeal') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) =>
        presentMyAppeal(
          await appealDecision(tx, ctx.clock, {
            decisionId: request.params.id,
            customerId: customerIdOf(request),
            text: request.body.text,
          }),
        ),
      ),
  );
};
