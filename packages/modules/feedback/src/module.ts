// Feedback as the server sees it: the customer's feedback, ratings and uploads, the handlers' queue,
// the daily rating reminder, and the demo feedback.
import type { ServerModule } from '@zulin/platform';
import { feedbackRoutes } from './routes';
import { seedFeedback } from './seed';
import { sendRatingReminders } from './send-rating-reminders';

export const feedbackModule: ServerModule = {
  name: 'feedback',
  routes: feedbackRoutes,
  ticks: (ctx) => [
    {
      name: 'feedback.rating_reminders',
      description:
        'Reminds the customer once to rate a rental from the 7th day after it ended while the 30-day rating window is open, if not rated yet (in-app; SMS per preferences)',
      runAt: '10:00',
      run: ({ db, clock, businessDate, progress, saveProgress }) =>
        sendRatingReminders(
          db,
          { clock, timeZone: ctx.config.timeZone, masterKey: ctx.config.masterKey },
          { today: businessDate, progress, saveProgress },
        ),
    },
  ],
  seed: seedFeedback,
};
