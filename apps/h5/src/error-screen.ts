// The app's error screen and the feedback form (issue #16): 反馈问题 under an error opens the form at
// `/me/feedback?from=error&code=&requestId=`, and the form sends that marker with the feedback
// (`entry`), which the server classifies as an app matter. Kept apart from feedback-api so that the
// error screens (in the first load) do not pull the feedback pages' code.

/** What 反馈问题 under an error passes to the form: the screen it came from, with the code and request id shown. */
export interface ErrorScreenEntry {
  source: 'error_screen';
  code?: string;
  requestId?: string;
}

// The shapes the server accepts (anything else would refuse the whole feedback): a problem code in
// upper snake case, a request id as the server makes them.
const ERROR_CODE = /^[A-Z][A-Z_]{1,63}$/;
const REQUEST_ID = /^[\w.:-]{1,64}$/;

/** The feedback form, marked as sent from an error screen, with what the screen showed. */
export function reportProblemHref(problem: { code?: string | undefined; requestId?: string | undefined }): string {
  const search = new URLSearchParams({ from: 'error' });
  if (problem.code !== undefined && ERROR_CODE.test(problem.code)) search.set('code', problem.code);
  if (problem.requestId !== undefined && REQUEST_ID.test(problem.requestId)) search.set('requestId', problem.requestId);
  return `/me/feedback?${search.toString()}`;
}

/** The error-screen marker of the form's address (`?from=error&code=&requestId=`), or null. */
export function errorScreenEntry(search: URLSearchParams): ErrorScreenEntry | null {
  if (search.get('from') !== 'error') return null;
  const code = search.get('code') ?? '';
  const requestId = search.get('requestId') ?? '';
  return {
    source: 'error_screen',
    ...(ERROR_CODE.test(code) ? { code } : {}),
    ...(REQUEST_ID.test(requestId) ? { requestId } : {}),
  };
}
