// The customer rates an ended chat from 1 to 5, once, within the rating window.
import type { Executor } from '@zulin/db';
import { chatPolicy, mayRate } from './chat-policy';
import { type ChatRow, loadChat, updateChat } from './chats';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';

export async function rateChat(
  tx: Executor,
  deps: SupportDeps,
  options: { customerId: string; chatId: string; rating: number },
): Promise<ChatRow> {
  const { rating } = options;
  if (!Number.isInteger(rating) || rating < chatPolicy.ratingMin || rating > chatPolicy.ratingMax) {
    throw SupportErrors.SUPPORT_CHAT_RATING_INVALID({ errors: [{ path: '/rating', message: 'From 1 to 5' }] });
  }
  const chat = await loadChat(tx, options.chatId, { customerId: options.customerId, forUpdate: true });
  const now = deps.clock.now();
  if (!mayRate(chat, now)) {
    throw SupportErrors.SUPPORT_CHAT_RATING_INVALID({
      detail:
        chat.rating !== null
          ? 'This chat is already rated.'
          : chat.state !== 'ended'
            ? 'Rate the chat once it has ended.'
            : chat.agentId === null
              ? 'No agent answered this chat.'
              : 'The rating window has closed.',
    });
  }
  return updateChat(tx, deps, chat, { rating, ratedAt: now });
}
