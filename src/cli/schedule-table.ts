// The columns of `sosa schedule`: a supplier's preferential schedule (15 CFR 700.14) for people.
import type { ScheduledBookOrder } from '../services/orders/compute-schedule.js';
import type { Column } from './table.js';
import { date } from './words.js';

export const SCHEDULE_COLUMNS: ReadonlyArray<Column<ScheduledBookOrder>> = [
  { header: 'Order', cell: (o) => o.orderNumber, max: 30 },
  { header: 'Rating', cell: (o) => (o.rating ? o.rating.toUpperCase() : 'unrated') },
  { header: 'Resource', cell: (o) => o.resource.name, max: 30 },
  { header: 'Quantity', cell: (o) => o.quantity, align: 'right' },
  { header: 'Required by', cell: (o) => date(o.requiredDeliveryDate), align: 'right' },
  { header: 'Projected', cell: (o) => date(o.projectedCompletionDate), align: 'right' },
  { header: 'Days late', cell: (o) => (o.daysLate > 0 ? o.daysLate : ''), align: 'right' },
];
