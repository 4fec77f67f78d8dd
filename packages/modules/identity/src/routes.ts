// The identity API, one file per resource under routes/: sign-in, the signed-in customer, staff,
// customers and the audit log for staff, the legal documents and consents, and (in sandbox mode only) the sandbox read-backs.
import type { RoutesPlugin } from '@zulin/platform';
import * as S from './api-schemas';
import { authRoutes } from './routes/auth';
import { customerAdminRoutes } from './routes/customers';
import { legalRoutes } from './routes/legal';
import { meRoutes } from './routes/me';
import { sandboxRoutes } from './routes/sandbox';
import { staffRoutes } from './routes/staff';

export const identityRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(S.Customer);
  app.addSchema(S.Staff);
  await app.register(authRoutes, options);
  await app.register(meRoutes, options);
  await app.register(legalRoutes, options);
  await app.register(staffRoutes, options);
  await app.register(customerAdminRoutes, options);
  if (options.ctx.config.sandbox) await app.register(sandboxRoutes, options);
};
