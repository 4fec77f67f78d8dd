// Feedback as the server sees it: the customer's feedback, ratings and uploads, the handlers' queue,
// and the demo feedback.
import type { ServerModule } from '@zulin/platform';
import { feedbackRoutes } from './routes';
import { seedFeedback } from './seed';

export const feedbackModule: ServerModule = {
  name: 'feedback',
  routes: feedbackRoutes,
  seed: seedFeedback,
};
