// The contracts module's HTTP API: registers the route files under routes/.
import type { RoutesPlugin } from '@zulin/platform';

export const contractsRoutes: RoutesPlugin = async () => {};
