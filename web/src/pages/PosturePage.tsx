// Posture per arrangement (issue #15): peacetime, emergency or armed conflict. The SOSA officers of
// both nations see each arrangement's posture with its history and set it (a dialog says what the
// change does to new requests' clocks); auditors read it (src/services/posture/posture-access.ts).
import { useState } from 'react';
import { POSTURE_LABELS, POSTURE_SETTER_ROLES, posturesApi, type ArrangementPosture } from '../api/postures.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { PostureBadge } from '../components/PostureBadge.js';
import { PostureChangeDialog } from '../components/PostureChangeDialog.js';
import { Spinner } from '../components/Spinner.js';
import { formatDateTime } from '../format.js';
import { hasRole, nationName, useSession } from '../session.js';
import { useLoad } from '../use-load.js';

function ArrangementPanel({ a, canSet, onChanged }: { a: ArrangementPosture; canSet: boolean; onChanged(): void }) {
  const { reference } = useSession();
  const [changing, setChanging] = useState(false);
  const headingId = `posture-${a.arrangementId}-h`;
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="posture-arrangement" data-arrangement={a.arrangementId}>
      <div className="panel-head">
        <h2 id={headingId} className="panel-title">
          {a.name} <PostureBadge posture={a.posture} />
        </h2>
        <span className="small muted">{a.nations.map((n) => nationName(reference, n)).join(' and ')}</span>
        {canSet ? (
          <button type="button" className="btn btn-small" data-testid="posture-change" onClick={() => setChanging(true)}>
            Change posture
          </button>
        ) : null}
      </div>
      <p className="pad small">
        {a.posture === 'peacetime'
          ? 'Requests run on the clocks of their own urgency.'
          : `Requests submitted now run on the ${POSTURE_LABELS[a.posture].toLowerCase()} clocks at least: shorter deadlines.`}
      </p>
      {a.history.length === 0 ? (
        <p className="pad muted" data-testid="posture-never-changed">Peacetime since the arrangement began: the posture was never changed.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="posture-history">
            <caption className="sr-only">Posture history of {a.name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Posture</th>
                <th scope="col">Set by</th>
                <th scope="col">When</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {a.history.map((h) => (
                <tr key={h.setAt + h.posture} data-testid="posture-history-row">
                  <td><PostureBadge posture={h.posture} /></td>
                  <td>{h.setBy} <span className="muted small">({nationName(reference, h.setByNation)})</span></td>
                  <td>{formatDateTime(h.setAt)}</td>
                  <td>{h.note || <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changing ? <PostureChangeDialog arrangement={a} onClose={() => setChanging(false)} onChanged={onChanged} /> : null}
    </section>
  );
}

export function PosturePage() {
  const { user } = useSession();
  const { data, error, loading, reload } = useLoad(() => posturesApi.list(), []);
  const canSet = POSTURE_SETTER_ROLES.some((r) => hasRole(user, r));
  return (
    <div className="page">
      <PageHeader
        title="Posture"
        subtitle={`Peacetime, emergency or armed conflict, per arrangement. In emergency and armed conflict, new requests run on the workflows' shorter clocks. ${canSet ? 'The SOSA officers of both nations set it.' : 'Set by the SOSA officers of both nations; you read it.'}`}
      />
      <ErrorBanner error={error} onRetry={reload} />
      {loading && !data ? <Spinner label="Loading the postures…" /> : null}
      {data && data.items.length === 0 ? <EmptyState title="No arrangement">Your nation is party to no arrangement.</EmptyState> : null}
      {data?.items.map((a) => <ArrangementPanel key={a.arrangementId} a={a} canSet={canSet} onChanged={reload} />)}
    </div>
  );
}
