// A message in a live chat, from the customer (while it is queued or active) or from the agent
// holding it. The text is trimmed and bounded; the same `clientId` sent again is stored once.
import type { Executor } from '@zulin/db';
import type { StaffPrincipal } from '@zulin/identity';
import { attachImages, type ImagesToAttach } from './attach-images';
import { appendChatMessage, type ChatMessageRow, type ChatRow, loadChat, updateChat } from './chats';
import type { SupportDeps } from './deps';
import { SupportErrors } from './errors';
import { SupportLimits } from './limits';
import { assertHolder } from './transfer-chat';

export async function postChatMessage(
  tx: Executor,
  deps: SupportDeps,
  options: { chatId: string; body: string; clientId: string | null; image?: ImagesToAttach } & (
    | { customerId: string }
    | { staff: StaffPrincipal }
  ),
): Promise<{ chat: ChatRow; message: ChatMessageRow }> {
  const body = options.body.trim();
  // An image message may go without words; a text message needs 1 to 2,000 characters.
  const bodyMin = options.image === undefined ? 1 : 0;
  if (body.length < bodyMin || body.length > SupportLimits.chatMessageLengthMax) {
    throw SupportErrors.SUPPORT_CHAT_MESSAGE_INVALID({
      errors: [{ path: '/body', message: `1 to ${SupportLimits.chatMessageLengthMax} characters` }],
    });
  }
  const byCustomer = 'customerId' in options;
  // Locked, so that messages of one chat get their seq in commit order.
  const chat = await loadChat(tx, options.chatId, {
    forUpdate: true,
    ...(byCustomer ? { customerId: options.customerId } : {}),
  });
  if (chat.state === 'ended') throw SupportErrors.SUPPORT_CHAT_STATE_INVALID({ detail: 'This chat has ended.' });
  if (!byCustomer) {
    if (chat.state !== 'active') throw SupportErrors.SUPPORT_CHAT_STATE_INVALID({ detail: 'Take the chat first.' });
    assertHolder(chat, options.staff);
  }
  const message = await appendChatMessage(tx, deps, chat, {
    authorKind: byCustomer ? 'customer' : 'agent',
    authorId: byCustomer ? options.customerId : options.staff.staffId,
    body,
    clientId: options.clientId,
    ...(options.image === undefined
      ? {}
      : {
          attach: (tx: Executor) =>
            attachImages(tx, { images: options.image, attachedTo: `chat:${chat.id}`, max: 1, path: '/imageId' }),
        }),
  });
  // The writer has read everything up to their own message; a read mark never moves back (a resent
  // message answers the stored, older one).
  const readSeq = Math.max(message.seq, byCustomer ? chat.customerReadSeq : chat.agentReadSeq);
  const readSet = byCustomer ? { customerReadSeq: readSeq } : { agentReadSeq: readSeq };
  const updated = await updateChat(tx, deps, chat, readSet);
  return { chat: updated, message };
}
