// Support as the server sees it: tickets with SLA timers and the help centre (its FAQ is seeded).
import type { ServerModule } from '@zulin/platform';
import { supportRoutes } from './routes';
import { seedSupport } from './seed';

export const supportModule: ServerModule = {
  name: 'support',
  routes: supportRoutes,
  seed: seedSupport,
};
