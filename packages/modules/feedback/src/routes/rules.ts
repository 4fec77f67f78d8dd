// The console's classification-rule editor: the current rule set and its history, one version,
// publishing a new version (named on the version it was edited from; 409 when another came first),
// trying a draft on a sample text without saving, and the suggestions from handlers' corrections.
import type { Executor } from '@zulin/db';
import { staffNames, staffOf } from '@zulin/identity';
import { inSnapshot } from '@zulin/ledger';
import { command, Ref, type RoutesPlugin } from '@zulin/platform';
import { Type } from 'typebox';
import { classify } from '../classify/classify';
import { validateClassificationRules } from '../classify/rules';
import type { FeedbackDeps } from '../deps';
import { FeedbackLimits } from '../limits';
import { publishRuleSet } from '../publish-rule-set';
import {
  presentRuleSet,
  presentTrial,
  RuleSuggestionSchema,
  RulesVersion,
  ruleSetContentFields,
  TrialClassificationSchema,
  TrialFactsSchema,
} from '../rule-schemas';
import { cleanRules, listRuleSetVersions, type RuleSetRow, readCurrentRuleSet, readRuleSet } from '../rule-sets';
import { readRuleSuggestions } from '../rule-suggestions';

const tags = ['feedback'];
const read = { auth: { permission: 'feedback.read' as const } };
const write = { auth: { permission: 'feedback.handle' as const } };

async function presentOne(db: Executor, row: RuleSetRow) {
  return presentRuleSet(row, await staffNames(db, row.publishedBy === null ? [] : [row.publishedBy]));
}

export const ruleRoutes: RoutesPlugin = async (app, { ctx }) => {
  const deps: FeedbackDeps = { clock: ctx.clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey };

  app.get(
    '/v1/admin/feedback/rules',
    {
      config: read,
      schema: {
        tags,
        summary: 'The classification rule set that classifies new feedback, and the versions published, newest first',
        response: {
          200: Type.Object({
            current: Ref('FeedbackRuleSet'),
            versions: Type.Array(Ref('FeedbackRuleSetVersion')),
            totalVersions: Type.Integer({ minimum: 1 }),
          }),
        },
      },
    },
    async () =>
      inSnapshot(ctx.database, async (db) => {
        const current = await readCurrentRuleSet(db);
        const history = await listRuleSetVersions(db);
        const names = await staffNames(db, [
          ...history.data.flatMap((v) => (v.publishedBy === null ? [] : [v.publishedBy])),
          ...(current.publishedBy === null ? [] : [current.publishedBy]),
        ]);
        return {
          current: presentRuleSet(current, names),
          versions: history.data.map((v) => ({
            version: v.version,
            rules: v.rules,
            current: v.version === current.version,
            publishedAt: v.publishedAt.toISOString(),
            publishedBy: v.publishedBy,
            publishedByName: v.publishedBy === null ? null : (names.get(v.publishedBy) ?? null),
            note: v.note,
          })),
          totalVersions: history.total,
        };
      }),
  );

  app.get(
    '/v1/admin/feedback/rules/versions/:version',
    {
      config: read,
      schema: {
        tags,
        summary: 'One published version of the classification rules, as it was published',
        params: Type.Object({ version: RulesVersion }),
        response: { 200: Ref('FeedbackRuleSet') },
      },
    },
    async (request) => presentOne(ctx.database.db, await readRuleSet(ctx.database.db, request.params.version)),
  );

  app.post(
    '/v1/admin/feedback/rules',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Publish a new version of the classification rules: new feedback is classified by it; stored feedback keeps its version',
        body: Type.Object(
          {
            expectedVersion: Type.String({
              minLength: 1,
              maxLength: 64,
              description: 'the current version as the editor loaded it (409 FEEDBACK_RULES_VERSION_STALE otherwise)',
            }),
            ...ruleSetContentFields,
            note: Type.Optional(Type.String({ maxLength: FeedbackLimits.ruleSetNoteLengthMax })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Ref('FeedbackRuleSet') },
      },
    },
    (request, reply) =>
      command(ctx, request, reply, { status: 201 }, async (tx) => {
        const { expectedVersion, note, ...content } = request.body;
        const published = await publishRuleSet(tx, deps, {
          staff: staffOf(request),
          expectedVersion,
          content,
          note: note ?? null,
        });
        return presentOne(tx, published);
      }),
  );

  app.post(
    '/v1/admin/feedback/rules/preview',
    {
      // Classifies a sample with a draft: nothing is stored.
      config: { ...read, effects: 'none' },
      schema: {
        tags,
        summary: 'Try a draft rule set: classify a sample text (and optional order facts) without saving anything',
        body: Type.Object(
          {
            ...ruleSetContentFields,
            text: Type.String({ maxLength: FeedbackLimits.textLengthMax }),
            facts: Type.Optional(TrialFactsSchema),
          },
          { additionalProperties: false },
        ),
        response: { 200: TrialClassificationSchema },
      },
    },
    async (request) => {
      const { text, facts, ...content } = request.body;
      const rules = validateClassificationRules({ version: 'draft', ...content, rules: cleanRules(content.rules) });
      return presentTrial(classify(text, facts ?? {}, rules));
    },
  );

  app.get(
    '/v1/admin/feedback/rules/suggestions',
    {
      config: read,
      schema: {
        tags,
        summary:
          "Rule changes suggested by the handlers' most recent corrections, against the current rules: terms to add, rules to review",
        response: {
          200: Type.Object({
            rulesVersion: Type.String(),
            correctionsRead: Type.Integer({ minimum: 0 }),
            minCorrections: Type.Integer({ minimum: 1 }),
            data: Type.Array(RuleSuggestionSchema),
          }),
        },
      },
    },
    async () => inSnapshot(ctx.database, (db) => readRuleSuggestions(db)),
  );
};
