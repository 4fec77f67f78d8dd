// Support's HTTP API: the customer's tickets and the help centre, and the agents' desk under /v1/admin.
import type { RoutesPlugin } from '@zulin/platform';
import { HelpArticleSchema, StaffHelpArticleSchema, StaffTicketSchema, TicketSchema } from './api-schemas';
import { ChatHub } from './chat-hub';
import { ChatMessageSchema, ChatSchema, StaffChatSchema } from './chat-schemas';
import { adminSupportRoutes } from './routes/admin';
import { articleAdminRoutes } from './routes/articles';
import { chatRoutes } from './routes/chat';
import { chatSocketRoutes } from './routes/chat-socket';
import { customerSupportRoutes } from './routes/customer';
import { supportFileRoutes } from './routes/files';
import { slaAlertRoutes } from './routes/sla-alerts';
import { statsRoutes } from './routes/stats';
import { uploadStoreOf } from './uploads/upload-store';

export const supportRoutes: RoutesPlugin = async (app, options) => {
  app.addSchema(TicketSchema);
  app.addSchema(StaffTicketSchema);
  app.addSchema(HelpArticleSchema);
  app.addSchema(StaffHelpArticleSchema);
  await app.register(customerSupportRoutes, options);
  await app.register(adminSupportRoutes, options);
  await app.register(articleAdminRoutes, options);
  await app.register(slaAlertRoutes, options);
  await app.register(statsRoutes, options);
  await app.register(supportFileRoutes(uploadStoreOf(options.ctx)), options);
  app.addSchema(ChatMessageSchema);
  app.addSchema(ChatSchema);
  app.addSchema(StaffChatSchema);
  // One hub per app: the sockets open in this process, told at once when a chat changed here.
  const hub = new ChatHub(options.ctx.database, options.ctx.clock, options.ctx.logger);
  await app.register(async (scope, scoped) => {
    scope.addHook('onResponse', async () => hub.nudge());
    await scope.register(chatRoutes, scoped);
  }, options);
  await app.register(chatSocketRoutes(hub), options);
};
