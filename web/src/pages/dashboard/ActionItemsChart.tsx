import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard } from '../../api/dashboard.js';
import { TOOLTIP_ITEM } from './chart-style.js';

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

export function ActionItemsChart({ d }: { d: Dashboard }) {
  const a = d.actionItems;
  const data = [
    { name: 'Open, on time', count: a.open - a.overdue },
    { name: 'Overdue', count: a.overdue },
    { name: 'Done', count: a.byStatus.done ?? 0 },
    { name: 'Cancelled', count: a.byStatus.cancelled ?? 0 },
  ];
  return (
    <figure className="dash-chart" data-testid="chart-action-items">
      <figcaption className="small strong">Action items by status</figcaption>
      {sum(a.byStatus) === 0 ? (
        <p className="muted small">No action items.</p>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={32} />
            <Tooltip itemStyle={TOOLTIP_ITEM} />
            <Bar dataKey="count" name="Action items" fill="#4b7f52" maxBarSize={60} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
