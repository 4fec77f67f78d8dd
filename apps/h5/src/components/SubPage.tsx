import { NavBar } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';

/**
 * A page pushed above the tabs: a navigation bar with a back arrow and the scrolling content.
 * Back goes to the previous page of this app, or to `fallback` when the page was opened directly.
 */
export function SubPage({
  title,
  fallback = '/',
  children,
}: {
  title: string;
  fallback?: string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const back = () => {
    const index = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (index > 0) navigate(-1);
    else navigate(fallback, { replace: true });
  };
  return (
    <div className="app-shell">
      <NavBar className="sub-page-bar" onBack={back}>
        {title}
      </NavBar>
      <main className="app-body sub-page-body">{children}</main>
    </div>
  );
}
