// The app's last error screen: a page that crashed while rendering (or whose code failed to load)
// shows this instead of a blank screen — reload, or 反馈问题 (the feedback form marked as sent from
// the error screen, code APP_CRASHED or the server's code when the crash carried one). Opening
// another page (the link included) clears it.
import { Button, ErrorBlock } from 'antd-mobile';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { problemOf, ReportProblemLink } from './ErrorState';

function CrashScreen({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const problem = problemOf(error);
  return (
    <ErrorBlock
      fullPage
      status="default"
      title={t('feedback.errorScreen.crashTitle')}
      description={t('feedback.errorScreen.crashHint')}
      data-testid="app-crash"
    >
      <div className="error-state-actions">
        <Button color="primary" onClick={() => window.location.reload()}>
          {t('feedback.errorScreen.reload')}
        </Button>
        <ReportProblemLink problem={{ ...problem, code: problem.code ?? 'APP_CRASHED' }} />
      </div>
    </ErrorBlock>
  );
}

class ErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error: error ?? new Error('crashed') };
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== null) this.setState({ error: null });
  }

  override render(): ReactNode {
    return this.state.error === null ? this.props.children : <CrashScreen error={this.state.error} />;
  }
}

/** Around the whole app, inside the router: opening another page clears the error screen. */
export function AppErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return <ErrorBoundary resetKey={pathname}>{children}</ErrorBoundary>;
}
