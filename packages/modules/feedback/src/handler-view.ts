// What a handler sees of a feedback. The anonymous view is a separate type with no place for the
// customer: its identifying fields are typed `never`, so code that tries to set them does not
// compile, and the builder copies named fields one by one (never spreads the record), so nothing
// added to the record later leaks into it. The exact submission instant is left out too (only the
// date is shown): a handler who sees 14:03:27 could match it to the order events of that minute.
// Phone numbers, ID numbers and e-mail addresses typed into an anonymous text are masked.
import { assert, type BusinessDate } from '@zulin/kernel';
import type { Rating } from './analysis/nps';
import type { FeedbackAuthor } from './author';
import type { FeedbackCategory } from './classify/rules';
import type { Answer } from './questions';

export type FeedbackTiming = 'during_rental' | 'after_rental' | 'general';

/** What the stored feedback holds (phase 2 maps it to and from the table). */
export interface FeedbackRecord {
  id: string;
  submittedAt: Date;
  submittedOn: BusinessDate;
  timing: FeedbackTiming;
  author: FeedbackAuthor;
  /** Analysis dimensions, kept in clear for both kinds: they describe the phone, not the person. */
  productId: string | null;
  model: string | null;
  warehouseId: string | null;
  carrier: string | null;
  rating: Rating | null;
  text: string;
  answers: readonly Answer[];
  /** Content-addressed keys of the stored images or video (see uploads/). */
  mediaKeys: readonly string[];
  category: FeedbackCategory | null;
  categoryConfidencePct: number;
  valuable: boolean;
}

interface HandlerViewCommon {
  feedbackId: string;
  submittedOn: BusinessDate;
  timing: FeedbackTiming;
  productId: string | null;
  model: string | null;
  warehouseId: string | null;
  carrier: string | null;
  rating: Rating | null;
  text: string;
  answers: readonly Answer[];
  mediaKeys: readonly string[];
  category: FeedbackCategory | null;
  categoryConfidencePct: number;
  valuable: boolean;
}

export interface AnonymousHandlerView extends HandlerViewCommon {
  author: 'anonymous';
  customerId?: never;
  customerName?: never;
  customerPhone?: never;
  orderId?: never;
  submittedAt?: never;
  sealed?: never;
}

/** The customer as staff see them: masked by identity before it reaches this module. */
export interface MaskedCustomer {
  customerId: string;
  /** e.g. 张*丰 */
  maskedName: string;
  /** e.g. 138****5678 */
  maskedPhone: string;
}

export interface NamedHandlerView extends HandlerViewCommon {
  author: 'named';
  customerId: string;
  customerName: string;
  customerPhone: string;
  orderId: string | null;
  /** ISO 8601. */
  submittedAt: string;
}

export type HandlerView = AnonymousHandlerView | NamedHandlerView;

const contactPatterns: readonly RegExp[] = [
  /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g,
  /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
];

/** Masks mainland mobile numbers, resident ID numbers and e-mail addresses in free text. */
export function maskContactDetails(text: string): string {
  return contactPatterns.reduce((masked, pattern) => masked.replace(pattern, '***'), text);
}

function common(record: FeedbackRecord, text: string): HandlerViewCommon {
  return {
    feedbackId: record.id,
    submittedOn: record.submittedOn,
    timing: record.timing,
    productId: record.productId,
    model: record.model,
    warehouseId: record.warehouseId,
    carrier: record.carrier,
    rating: record.rating,
    text,
    answers: record.answers,
    mediaKeys: record.mediaKeys,
    category: record.category,
    categoryConfidencePct: record.categoryConfidencePct,
    valuable: record.valuable,
  };
}

/**
 * The handler's view of a feedback. For a named feedback the caller passes the customer, masked;
 * for an anonymous one there is nothing to pass, and a customer passed anyway is ignored.
 */
export function handlerView(record: FeedbackRecord, customer: MaskedCustomer | null): HandlerView {
  if (record.author.kind === 'anonymous') {
    return { ...common(record, maskContactDetails(record.text)), author: 'anonymous' };
  }
  assert(customer !== null, 'a named feedback is shown with its customer');
  assert(customer.customerId === record.author.customerId, 'the customer shown is the author');
  return {
    ...common(record, record.text),
    author: 'named',
    customerId: customer.customerId,
    customerName: customer.maskedName,
    customerPhone: customer.maskedPhone,
    orderId: record.author.orderId,
    submittedAt: record.submittedAt.toISOString(),
  };
}
