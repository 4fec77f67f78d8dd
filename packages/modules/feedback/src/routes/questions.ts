// The console's preset-question editor: the questions with their state and history, a new question,
// an edit (a new version), retiring and bringing back, and the order of the form. Every change names
// the version it was made on (409 when another change came first) and is audited.
import type { Executor } from '@zulin/db';
import { staffNames, staffOf } from '@zulin/identity';
import { inSnapshot } from '@zulin/ledger';
import { command, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { questionFields } from '../api-schemas';
import { createQuestion } from '../create-question';
import type { FeedbackDeps } from '../deps';
import { FeedbackLimits } from '../limits';
import { orderQuestions } from '../order-questions';
import { publishQuestionVersion } from '../publish-question-version';
import {
  ExpectedVersion,
  presentAdminQuestion,
  presentQuestionVersion,
  QuestionKeyParams,
  questionInputFields,
} from '../question-schemas';
import { type CurrentQuestion, currentQuestion, listCurrentQuestions, questionVersions } from '../question-store';
import { restoreQuestion } from '../restore-question';
import { retireQuestion } from '../retire-question';

const tags = ['feedback'];
const read = { auth: { permission: 'feedback.read' as const } };
const write = { auth: { permission: 'feedback.handle' as const } };
const QuestionList = Type.Object({ data: Type.Array(Ref('FeedbackQuestionAdmin')) });
const VersionBody = Type.Object({ version: ExpectedVersion }, { additionalProperties: false });

/** Inside a command, read through its `tx` (PGlite has one connection: the pool would wait for it). */
async function present(db: Executor, questions: readonly CurrentQuestion[]) {
  const names = await staffNames(
    db,
    questions.flatMap((q) => (q.row.createdBy === null ? [] : [q.row.createdBy])),
  );
  return questions.map((q) => presentAdminQuestion(q, names));
}

async function presentOne(db: Executor, question: CurrentQuestion) {
  const [presented] = await present(db, [question]);
  return presented as NonNullable<typeof presented>;
}

export const questionRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: FeedbackDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };

  app.get(
    '/v1/admin/feedback/questions',
    {
      config: read,
      schema: {
        tags,
        summary: 'Every preset question at its current version: the active ones in the form order, then the retired',
        response: { 200: QuestionList },
      },
    },
    async () => ({ data: await present(ctx.database.db, await listCurrentQuestions(ctx.database.db)) }),
  );

  app.get(
    '/v1/admin/feedback/questions/:key',
    {
      config: read,
      schema: {
        tags,
        summary: 'One preset question with every version, newest first',
        params: QuestionKeyParams,
        response: {
          200: Type.Object({
            question: Ref('FeedbackQuestionAdmin'),
            versions: Type.Array(Ref('FeedbackQuestionVersion')),
          }),
        },
      },
    },
    async (request) =>
      inSnapshot(ctx.database, async (db) => {
        const versions = await questionVersions(db, request.params.key);
        const names = await staffNames(
          db,
          versions.flatMap((v) => (v.row.createdBy === null ? [] : [v.row.createdBy])),
        );
        return {
          question: presentAdminQuestion(await currentQuestion(db, request.params.key), names),
          versions: versions.map((v) => presentQuestionVersion(v, names)),
        };
      }),
  );

  app.post(
    '/v1/admin/feedback/questions',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a preset question: version 1 of a new key, asked at the end of the form',
        body: Type.Object(
          {
            key: Type.String({
              minLength: 1,
              maxLength: 64,
              description: 'lower_snake_case, at most 40: names the question in every answer, never reused',
            }),
            kind: questionFields.kind,
            ...questionInputFields,
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('FeedbackQuestionAdmin') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { key, kind, ...input } = request.body;
        return presentOne(tx, await createQuestion(tx, deps, { staff: staffOf(request), key, kind, input }));
      }),
  );

  app.post(
    '/v1/admin/feedback/questions/:key/versions',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Edit a preset question: publishes its next version (the old one is kept; answers keep the version they answered)',
        params: QuestionKeyParams,
        body: Type.Object({ version: ExpectedVersion, ...questionInputFields }, { additionalProperties: false }),
        response: { 201: Ref('FeedbackQuestionAdmin') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { version, ...input } = request.body;
        const published = await publishQuestionVersion(tx, deps, {
          staff: staffOf(request),
          key: request.params.key,
          version,
          input,
        });
        return presentOne(tx, published);
      }),
  );

  for (const [verb, change] of [
    ['retire', retireQuestion],
    ['restore', restoreQuestion],
  ] as const) {
    app.post(
      `/v1/admin/feedback/questions/:key/${verb}`,
      {
        config: write,
        schema: {
          tags,
          summary:
            verb === 'retire'
              ? 'Retire a preset question: no longer asked (its versions and answers stay)'
              : 'Bring a retired preset question back, at the end of the form',
          params: QuestionKeyParams,
          body: VersionBody,
          response: { 200: Ref('FeedbackQuestionAdmin') },
        },
      },
      (request, reply) =>
        command(ctx, request, reply, {}, async (tx) =>
          presentOne(
            tx,
            await change(tx, deps, {
              staff: staffOf(request),
              key: request.params.key,
              version: request.body.version,
            }),
          ),
        ),
    );
  }

  app.post(
    '/v1/admin/feedback/questions/order',
    {
      config: write,
      schema: {
        tags,
        summary: 'Order the form: every active question key, in the new order (409 when the active set has changed)',
        body: Type.Object(
          {
            keys: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
              maxItems: FeedbackLimits.questionKeysMax,
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: QuestionList },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, {}, async (tx) => {
        await orderQuestions(tx, deps, { staff: staffOf(request), keys: request.body.keys });
        return { data: await present(tx, await listCurrentQuestions(tx)) };
      }),
  );
};
