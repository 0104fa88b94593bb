// Liaison officer postings (MoA on the Assignment of Liaison Officers): who is posted where,
// postings ending soon, and the sending nation's create/edit dialog.
import { useState } from 'react';
import { partnershipApi, type Posting } from '../api/registers.js';
import { ListBody } from '../components/list/ListBody.js';
import { FilterBar, SearchFilter, SelectFilter } from '../components/list/ListFilters.js';
import { PageHeader } from '../components/PageHeader.js';
import { keys } from '../queries/keys.js';
import { useApiQuery } from '../queries/use-api-query.js';
import { hasRole, useSession } from '../session.js';
import { PostingDialog } from './liaison-officers/PostingDialog.js';
import { PostingsByCommand, PostingsTable } from './liaison-officers/PostingViews.js';

type View = 'where' | 'ending' | 'all';
const VIEWS = [
  ['where', 'Who is posted where'],
  ['ending', 'Ending soon'],
  ['all', 'All postings'],
] as const;
const ROLES = [['sending', 'Sends'], ['hosting', 'Hosts']] as const;
const STATUSES = [['planned', 'Planned'], ['active', 'Active'], ['ended', 'Ended']] as const;

export function LiaisonOfficersPage() {
  const { user } = useSession();
  const [view, setView] = useState<View>('where');
  const [days, setDays] = useState(90);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<Posting | 'new' | null>(null);
  const filter = view === 'where' ? { q, role, status: 'active' } : view === 'ending' ? { q, role, endingWithinDays: days } : { q, role, status };
  const load = useApiQuery(keys.postings.list(filter), () => partnershipApi.listPostings(filter));
  const writer = hasRole(user, 'sosa_officer');
  const filtered = Boolean(q || role || (view === 'all' && status));

  return (
    <div className="page">
      <PageHeader
        title="Liaison officers"
        subtitle={`Officers ${user.nation} posts to partner commands, and partner officers it hosts`}
        actions={writer ? <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>Post an officer</button> : null}
      />
      <div className="tabs" role="tablist" aria-label="Views">
        {VIEWS.map(([v, label]) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'tab active' : 'tab'} onClick={() => setView(v)}>
            {label}
          </button>
        ))}
      </div>
      <FilterBar label="Filter postings" onSearch={() => setQ(text.trim())}>
        <SearchFilter id="lo-q" placeholder="Officer, command, place…" text={text} onText={setText} />
        <SelectFilter id="lo-role" label={`Role of ${user.nation}`} any="Sends or hosts" value={role} options={ROLES} onChange={setRole} />
        {view === 'ending' ? (
          <div className="filter">
            <label htmlFor="lo-days">Ending within (days)</label>
            <input id="lo-days" className="input-days" type="number" min={0} max={9999} value={days} onChange={(e) => setDays(Math.max(0, Math.min(9999, Number(e.target.value) || 0)))} />
          </div>
        ) : null}
        {view === 'all' ? <SelectFilter id="lo-status" label="Status" any="Any status" value={status} options={STATUSES} onChange={setStatus} /> : null}
      </FilterBar>
      <ListBody
        query={load}
        loadingLabel="Loading postings…"
        wrap={view === 'where' ? '' : 'table-wrap'}
        empty={{
          title: view === 'ending' ? `No posting ends within ${days} days` : filtered ? 'No posting matches these filters' : 'No postings',
          body: writer ? 'Post an officer to a partner command to start the register.' : null,
        }}
      >
        {(items) => (view === 'where' ? <PostingsByCommand items={items} onOpen={setEditing} /> : <PostingsTable items={items} onOpen={setEditing} />)}
      </ListBody>
      {editing ? <PostingDialog posting={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} /> : null}
    </div>
  );
}
