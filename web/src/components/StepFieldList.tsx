import type { ReactNode } from 'react';

/**
 * The fields a workflow step carried ("Promised date: 12 Jan 2027"), as a definition list: the
 * request's own history and a partner's copy of it show them alike.
 */
export function StepFieldList({ entries, action, label, value, className }: { entries: [string, unknown][]; action: string; label(name: string, action: string): string; value(name: string, v: unknown, action: string): ReactNode; className: string }) {
  if (entries.length === 0) return null;
  return (
    <dl className={className}>
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{label(k, action)}</dt>
          <dd>{value(k, v, action)}</dd>
        </div>
      ))}
    </dl>
  );
}
