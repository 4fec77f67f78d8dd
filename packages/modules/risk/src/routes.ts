// Risk's HTTP API, one file per resource under routes/. Staff routes, and the customer's own
// decisions (with the reasons, to be worded by the app) and their one appeal of a rejection.
import type { RoutesPlugin } from '@zulin/platform';
import {
  BacktestSchema,
  DecisionDetailSchema,
  DecisionSchema,
  ListEntrySchema,
  MyAppealSchema,
  MyDecisionSchema,
  ReviewCaseSchema,
  RuleSetVersionSchema,
} from './api-schemas';
import { caseRoutes } from './routes/cases';
import { decisionRoutes } from './routes/decisions';
import { listRoutes } from './routes/lists';
import { ruleSetRoutes } from './routes/rule-sets';

export const riskRoutes: RoutesPlugin = async (app, options) => {
  for (const schema of [
    DecisionSchema,
    DecisionDetailSchema,
    ListEntrySchema,
    RuleSetVersionSchema,
    BacktestSchema,
    ReviewCaseSchema,
    MyDecisionSchema,
    MyAppealSchema,
  ]) {
    app.addSchema(schema);
  }
  for (const routes of [decisionRoutes, listRoutes, ruleSetRoutes, caseRoutes]) await app.register(routes, options);
};
