// Risk's HTTP API, one file per resource under routes/. Staff only: the customer sees a decision
// through the rental and installment journeys (the pre-check and the order).
import type { RoutesPlugin } from '@zulin/platform';
import {
  BacktestSchema,
  DecisionDetailSchema,
  DecisionSchema,
  ListEntrySchema,
  RuleSetVersionSchema,
} from './api-schemas';
import { decisionRoutes } from './routes/decisions';
import { listRoutes } from './routes/lists';
import { ruleSetRoutes } from './routes/rule-sets';

export const riskRoutes: RoutesPlugin = async (app, options) => {
  for (const schema of [DecisionSchema, DecisionDetailSchema, ListEntrySchema, RuleSetVersionSchema, BacktestSchema]) {
    app.addSchema(schema);
  }
  for (const routes of [decisionRoutes, listRoutes, ruleSetRoutes]) await app.register(routes, options);
};
