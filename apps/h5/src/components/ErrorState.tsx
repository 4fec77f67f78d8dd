// What a page shows when it could not load (issue #16, the app's error screen): what failed, the
// problem code and request id the server answered with (what support asks for), a retry when the page
// can try again, and 反馈问题, which opens the feedback form marked as sent from this screen with the
// code and request id — the feedback is then classified as an app matter (the rule error_screen).
import { Button, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ProblemError } from '../api';
import { reportProblemHref } from '../error-screen';

/** The code and request id of a failed call; a network failure (or a crash) has neither. */
export function problemOf(error: unknown): { code?: string; requestId?: string } {
  if (!(error instanceof ProblemError)) return {};
  const { code, requestId } = error.problem;
  return { code, ...(requestId === undefined ? {} : { requestId }) };
}

/**
 * Whether the call failed for want of a network: fetch rejects with a TypeError when no answer came
 * (offline, DNS, a dropped connection), and the browser may know it is offline.
 */
export function isNetworkFailure(error: unknown): boolean {
  if (error instanceof ProblemError) return false;
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return true;
  return error instanceof TypeError;
}

/** The 反馈问题 link of an error screen. */
export function ReportProblemLink({ problem }: { problem: { code?: string; requestId?: string } }) {
  const { t } = useTranslation();
  return (
    <Link to={reportProblemHref(problem)} className="error-state-report" data-testid="error-report">
      {t('feedback.errorScreen.report')}
    </Link>
  );
}

export function ErrorState({
  title,
  error,
  onRetry,
  retryLabel,
  retryTestId,
  notFound,
}: {
  title: string;
  /** What failed: a ProblemError names its code and request id on the screen and in the link. */
  error: unknown;
  onRetry?: () => void;
  retryLabel?: string;
  retryTestId?: string;
  /**
   * The problem code by which the server says the thing does not exist (or is not this customer's):
   * that is an answer, not a failure of the app, so it shows `title` plainly, without 反馈问题.
   */
  notFound?: { code: string; title: string };
}) {
  const { t } = useTranslation();
  const problem = problemOf(error);
  if (notFound !== undefined && problem.code === notFound.code) {
    return <ErrorBlock status="empty" title={notFound.title} description="" />;
  }
  const details = [
    isNetworkFailure(error) ? t('feedback.errorScreen.network') : null,
    problem.code ? t('feedback.errorScreen.code', { code: problem.code }) : null,
    problem.requestId ? t('feedback.errorScreen.requestId', { id: problem.requestId }) : null,
  ].filter((line) => line !== null);
  return (
    <ErrorBlock
      status="default"
      title={title}
      description={
        details.length > 0 ? (
          <span className="error-state-details" data-testid="error-details">
            {details.map((line) => (
              <span key={line}>{line}</span>
            ))}
          </span>
        ) : (
          ''
        )
      }
      data-testid="error-state"
    >
      <div className="error-state-actions">
        {onRetry && (
          <Button color="primary" fill="outline" onClick={onRetry} data-testid={retryTestId}>
            {retryLabel ?? t('feedback.errorScreen.retry')}
          </Button>
        )}
        <ReportProblemLink problem={problem} />
      </div>
    </ErrorBlock>
  );
}
