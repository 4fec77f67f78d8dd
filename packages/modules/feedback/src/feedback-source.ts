// Where a feedback was sent from (issue #16). `form`: the feedback form opened from the home or
// profile page, or an order's rate page. `error_screen`: 反馈问题 under an error the app showed, which
// opens the same form marked with the problem code and the request id on that screen. Only the source
// (an enum) decides the classification fact `sentFromErrorScreen`; the code and the request id are
// what the screen showed, kept for the handler, checked by shape only (docs/feedback.md, "Sent from
// the error screen").

export const feedbackSources = ['form', 'error_screen'] as const;
export type FeedbackSource = (typeof feedbackSources)[number];

/**
 * A problem code as the API answers them: upper snake case. No digits (no code has any), so a code
 * cannot carry a phone or ID number onto an anonymous entry.
 */
export const errorCodePattern = '^[A-Z][A-Z_]{1,63}$';
/** The platform's request ids (`req_…`, or a caller's `X-Request-Id` of this shape). */
export const requestIdPattern = '^[\\w.:-]{1,64}$';

/** What the client says about the screen it was sent from. */
export interface FeedbackEntryInput {
  source: FeedbackSource;
  code?: string | undefined;
  requestId?: string | undefined;
}

/** What is stored with the entry. */
export interface FeedbackEntryPoint {
  source: FeedbackSource;
  /** error_screen only. */
  errorCode: string | null;
  /** error_screen on named feedback only. */
  requestId: string | null;
}

const errorCodeRe = new RegExp(errorCodePattern);
const requestIdRe = new RegExp(requestIdPattern);

/**
 * The entry point to store: the form when the client says nothing; the code and the request id only
 * from the error screen and only of the right shape. An anonymous entry never keeps the request id:
 * the server's request log names the customer who made that request.
 */
export function entryPointOf(input: FeedbackEntryInput | undefined, anonymous: boolean): FeedbackEntryPoint {
  if (input === undefined || input.source !== 'error_screen')
    return { source: 'form', errorCode: null, requestId: null };
  const code = input.code !== undefined && errorCodeRe.test(input.code) ? input.code : null;
  const requestId =
    !anonymous && input.requestId !== undefined && requestIdRe.test(input.requestId) ? input.requestId : null;
  return { source: 'error_screen', errorCode: code, requestId };
}
