// Support's stable error codes.
import { defineErrors } from '@zulin/kernel';

export const SupportErrors = defineErrors({
  SUPPORT_TICKET_TRANSITION_INVALID: { status: 409, title: 'The ticket cannot take this action in its current state' },
  SUPPORT_TICKET_ACTOR_FORBIDDEN: { status: 403, title: 'This kind of user may not take this action on a ticket' },
  SUPPORT_TICKET_INVALID: { status: 422, title: 'The ticket is not valid' },
  SUPPORT_TICKET_NOT_FOUND: { status: 404, title: 'Ticket not found' },
  SUPPORT_MESSAGE_INVALID: { status: 422, title: 'The message is empty or too long' },
  SUPPORT_ATTACHMENT_NOT_FOUND: {
    status: 422,
    title: 'An attached file was not uploaded by you or is already attached elsewhere',
  },
  SUPPORT_ATTACHMENTS_TOO_MANY: { status: 422, title: 'A ticket message carries at most 9 images, a chat message one' },
  SUPPORT_ATTACHMENT_NOT_IMAGE: { status: 422, title: 'Only images can be attached to tickets and chats' },
  SUPPORT_FILE_NOT_FOUND: { status: 404, title: 'No such file here' },
  SUPPORT_STORAGE_UNAVAILABLE: { status: 503, title: 'The file store is not answering; try again shortly' },
  SUPPORT_ASSIGNEE_NOT_FOUND: { status: 422, title: 'No active support staff member with this id' },
  SUPPORT_ARTICLE_NOT_FOUND: { status: 404, title: 'Help article not found' },
  SUPPORT_ARTICLE_INVALID: { status: 422, title: 'The article is not valid' },
  SUPPORT_ARTICLE_SLUG_TAKEN: { status: 409, title: 'Another article already has this slug' },
  SUPPORT_ARTICLES_FULL: { status: 409, title: 'The help centre holds as many articles as it may' },
  SUPPORT_CANNED_REPLY_NOT_FOUND: { status: 404, title: 'Canned reply not found' },
  SUPPORT_CANNED_REPLY_VARIABLES: { status: 422, title: 'The canned reply needs values for all its placeholders' },
  SUPPORT_CHAT_NOT_FOUND: { status: 404, title: 'Chat not found' },
  SUPPORT_CHAT_STATE_INVALID: { status: 409, title: 'The chat cannot take this action in its current state' },
  SUPPORT_CHAT_NOT_YOURS: { status: 403, title: 'Another agent holds this chat' },
  SUPPORT_CHAT_TICKET_TOO_EARLY: {
    status: 409,
    title: 'An agent may still answer: leaving a ticket is offered after a short wait',
  },
  SUPPORT_CHAT_RATING_INVALID: { status: 422, title: 'A chat is rated from 1 to 5, once, after it ended' },
  SUPPORT_CHAT_MESSAGE_INVALID: { status: 422, title: 'The chat message is empty, too long or not understood' },
  SUPPORT_CHAT_RATE_LIMITED: { status: 429, title: 'Too many chat messages: wait a moment' },
  SUPPORT_SLA_ALERT_NOT_FOUND: { status: 404, title: 'SLA alert not found' },
  SUPPORT_STATS_RANGE_INVALID: { status: 422, title: 'The statistics range is not valid' },
});
