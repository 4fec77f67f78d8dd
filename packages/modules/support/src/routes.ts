// Support's HTTP API: the customer's tickets and the help centre, and the agents' desk under /v1/admin.
import type { RoutesPlugin } from '@zulin/platform';
import { HelpArticleSchema, StaffHelpArticleSchema, StaffTicketSchema, TicketSchema } from './api-schemas';
import { adminSupportRoutes } from './routes/admin';
import { articleAdminRoutes } from './routes/articles';
import { customerSupportRoutes } from './routes/customer';

export const supportRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(TicketSchema);
  app.addSchema(StaffTicketSchema);
  app.addSchema(HelpArticleSchema);
  app.addSchema(StaffHelpArticleSchema);
  await app.register(customerSupportRoutes, options);
  await app.register(adminSupportRoutes, options);
  await app.register(articleAdminRoutes, options);
};
