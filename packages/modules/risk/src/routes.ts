// Risk's HTTP API, one file per resource under routes/. Staff routes, and the customer's appeal; the
// customer otherwise sees a decision through the rental and installment journeys (pre-check, order).
import type { RoutesPlugin } from '@zulin/platform';
import {
  BacktestSchema,
  DecisionDetailSchema,
  DecisionSchema,
  ListEntrySchema,
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
  ]) {
    app.addSchema(schema);
  }
  for (const routes of [decisionRoutes, listRoutes, ruleSetRoutes, caseRoutes]) await app.register(routes, options);
};
