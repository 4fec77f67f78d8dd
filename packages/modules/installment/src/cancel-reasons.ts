// Why an installment order was cancelled, as the console shows it (issue #18). What staff type (and
// what a customer gives) is kept as typed; what the system writes — the unpaid-order sweep, a
// customer's cancel without a reason, a parcel lost or returned undelivered — is a stable code the
// screens translate, never an English sentence. Both live in the order's `cancel_reason`: a code as
// `code:<code>`. Orders cancelled before the codes carry the English sentences of the time; they are
// read as their codes. A typed reason that would read as a code (`code:parcel_lost`, or the English
// of the time) is stored behind `text:`, so that it always reads back as typed.

export const cancelReasonCodes = ['unpaid_expired', 'customer_cancelled', 'parcel_lost', 'parcel_returned'] as const;
export type CancelReasonCode = (typeof cancelReasonCodes)[number];

const codePrefix = 'code:';
const textPrefix = 'text:';

/** What the order stores for a reason the system gives. */
export function systemCancelReason(code: CancelReasonCode): string {
  return `${codePrefix}${code}`;
}

/** What the order stores for a reason someone typed: as typed, unless it would read back as something else. */
export function typedCancelReason(text: string): string {
  const readAsTyped = !text.startsWith(textPrefix) && readCancelReason(text)?.code === null;
  return readAsTyped ? text : `${textPrefix}${text}`;
}

/** A reason as the screens show it: a code to translate, or the text someone typed. */
export type CancelReason = { code: CancelReasonCode; text: null } | { code: null; text: string };

/** The English the system wrote before the codes, exactly as stored. */
const legacyReasons: readonly [RegExp, CancelReasonCode][] = [
  [/^expired: not signed and paid by the deadline$/, 'unpaid_expired'],
  [/^customer cancelled$/, 'customer_cancelled'],
  [/^parcel \S+ lost in transit$/, 'parcel_lost'],
  [/^parcel \S+ returned undelivered$/, 'parcel_returned'],
];

function isCode(value: string): value is CancelReasonCode {
  return (cancelReasonCodes as readonly string[]).includes(value);
}

/** The stored reason read back; null when the order was not cancelled (or no reason was kept). */
export function readCancelReason(stored: string | null): CancelReason | null {
  if (stored === null) return null;
  if (stored.startsWith(textPrefix)) return { code: null, text: stored.slice(textPrefix.length) };
  if (stored.startsWith(codePrefix)) {
    const code = stored.slice(codePrefix.length);
    if (isCode(code)) return { code, text: null };
  }
  const legacy = legacyReasons.find(([pattern]) => pattern.test(stored));
  return legacy === undefined ? { code: null, text: stored } : { code: legacy[1], text: null };
}
