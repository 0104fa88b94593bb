// One subscriber of the Code of Conduct: capability catalogue, status history, track record, contacts.
import { useState } from 'react';
import { partnershipApi, SECTOR_LABEL, type Capability } from '../../api/registers.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { DataTable, type Column } from '../../components/list/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Spinner } from '../../components/Spinner.js';
import { formatDate, formatDateTime } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { href } from '../../router.js';
import { hasRole, useSession } from '../../session.js';
import { StatusDialog } from './StatusDialog.js';
import { SubscriberDialog } from './SubscriberDialog.js';
import { pct, SubscriptionBadge } from './SubscriptionBadge.js';

const CAPABILITY_COLUMNS: Array<Column<Capability>> = [
  { head: 'FSC', cellClass: 'mono', cell: (c) => c.fsc ?? '—' },
  { head: 'Sector', cell: (c) => SECTOR_LABEL[c.sector] ?? c.sector },
  { head: 'Description', cell: (c) => c.description },
  { head: 'Part numbers', cellClass: 'mono small', cell: (c) => c.partNumbers.join(', ') || '—' },
];

export function SubscriberDetail({ id }: { id: string }) {
  const { user } = useSession();
  const load = useApiQuery(keys.subscriptions.detail(id), () => partnershipApi.getSubscriber(id));
  const [dialog, setDialog] = useState<'edit' | 'status' | null>(null);
  const s = load.data;
  const writer = hasRole(user, 'sosa_officer');
  return (
    <div className="page">
      <a className="back-link" href={href('/code-of-conduct')}>← Code of Conduct registry</a>
      <PageHeader
        title={s ? s.organisation.name : 'Subscriber'}
        subtitle={s ? <>Subscribed on {formatDate(s.subscribedOn)}, signed by {s.signedBy.name} ({s.signedBy.title}) · <SubscriptionBadge status={s.status} /> since {formatDate(s.statusSince)}</> : undefined}
        actions={
          s && writer ? (
            <>
              <button type="button" className="btn btn-small" onClick={() => setDialog('status')}>Change status</button>
              <button type="button" className="btn btn-primary btn-small" onClick={() => setDialog('edit')}>Edit</button>
            </>
          ) : null
        }
      />
      <ErrorBanner error={load.error} onRetry={load.reload} />
      {load.loading && !s ? <Spinner /> : null}
      {s ? (
        <div className="detail-grid">
          <div className="detail-main">
            <section className="panel" aria-labelledby="cap-h">
              <h2 id="cap-h" className="panel-title">Capability catalogue</h2>
              {s.capabilities.length === 0 ? <p className="pad muted">No capabilities recorded.</p> : (
                <div className="table-wrap">
                  <DataTable rows={s.capabilities} columns={CAPABILITY_COLUMNS} rowKey={(c) => c.id!} testId="capabilities" />
                </div>
              )}
            </section>
            <section className="panel" aria-labelledby="hist-h">
              <h2 id="hist-h" className="panel-title">Status history</h2>
              <ol className="timeline" data-testid="status-history">
                {(s.history ?? []).map((h, i) => (
                  <li key={i} className="event">
                    <div className="event-head">
                      <strong>{h.from ? `${h.from} → ${h.to}` : `Subscribed (${h.to})`}</strong> <span className="muted small">effective {formatDate(h.effectiveOn)}</span>
                    </div>
                    <div className="event-meta muted small">
                      recorded {formatDateTime(h.at)}
                      {h.actor ? ` by ${h.actor}` : ''}
                    </div>
                    {h.reason ? <div>{h.reason}</div> : null}
                  </li>
                ))}
              </ol>
            </section>
          </div>
          <aside className="detail-side">
            <section className="panel" aria-labelledby="stats-h">
              <h2 id="stats-h" className="panel-title">Track record</h2>
              <dl className="facts" data-testid="stats">
                <dt>Requests received</dt><dd>{s.stats.received}</dd>
                <dt>Committed</dt><dd>{s.stats.committed}</dd>
                <dt>Declined</dt><dd>{s.stats.declined}</dd>
                <dt>Delivered</dt><dd>{s.stats.delivered}</dd>
                <dt>On-time delivery</dt><dd>{pct(s.stats.onTimeRate)}</dd>
              </dl>
            </section>
            <section className="panel" aria-labelledby="contacts-h">
              <h2 id="contacts-h" className="panel-title">Contacts</h2>
              {s.contacts.length === 0 ? <p className="pad muted">No contacts recorded.</p> : (
                <ul className="line-list">
                  {s.contacts.map((c) => (
                    <li key={c.id}>
                      <span className="strong">{c.name}</span>
                      <span className="muted small">{[c.role, c.email, c.phone].filter(Boolean).join(' · ')}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {s.notes ? <section className="panel"><h2 className="panel-title">Notes</h2><p className="pad">{s.notes}</p></section> : null}
          </aside>
        </div>
      ) : null}
      {s && dialog === 'edit' ? <SubscriberDialog existing={s} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} /> : null}
      {s && dialog === 'status' ? <StatusDialog s={s} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} /> : null}
    </div>
  );
}
