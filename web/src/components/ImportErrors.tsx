import type { ApiError } from '../api/client.js';
import { ErrorBanner } from './ErrorBanner.js';

/**
 * What the server refused in an imported file: each failing place named as the user knows it
 * ("Row 3, rating", "Feature 2, geometry"), so the file can be fixed in one go; a refusal that
 * names no field shows as the usual banner.
 */
export function ImportErrors({ error, fieldLabel, testId }: { error: ApiError | undefined; fieldLabel(field: string): string; testId: string }) {
  if (!error) return null;
  if (error.errors.length === 0) return <ErrorBanner error={error} />;
  return (
    <div className="import-errors" role="alert" data-testid={testId}>
      <p className="strong">{error.detail ?? error.title}</p>
      <ul className="error-list">
        {error.errors.map((e, i) => (
          <li key={i}>
            <span className="strong">{fieldLabel(e.field)}:</span> {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
