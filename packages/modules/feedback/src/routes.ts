// Feedback's HTTP API: the customer's side (uploads, feedback, ratings, my feedback), the handlers'
// queue under /v1/admin, the files of a feedback, and the public thanks list. Multipart is
// registered here for the uploads.
import multipart from '@fastify/multipart';
import type { RoutesPlugin } from '@zulin/platform';
import { uploadStoreOf } from '@zulin/support';
import {
  HandlerFeedbackSchema,
  MyFeedbackSchema,
  QuestionSchema,
  RatingWindowSettingsViewSchema,
  UploadSchema,
} from './api-schemas';
import { FeedbackLimits } from './limits';
import { AdminQuestionSchema, QuestionVersionSchema } from './question-schemas';
import { adminFeedbackRoutes } from './routes/admin';
import { analysisRoutes } from './routes/analysis';
import { customerFeedbackRoutes } from './routes/customer';
import { handlingRoutes } from './routes/handling';
import { mediaRoutes } from './routes/media';
import { questionRoutes } from './routes/questions';
import { ruleRoutes } from './routes/rules';
import { settingsRoutes } from './routes/settings';
import { thanksRoutes } from './routes/thanks';
import { RuleSetSchema, RuleSetVersionSchema } from './rule-schemas';

export const feedbackRoutes: RoutesPlugin = async (app, options) => {
  const store = uploadStoreOf(options.ctx);
  app.addSchema(UploadSchema);
  app.addSchema(MyFeedbackSchema);
  app.addSchema(HandlerFeedbackSchema);
  app.addSchema(QuestionSchema);
  app.addSchema(AdminQuestionSchema);
  app.addSchema(QuestionVersionSchema);
  app.addSchema(RuleSetSchema);
  app.addSchema(RuleSetVersionSchema);
  app.addSchema(RatingWindowSettingsViewSchema);
  await app.register(multipart, { limits: { fileSize: FeedbackLimits.videoBytesMax, files: 1, fields: 5 } });
  await app.register(customerFeedbackRoutes(store), options);
  await app.register(mediaRoutes(store), options);
  await app.register(adminFeedbackRoutes, options);
  await app.register(handlingRoutes, options);
  await app.register(analysisRoutes, options);
  await app.register(questionRoutes, options);
  await app.register(ruleRoutes, options);
  await app.register(thanksRoutes, options);
  await app.register(settingsRoutes, options);
};
