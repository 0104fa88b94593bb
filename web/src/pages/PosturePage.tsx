// Posture per arrangement (issue #15): peacetime, emergency or armed conflict. The SOSA officers of
// both nations see each arrangement's posture with its history and set it (a dialog says what the
// change does to new requests' clocks); auditors read it (src/services/posture/posture-access.ts).
// A nation may be party to many arrangements (the US to some twenty): one row each, those out of
// peacetime first, and one history of every change below.
import { useState } from 'react';
import { POSTURE_SETTER_ROLES, posturesApi, type ArrangementPosture } from '../api/postures.js';
import { EmptyState } from '../components/EmptyState.js';
import { DataTable } from '../components/list/DataTable.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { PostureBadge } from '../components/PostureBadge.js';
import { PostureChangeDialog } from '../components/PostureChangeDialog.js';
import { Spinner } from '../components/Spinner.js';
import { formatDateTime } from '../format.js';
import { hasRole, nationInSentence, nationName, useSession } from '../session.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';

/** "India's", "the United States'". */
const possessive = (name: string) => (name.endsWith('s') ? `${name}\u2019` : `${name}\u2019s`);

const RANK = { peacetime: 0, emergency: 1, armed_conflict: 2 } as const;

function partnerOf(a: ArrangementPosture, nation: string): string {
  return a.nations.find((n) => n !== nation) ?? a.nations[0] ?? '';
}

function History({ items }: { items: ArrangementPosture[] }) {
  const { reference } = useSession();
  const changes = items.flatMap((a) => a.history.map((h) => ({ ...h, arrangement: a }))).sort((x, y) => y.setAt.localeCompare(x.setAt));
  // The API answers each arrangement's latest changes only (postures.schema.ts historyTotal).
  const cut = items.some((a) => a.historyTotal > a.history.length);
  return (
    <section className="panel" aria-labelledby="posture-history-h">
      <div className="panel-head">
        <h2 id="posture-history-h" className="panel-title">History</h2>
        <span className="small muted" data-testid="posture-history-scope">
          {cut ? `the latest ${Math.max(...items.map((a) => a.history.length))} changes of each arrangement, newest first; the audit trail keeps every one` : 'every change of posture, newest first'}
        </span>
      </div>
      {changes.length === 0 ? (
        <p className="pad muted" data-testid="posture-never-changed">Every arrangement has been in peacetime since it began: no posture was ever changed.</p>
      ) : (
        <div className="table-wrap">
          <DataTable
            rows={changes}
            rowKey={(h) => `${h.arrangement.arrangementId}-${h.setAt}`}
            rowProps={(h) => ({ 'data-testid': 'posture-history-row', 'data-arrangement': h.arrangement.arrangementId })}
            testId="posture-history"
            caption="Changes of posture, newest first"
            columns={[
              { head: 'Arrangement', cell: (h) => h.arrangement.name },
              { head: 'Posture set', cell: (h) => <PostureBadge posture={h.posture} /> },
              {
                head: 'Set by',
                cell: (h) => (
                  <>
                    {h.setBy} <span className="muted small">({nationName(reference, h.setByNation)})</span>
                    {/* Sovereign instances: set on the other nation's instance and received here as a signed message. */}
                    {h.received ? <div className="small muted" data-testid="posture-received">received from {possessive(nationInSentence(reference, h.setByNation))} desk</div> : null}
                  </>
                ),
              },
              { head: 'When', cell: (h) => formatDateTime(h.setAt) },
              { head: 'Note', cell: (h) => h.note || <span className="muted">—</span> },
            ]}
          />
        </div>
      )}
    </section>
  );
}

export function PosturePage() {
  const { user, reference } = useSession();
  const { data, error, loading, reload } = useApiQuery(keys.postures.list(), () => posturesApi.list());
  const [changing, setChanging] = useState<ArrangementPosture | null>(null);
  const canSet = POSTURE_SETTER_ROLES.some((r) => hasRole(user, r));
  // Out of peacetime first (the most severe first), then as the API lists them.
  const items = [...(data?.items ?? [])].sort((a, b) => RANK[b.posture] - RANK[a.posture]);
  return (
    <div className="page posture-page">
      <PageHeader
        title="Posture"
        subtitle={`Peacetime, emergency or armed conflict, per arrangement. In emergency and armed conflict, new requests run on the workflows' shorter clocks. ${canSet ? 'The SOSA officers of both nations set it.' : 'Set by the SOSA officers of both nations; you read it.'}`}
      />
      <ErrorBanner error={error} onRetry={reload} />
      {loading && !data ? <Spinner label="Loading the postures…" /> : null}
      {data && data.items.length === 0 ? <EmptyState title="No arrangement">Your nation is party to no arrangement.</EmptyState> : null}
      {items.length > 0 ? (
        <section className="panel" aria-labelledby="posture-now-h">
          <div className="panel-head">
            <h2 id="posture-now-h" className="panel-title">Now</h2>
            <span className="small muted">{items.filter((a) => a.posture !== 'peacetime').length} of {items.length} arrangements out of peacetime</span>
          </div>
          <div className="table-wrap">
            <DataTable
              rows={items}
              rowKey={(a) => a.arrangementId}
              rowProps={(a) => ({ 'data-testid': 'posture-arrangement', 'data-arrangement': a.arrangementId })}
              testId="posture-table"
              caption="The posture of each arrangement"
              columns={[
                { head: 'Arrangement', rowHeader: true, cell: (a) => a.name },
                { head: 'Partner', cell: (a) => nationName(reference, partnerOf(a, user.nation)) },
                { head: 'Posture', cell: (a) => <PostureBadge posture={a.posture} /> },
                {
                  head: 'Since',
                  cell: (a) => (a.history[0] ? <>{formatDateTime(a.history[0].setAt)} <span className="muted small">by {a.history[0].setBy}</span></> : <span className="muted">the start</span>),
                },
                ...(canSet
                  ? [{
                      head: <span className="sr-only">Actions</span>,
                      className: 'cell-actions',
                      cell: (a: ArrangementPosture) => (
                        <button type="button" className="btn btn-small" data-testid="posture-change" aria-label={`Change posture of ${a.name}`} onClick={() => setChanging(a)}>
                          Change posture
                        </button>
                      ),
                    }]
                  : []),
              ]}
            />
          </div>
        </section>
      ) : null}
      {data ? <History items={data.items} /> : null}
      {changing ? <PostureChangeDialog arrangement={changing} onClose={() => setChanging(null)} onChanged={reload} /> : null}
    </div>
  );
}
