// The modules this server runs, in the order their routes are registered.
import type { ServerModule } from './context';
import { platformModule } from './platform/module';

export const modules: readonly ServerModule[] = [platformModule];
