/** A dashboard path that is no page. */
import { Link } from '../lib/router.tsx';
import { HOME } from '../routes.ts';

export function NotFoundPage() {
  return (
    <div className="state state-empty">
      <h1 className="page-title" tabIndex={-1} id="page-title">
        Page not found
      </h1>
      <p>There is no dashboard page at this address.</p>
      <p>
        <Link to={HOME}>Go to Connections</Link>
      </p>
    </div>
  );
}
