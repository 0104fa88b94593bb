// The registers' cards: how many records each holds for the user (only what the user could list).
import type { Dashboard } from '../../api/dashboard.js';
import { humanise } from '../../format.js';
import { RegisterCard, type Figure } from './RegisterCard.js';

interface Card {
  title: string;
  href: string;
  testId: string;
  figures: Figure[];
}

export function RegisterCards({ d }: { d: Dashboard }) {
  return (
    <div className="dash-cards" aria-label="Registers">
      {cardsOf(d).map((card) => (card ? <RegisterCard key={card.testId} {...card} /> : null))}
    </div>
  );
}

/** The cards in the order the dashboard shows them; null for a register the user may not list. */
function cardsOf(d: Dashboard): Array<Card | null> {
  return [
    { title: 'Requests', href: '#/requests', testId: 'card-requests', figures: [
      { label: 'open', value: d.requests.open.total },
      { label: 'incoming', value: d.requests.open.incoming },
      { label: 'outgoing', value: d.requests.open.outgoing },
      { label: 'overdue', value: d.requests.overdue, tone: 'alert' },
    ] },
    { title: 'Action items', href: '#/working-groups', testId: 'card-action-items', figures: [
      { label: 'open', value: d.actionItems.open },
      { label: 'overdue', value: d.actionItems.overdue, tone: 'alert' },
      { label: 'escalated', value: d.actionItems.escalated, tone: 'warn' },
    ] },
    d.logistics ? { title: 'Logistics ledger', href: '#/logistics', testId: 'card-logistics', figures: [
      { label: 'open orders', value: d.logistics.openOrders },
      { label: 'overdue settlements', value: d.logistics.overdue, tone: 'alert' },
      ...d.logistics.balances.map((b) => ({ label: `${b.owedBy} owes ${b.owedTo}`, value: `${b.currency} ${Number(b.amount).toLocaleString('en', { maximumFractionDigits: 0 })}` })),
    ] } : null,
    d.liaison ? { title: 'Liaison officers', href: '#/liaison-officers', testId: 'card-liaison', figures: [
      { label: 'postings active', value: d.liaison.active },
      { label: `ending within ${d.liaison.endingWithinDays} days`, value: d.liaison.ending, tone: 'warn' },
    ] } : null,
    byStatus({ title: 'Code of Conduct', href: '#/code-of-conduct', testId: 'card-code-of-conduct' }, 'subscribers', d.codeOfConduct),
    byStatus({ title: 'Programs', href: '#/programs', testId: 'card-programs' }, 'programs', d.programs),
    byStatus({ title: 'Priority assistance (SPA)', href: '#/spa', testId: 'card-spa' }, 'SPA requests', d.spa),
    { title: 'Notifications', href: '#/notifications', testId: 'card-notifications', figures: [{ label: 'unread', value: d.notifications.unread }] },
  ];
}

/** A register counted by status: its total, then one figure per status; none when the user may not list it. */
function byStatus(card: Omit<Card, 'figures'>, label: string, counts: { total: number; byStatus: Record<string, number> } | null): Card | null {
  if (!counts) return null;
  return { ...card, figures: [{ label, value: counts.total }, ...Object.entries(counts.byStatus).map(([status, n]) => ({ label: humanise(status).toLowerCase(), value: n }))] };
}
