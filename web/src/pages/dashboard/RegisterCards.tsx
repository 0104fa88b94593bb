// The registers' cards: how many records each holds for the user (only what the user could list).
import type { Dashboard } from '../../api/dashboard.js';
import { humanise } from '../../format.js';
import { RegisterCard } from './RegisterCard.js';

export function RegisterCards({ d }: { d: Dashboard }) {
  return (
    <div className="dash-cards" aria-label="Registers">
      <RegisterCard
        title="Requests"
        href="#/requests"
        testId="card-requests"
        figures={[
          { label: 'open', value: d.requests.open.total },
          { label: 'incoming', value: d.requests.open.incoming },
          { label: 'outgoing', value: d.requests.open.outgoing },
          { label: 'overdue', value: d.requests.overdue, tone: 'alert' },
        ]}
      />
      <RegisterCard
        title="Action items"
        href="#/working-groups"
        testId="card-action-items"
        figures={[
          { label: 'open', value: d.actionItems.open },
          { label: 'overdue', value: d.actionItems.overdue, tone: 'alert' },
          { label: 'escalated', value: d.actionItems.escalated, tone: 'warn' },
        ]}
      />
      {d.logistics ? (
        <RegisterCard
          title="Logistics ledger"
          href="#/logistics"
          testId="card-logistics"
          figures={[
            { label: 'open orders', value: d.logistics.openOrders },
            { label: 'overdue settlements', value: d.logistics.overdue, tone: 'alert' },
            ...d.logistics.balances.map((b) => ({ label: `${b.owedBy} owes ${b.owedTo}`, value: `${b.currency} ${Number(b.amount).toLocaleString('en', { maximumFractionDigits: 0 })}` })),
          ]}
        />
      ) : null}
      {d.liaison ? (
        <RegisterCard
          title="Liaison officers"
          href="#/liaison-officers"
          testId="card-liaison"
          figures={[
            { label: 'postings active', value: d.liaison.active },
            { label: `ending within ${d.liaison.endingWithinDays} days`, value: d.liaison.ending, tone: 'warn' },
          ]}
        />
      ) : null}
      <ByStatusCard title="Code of Conduct" href="#/code-of-conduct" testId="card-code-of-conduct" label="subscribers" counts={d.codeOfConduct} />
      <ByStatusCard title="Programs" href="#/programs" testId="card-programs" label="programs" counts={d.programs} />
      <ByStatusCard title="Priority assistance (SPA)" href="#/spa" testId="card-spa" label="SPA requests" counts={d.spa} />
      <RegisterCard title="Notifications" href="#/notifications" testId="card-notifications" figures={[{ label: 'unread', value: d.notifications.unread }]} />
    </div>
  );
}

/** A register counted by status: its total, then one figure per status; none when the user may not list it. */
function ByStatusCard({ title, href, testId, label, counts }: { title: string; href: string; testId: string; label: string; counts: { total: number; byStatus: Record<string, number> } | null }) {
  if (!counts) return null;
  const figures = [{ label, value: counts.total }, ...Object.entries(counts.byStatus).map(([status, n]) => ({ label: humanise(status).toLowerCase(), value: n }))];
  return <RegisterCard title={title} href={href} testId={testId} figures={figures} />;
}
