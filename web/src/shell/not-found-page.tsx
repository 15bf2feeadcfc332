/** A dashboard path that is no page. */
import { Link } from '../lib/router.tsx';
import { HOME } from '../routes.ts';
import { MessagePage } from './message-page.tsx';

export function NotFoundPage() {
  return (
    <MessagePage title="Page not found">
      <p>There is no dashboard page at this address.</p>
      <p>
        <Link to={HOME}>Go to Connections</Link>
      </p>
    </MessagePage>
  );
}
