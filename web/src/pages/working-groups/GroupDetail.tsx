// One working group: action items, members and meetings.
import type { ReactNode } from 'react';
import { partnershipApi } from '../../api/partnership.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Spinner } from '../../components/Spinner.js';
import { keys } from '../../queries/keys.js';
import { useApiQuery } from '../../queries/use-api-query.js';
import { href } from '../../router.js';
import { nationName, useSession } from '../../session.js';
import { ActionItemsTable } from './ActionItemsTable.js';
import { ChangesSent } from './ChangesSent.js';
import { MeetingCard } from './MeetingCard.js';
import { NewItemForm } from './NewItemForm.js';
import { NewMeetingForm } from './NewMeetingForm.js';

function Panel({ title, id, actions, children }: { title: string; id: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid={id}>
      <div className="panel-head"><h2 id={`${id}-h`} className="panel-title">{title}</h2>{actions}</div>
      {children}
    </section>
  );
}

export function GroupDetail({ id }: { id: string }) {
  const { reference } = useSession();
  const group = useApiQuery(keys.workingGroups.detail(id), () => partnershipApi.getGroup(id));
  const g = group.data;
  if (group.error) return <div className="page"><a className="back-link" href={href('/working-groups')}>← Working groups</a><ErrorBanner error={group.error} onRetry={group.reload} /></div>;
  if (!g) return <div className="page"><Spinner label="Loading the working group…" /></div>;
  const overdue = g.actionItems.filter((i) => i.overdue).length;
  return (
    <div className="page partnership-page">
      <a className="back-link" href={href('/working-groups')}>← Working groups</a>
      <PageHeader title={g.name} subtitle={<>{g.nations.map((n) => nationName(reference, n)).join(' – ')} · {g.arrangementId}{overdue ? <span className="badge wg-overdue" data-testid="overdue-badge">{overdue} overdue</span> : null}</>} />
      {g.purpose ? <p className="prose">{g.purpose}</p> : null}
      <ChangesSent group={g} />
      <div className="wg-grid">
        <Panel title="Action items" id="wg-items">
          <ActionItemsTable group={g} />
          {g.canEdit ? <NewItemForm group={g} /> : null}
        </Panel>
        <Panel title={`Members (${g.members.length})`} id="wg-members">
          <ul className="wg-members">
            {g.members.map((m) => (
              <li key={m.id}>
                <span className="strong">{m.name}</span> <span className="chip">{m.nation}</span>
                {m.chair ? <span className="chip chip-action">Chair</span> : null}
                {m.external ? <span className="chip chip-muted">External</span> : null}
                <div className="small muted">{m.organisation}{m.email ? ` · ${m.email}` : ''}</div>
              </li>
            ))}
          </ul>
        </Panel>
      </div>
      <Panel title="Meetings" id="wg-meetings">
        {g.meetings.length === 0 ? <p className="pad muted">No meetings yet.</p> : g.meetings.map((m) => <MeetingCard key={m.id} group={g} meeting={m} />)}
        {g.canEdit ? <NewMeetingForm group={g} /> : null}
      </Panel>
    </div>
  );
}
