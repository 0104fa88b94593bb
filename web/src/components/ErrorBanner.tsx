import type { ApiError } from '../api/client.js';
import { localDates } from '../field-messages.js';

export function ErrorBanner({ error, onRetry }: { error: ApiError | undefined; onRetry?: () => void }) {
  if (!error) return null;
  const same = (a: string, b: string) => a.replace(/[.\s]+$/, '').toLowerCase() === b.replace(/[.\s]+$/, '').toLowerCase();
  return (
    <div className="banner banner-error" role="alert">
      <div>
        <strong>{error.title}</strong>
        {error.detail && !same(error.detail, error.title) ? <span className="banner-detail">{localDates(error.detail)}</span> : null}
      </div>
      {onRetry ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
