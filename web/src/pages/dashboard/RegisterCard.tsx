// One register's card on the dashboard: its main figure large, the others beside it; a figure
// marked alert or warn is coloured only when it is above zero.
import type { ReactNode } from 'react';

export interface Figure {
  label: string;
  value: number | string;
  tone?: 'alert' | 'warn';
}

export function RegisterCard({ title, href, figures, testId, children }: { title: string; href: string; figures: Figure[]; testId: string; children?: ReactNode }) {
  const [main, ...rest] = figures;
  return (
    <a className="dash-card" href={href} data-testid={testId}>
      <span className="dash-card-title">{title}</span>
      {main ? (
        <span className="dash-card-main">
          <span className="dash-count" data-testid="card-count">{main.value}</span>
          <span className="dash-count-label">{main.label}</span>
        </span>
      ) : null}
      {rest.length ? (
        <span className="dash-card-rest">
          {rest.map((f) => (
            <span key={f.label} className={f.tone === 'alert' && Number(f.value) > 0 ? 'dash-sub dash-alert' : f.tone === 'warn' && Number(f.value) > 0 ? 'dash-sub dash-warn' : 'dash-sub'}>
              <span className="strong">{f.value}</span> {f.label}
            </span>
          ))}
        </span>
      ) : null}
      {children}
    </a>
  );
}
