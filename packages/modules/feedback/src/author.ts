// Anonymous or named (seed 001: 提供匿名反馈选项，保护用户隐私; 支持实名反馈). A named feedback keeps its
// customer and order in clear. An anonymous one keeps them only inside a sealed link, encrypted by
// the function the caller passes (phase 2: identity's envelope encryption, `encryptPii`), so that
// rewards can still reach the customer and abuse can be traced — by an audited reveal, never in
// what a handler sees. The sealed text names its feedback, so a link copied onto another feedback
// does not open there.
import { assert } from '@zulin/kernel';

export interface AuthorLink {
  customerId: string;
  orderId: string | null;
}

/** The ciphertext of an AuthorLink; opaque to everything but `openAuthorLink`. */
export type SealedAuthorLink = string & { readonly __sealedAuthorLink: true };

export type FeedbackAuthor =
  | { kind: 'named'; customerId: string; orderId: string | null }
  | { kind: 'anonymous'; sealed: SealedAuthorLink };

export type Encrypt = (plaintext: string) => Promise<string>;
export type Decrypt = (ciphertext: string) => Promise<string>;

const FORMAT = 'fba1';

export async function sealAuthorLink(
  feedbackId: string,
  link: AuthorLink,
  encrypt: Encrypt,
): Promise<SealedAuthorLink> {
  assert(link.customerId.length > 0, 'a link names its customer');
  const plaintext = JSON.stringify({ f: FORMAT, feedbackId, customerId: link.customerId, orderId: link.orderId });
  const ciphertext = await encrypt(plaintext);
  // An encryption function that hands back its input would defeat the whole point.
  assert(!ciphertext.includes(link.customerId), 'the sealed link does not contain the customer id in clear');
  return ciphertext as SealedAuthorLink;
}

/** Reveals who wrote an anonymous feedback. Callers audit every call (who, when, why) before using it. */
export async function openAuthorLink(
  feedbackId: string,
  sealed: SealedAuthorLink,
  decrypt: Decrypt,
): Promise<AuthorLink> {
  const parsed: unknown = JSON.parse(await decrypt(sealed));
  assert(typeof parsed === 'object' && parsed !== null, 'a sealed link holds an object');
  const value = parsed as Record<string, unknown>;
  assert(value.f === FORMAT, 'a sealed link of this format');
  assert(value.feedbackId === feedbackId, 'the sealed link belongs to this feedback');
  assert(typeof value.customerId === 'string', 'the sealed link names a customer');
  assert(value.orderId === null || typeof value.orderId === 'string', 'the order is an id or null');
  return { customerId: value.customerId, orderId: value.orderId };
}

/** Builds the author of a new feedback: in clear when named, sealed when anonymous. */
export async function feedbackAuthor(options: {
  feedbackId: string;
  anonymous: boolean;
  link: AuthorLink;
  encrypt: Encrypt;
}): Promise<FeedbackAuthor> {
  if (!options.anonymous) return { kind: 'named', ...options.link };
  return { kind: 'anonymous', sealed: await sealAuthorLink(options.feedbackId, options.link, options.encrypt) };
}

/** The customer to reward or contact: in clear for named feedback, through an (audited) reveal for anonymous. */
export async function authorCustomerId(feedbackId: string, author: FeedbackAuthor, decrypt: Decrypt): Promise<string> {
  if (author.kind === 'named') return author.customerId;
  return (await openAuthorLink(feedbackId, author.sealed, decrypt)).customerId;
}
