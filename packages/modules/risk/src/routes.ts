// Risk's HTTP API, one file per resource under routes/. Staff routes, and the customer's own
// decisions (with the reasons, to be worded by the app) and their one appeal of a rejection.
import type { RoutesPlugin } from '@zulin/platform';
import {
  AlertSchema,
  BacktestSchema,
  CreditLimitSchema,
  DecisionDetailSchema,
  DecisionSchema,
  DeviceCommandSchema,
  DeviceLocationSchema,
  DeviceSchema,
  GeofenceSchema,
  ListEntrySchema,
  MyAppealSchema,
  MyDecisionSchema,
  ReviewCaseSchema,
  RuleSetVersionSchema,
} from './api-schemas';
import { alertRoutes } from './routes/alerts';
import { caseRoutes } from './routes/cases';
import { decisionRoutes } from './routes/decisions';
import { deviceRoutes } from './routes/devices';
import { listRoutes } from './routes/lists';
import { ruleSetRoutes } from './routes/rule-sets';
import { sandboxMdmRoutes } from './routes/sandbox-mdm';

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
    DeviceSchema,
    DeviceCommandSchema,
    DeviceLocationSchema,
    GeofenceSchema,
    AlertSchema,
    CreditLimitSchema,
  ]) {
    app.addSchema(schema);
  }
  for (const routes of [
    decisionRoutes,
    listRoutes,
    ruleSetRoutes,
    caseRoutes,
    deviceRoutes,
    alertRoutes,
    sandboxMdmRoutes,
  ]) {
    await app.register(routes, options);
  }
};
