import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../session';

/** Guards the whole console: without a staff session every page sends the operator to the login page. */
export function RequireStaff() {
  const session = useSession();
  const location = useLocation();
  if (session) return <Outlet />;
  const next = `${location.pathname}${location.search}`;
  return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
}
