// The operations module: the console's view of the platform's moving parts (outbox, inbox, ticks
// and sweeps) and the retry of dead letters. It owns no tables: it reads the platform's.
import type { ServerModule } from '@zulin/platform';
import { opsRoutes } from './routes';

export const opsModule: ServerModule = {
  name: 'ops',
  routes: opsRoutes,
};
