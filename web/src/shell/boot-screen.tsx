/** What shows before the session is known: a loading line, or why the server could not be reached. */
import { Spinner } from '../components/spinner.tsx';
import { Button } from '../components/button.tsx';
import { Logo } from '../components/logo.tsx';

export function BootScreen({ error, onRetry }: { error?: string; onRetry?: () => void }) {
  return (
    <main className="auth-layout" id="main">
      <div className="auth-card">
        <Logo />
        {error ? (
          <div role="alert">
            <h1 className="auth-title">Bifrost is not responding</h1>
            <p>{error}</p>
            {onRetry ? (
              <Button variant="primary" onClick={onRetry}>
                Try again
              </Button>
            ) : null}
          </div>
        ) : (
          <p className="state state-loading" role="status">
            <Spinner /> Loading Bifrost…
          </p>
        )}
      </div>
    </main>
  );
}
