// A per-line timeline of the preferential schedule drawn as inline SVG: one bar per order from the
// first day the plan works on it to its projected completion — the plan starts today, so no bar
// starts before the today line — a tick at its required delivery date, late orders in red.
// Positions are SVG attributes and colours CSS classes (the CSP forbids inline styles).
import type { BookOrder } from '../api/types.js';
import { formatDate } from '../format.js';

const DAY_MS = 86_400_000;
const WIDTH = 960;
const LABEL = 150;
const ROW = 26;
const AXIS = 24;
const PAD_RIGHT = 16;

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Tick spacing in days so that the axis shows about eight labels. */
function tickStep(span: number): number {
  for (const step of [1, 2, 7, 14, 28, 56, 91, 182, 365]) if (span / step <= 9) return step;
  return Math.ceil(span / 8);
}

export function OrderTimeline({ resource, orders, today }: { resource: string; orders: BookOrder[]; today: string }) {
  const rows = [...orders].sort((a, b) => a.projectedCompletionDate.localeCompare(b.projectedCompletionDate) || a.orderNumber.localeCompare(b.orderNumber));
  const todayDay = dayNumber(today);
  let start = todayDay;
  let end = todayDay + 1;
  for (const o of rows) {
    // A required date already past (a late order) still shows its tick.
    start = Math.min(start, dayNumber(o.requiredDeliveryDate));
    end = Math.max(end, dayNumber(o.projectedCompletionDate) + 1, dayNumber(o.requiredDeliveryDate) + 1);
  }
  const span = Math.max(1, end - start);
  const plot = WIDTH - LABEL - PAD_RIGHT;
  const x = (day: number) => LABEL + ((day - start) / span) * plot;
  const height = AXIS + rows.length * ROW + 8;
  const step = tickStep(span);
  const ticks: number[] = [];
  for (let d = start; d <= end; d += step) ticks.push(d);
  const late = rows.filter((o) => o.daysLate > 0).length;

  return (
    <figure className="order-timeline" data-testid="order-timeline">
      <figcaption className="order-timeline-caption">
        <span className="strong">{resource}</span>
        <span className="muted small">
          {rows.length} order{rows.length === 1 ? '' : 's'}
          {late ? `, ${late} late` : ', all on time'}
        </span>
      </figcaption>
      <svg
        className="timeline-svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`Schedule of ${resource}: ${rows.map((o) => `${o.orderNumber} made ${formatDate(o.plannedStartDate)} to ${formatDate(o.projectedCompletionDate)}, required ${formatDate(o.requiredDeliveryDate)}${o.daysLate > 0 ? `, ${o.daysLate} day${o.daysLate === 1 ? '' : 's'} late` : ''}`).join('; ')}`}
      >
        {ticks.map((d) => (
          <g key={d} className="tl-grid">
            <line x1={x(d)} x2={x(d)} y1={AXIS - 6} y2={height - 4} />
            <text x={x(d) + 3} y={AXIS - 10}>{formatDate(isoOf(d)).replace(/ \d{4}$/, '')}</text>
          </g>
        ))}
        <g className="tl-today">
          <line x1={x(todayDay)} x2={x(todayDay)} y1={AXIS - 6} y2={height - 4} />
        </g>
        {rows.map((o, i) => {
          const y = AXIS + i * ROW;
          const from = x(dayNumber(o.plannedStartDate));
          const to = x(dayNumber(o.projectedCompletionDate) + 1);
          const due = x(dayNumber(o.requiredDeliveryDate) + 1);
          const isLate = o.daysLate > 0;
          return (
            <g key={o.id} className={isLate ? 'tl-row tl-late' : 'tl-row'}>
              <title>{`${o.orderNumber} (${o.rating ?? 'unrated'}), received ${formatDate(o.receivedDate)}: made ${formatDate(o.plannedStartDate)} to ${formatDate(o.projectedCompletionDate)}, required ${formatDate(o.requiredDeliveryDate)}${isLate ? `, ${o.daysLate} day${o.daysLate === 1 ? '' : 's'} late` : ''}`}</title>
              <text className="tl-label" x={LABEL - 10} y={y + ROW / 2 + 4} textAnchor="end">{o.orderNumber}</text>
              <rect className={`tl-bar tl-${o.priority}`} x={from} y={y + 6} width={Math.max(2, to - from)} height={ROW - 12} rx={3} />
              <line className="tl-due" x1={due} x2={due} y1={y + 2} y2={y + ROW - 2} />
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
