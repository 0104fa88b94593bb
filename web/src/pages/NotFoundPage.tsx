import { EmptyState } from '../components/EmptyState.js';
import { href } from '../router.js';

export function NotFoundPage() {
  return (
    <div className="page">
      <EmptyState title="Page not found">
        <a href={href('/queue')}>Go to your work queue</a>
      </EmptyState>
    </div>
  );
}
