import type { ApiError } from '../../api/client.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { eventErrorLabel } from './event-places.js';

/** The server's answer to a recorded or imported event, each failing field named as the user knows it. */
export function EventFieldErrors({ error, testId }: { error: ApiError | undefined; testId: string }) {
  if (!error) return null;
  if (error.errors.length === 0) return <ErrorBanner error={error} />;
  return (
    <div className="import-errors" role="alert" data-testid={testId}>
      <p className="strong">{error.detail ?? error.title}</p>
      <ul className="error-list">
        {error.errors.map((e, i) => (
          <li key={i}>
            <span className="strong">{eventErrorLabel(e.field)}:</span> {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
