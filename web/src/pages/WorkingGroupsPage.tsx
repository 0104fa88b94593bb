// SOSA working groups: members of both nations and chairs, meetings with agenda, minutes and
// attendance, and action items with an owner and a due date in the owner's nation's working days.
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { partnershipApi, type ActionItem, type ItemStatus, type Meeting, type WorkingGroupDetail } from '../api/partnership.js';
import { Dialog } from '../components/Dialog.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { formatDate, formatDateTime } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole, nationName, useSession } from '../session.js';
import { toApiError, useLoad } from '../use-load.js';

const ZONES = ['Asia/Kolkata', 'America/New_York', 'Pacific/Honolulu', 'Europe/London', 'UTC'];

/** "2026-12-03T09:30" wall time in `zone` → an ISO instant with its offset. */
export function zonedToIso(local: string, zone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return local;
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  const offsetAt = (t: number) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(t)).map((p) => [p.type, p.value]));
    return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!) - t;
  };
  const instant = asUtc - offsetAt(asUtc - offsetAt(asUtc));
  return new Date(instant).toISOString();
}

function StatusBadge({ item }: { item: ActionItem }) {
  if (item.status === 'done') return <span className="chip chip-ok">Done</span>;
  if (item.status === 'cancelled') return <span className="chip chip-muted">Cancelled</span>;
  if (item.overdue) return <span className="badge wg-overdue" data-testid="overdue-badge" title={item.escalatedAt ? `Escalated ${formatDateTime(item.escalatedAt)} to ${item.escalatedTo}` : 'Past due'}>{item.escalatedAt ? 'Overdue · escalated' : 'Overdue'}</span>;
  return <span className="chip">Open</span>;
}

function GroupList() {
  const { user, reference } = useSession();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = useLoad(() => partnershipApi.listGroups({ q, status, overdue }), [q, status, overdue]);
  const items = list.data?.items ?? [];
  const officer = hasRole(user, 'sosa_officer');
  const filtered = Boolean(q || status || overdue);
  return (
    <div className="page">
      <PageHeader title="Working groups" subtitle="SOSA working groups of your nation's arrangements: meetings, minutes and action items." actions={officer ? <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>New working group</button> : undefined} />
      <section className="panel">
        <div className="panel-head">
          <div className="inline-filters" role="search" aria-label="Filter working groups">
            <input type="search" aria-label="Search working groups" placeholder="Search name or purpose" value={q} onChange={(e) => setQ(e.target.value)} />
            <label htmlFor="wg-f-status" className="small muted">Status</label>
            <select id="wg-f-status" value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">All</option>
              <option value="active">Active</option>
              <option value="closed">Closed</option>
            </select>
            <label className="check small nowrap"><input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> With overdue items</label>
          </div>
        </div>
        <ErrorBanner error={list.error} onRetry={list.reload} />
        {list.loading && !list.data ? <Spinner label="Loading working groups…" /> : null}
        {list.data && items.length === 0 ? <EmptyState title={filtered ? 'No working group matches these filters' : 'No working groups yet'}>{filtered ? 'Try removing a filter.' : officer ? 'Create one for an arrangement of your nation.' : 'You are not a member of any working group.'}</EmptyState> : null}
        {items.length > 0 ? (
          <div className="table-wrap">
            <table className="table" data-testid="wg-table">
              <caption className="sr-only">Working groups</caption>
              <thead>
                <tr><th scope="col">Working group</th><th scope="col">Nations</th><th scope="col">Chairs</th><th scope="col">Next meeting</th><th scope="col" className="num">Open items</th></tr>
              </thead>
              <tbody>
                {items.map((g) => (
                  <tr key={g.id} data-testid="wg-row">
                    <td><a className="strong" href={href(`/working-groups/${g.id}`)}>{g.name}</a>{g.status === 'closed' ? <span className="chip chip-muted">Closed</span> : null}<div className="small muted">{g.memberCount} members</div></td>
                    <td className="nowrap">{g.nations.join(' – ')}</td>
                    <td>{g.chairs.join(', ') || <span className="muted">—</span>}</td>
                    <td className="nowrap">{g.nextMeeting ? formatDateTime(g.nextMeeting) : <span className="muted">none scheduled</span>}</td>
                    <td className="num nowrap">{g.openItems}{g.overdueItems > 0 ? <span className="badge wg-overdue" data-testid="overdue-badge">{g.overdueItems} overdue</span> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {creating ? <NewGroupDialog arrangements={reference.arrangements.filter((a) => a.nationA === user.nation || a.nationB === user.nation)} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

function NewGroupDialog({ arrangements, onClose }: { arrangements: Array<{ id: string; name: string }>; onClose(): void }) {
  const { user } = useSession();
  const [arrangementId, setArrangementId] = useState(arrangements.find((a) => a.id === 'US-IN')?.id ?? arrangements[0]?.id ?? '');
  const [name, setName] = useState('');
  const [purpose, setPurpose] = useState('');
  const [chair, setChair] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const g = await partnershipApi.createGroup({ arrangementId, name, purpose, members: [{ userId: user.id, chair }] });
      navigate(`/working-groups/${g.id}`);
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title="New working group" onClose={onClose}>
      <form className="dialog-body form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorBanner error={error} />
        <div className="field"><label htmlFor="wg-arr" className="field-label">Arrangement</label>
          <select id="wg-arr" value={arrangementId} onChange={(e) => setArrangementId(e.target.value)}>{arrangements.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}</select></div>
        <div className="field"><label htmlFor="wg-name" className="field-label">Name</label><input id="wg-name" value={name} onChange={(e) => setName(e.target.value)} /></div>
        <div className="field"><label htmlFor="wg-purpose" className="field-label">Purpose</label><textarea id="wg-purpose" rows={3} value={purpose} onChange={(e) => setPurpose(e.target.value)} /></div>
        <label className="check"><input type="checkbox" checked={chair} onChange={(e) => setChair(e.target.checked)} /> I chair it (you join as a member either way)</label>
        <div className="dialog-foot">
          <button type="button" className="btn btn-ghost" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Creating…' : 'Create'}</button>
        </div>
      </form>
    </Dialog>
  );
}

function Panel({ title, id, actions, children }: { title: string; id: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid={id}>
      <div className="panel-head"><h2 id={`${id}-h`} className="panel-title">{title}</h2>{actions}</div>
      {children}
    </section>
  );
}

function MeetingCard({ group, meeting, onChanged }: { group: WorkingGroupDetail; meeting: Meeting; onChanged(g: WorkingGroupDetail): void }) {
  const [minutes, setMinutes] = useState(meeting.minutes);
  const [present, setPresent] = useState<Record<string, boolean>>(Object.fromEntries(meeting.attendance.map((a) => [a.memberId, a.present])));
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);
  const save = async () => {
    setError(undefined);
    try {
      const g = await partnershipApi.updateMeeting(group.id, meeting.id, { minutes, attendance: group.members.map((m) => ({ memberId: m.id, present: Boolean(present[m.id]) })) });
      setSaved(true);
      onChanged(g);
    } catch (err) {
      setError(toApiError(err));
    }
  };
  const upcoming = new Date(meeting.startsAt).getTime() > Date.now();
  return (
    <article className="wg-meeting" data-testid="meeting">
      <header className="wg-meeting-head">
        <h3 className="subhead">{meeting.title}</h3>
        <span className="small">{formatDateTime(meeting.startsAt, meeting.timeZone)}{meeting.location ? ` · ${meeting.location}` : ''}</span>
        {upcoming ? <span className="chip chip-action">Upcoming</span> : null}
      </header>
      {meeting.agenda ? <div className="prose wg-pre"><span className="strong">Agenda</span>{'\n'}{meeting.agenda}</div> : null}
      <ErrorBanner error={error} />
      {group.canEdit ? (
        <>
          <div className="field"><label htmlFor={`min-${meeting.id}`} className="field-label">Minutes</label><textarea id={`min-${meeting.id}`} rows={3} value={minutes} onChange={(e) => { setMinutes(e.target.value); setSaved(false); }} /></div>
          <fieldset className="fieldset"><legend className="field-label">Attendance</legend>
            <div className="wg-attendance">
              {group.members.map((m) => <label key={m.id} className="check small"><input type="checkbox" checked={Boolean(present[m.id])} onChange={(e) => { setPresent({ ...present, [m.id]: e.target.checked }); setSaved(false); }} /> {m.name} ({m.nation})</label>)}
            </div>
          </fieldset>
          <div className="form-foot"><button type="button" className="btn btn-small" onClick={() => void save()}>Save minutes and attendance</button>{saved ? <span className="small muted" role="status">Saved</span> : null}</div>
        </>
      ) : (
        <>
          {meeting.minutes ? <div className="prose wg-pre"><span className="strong">Minutes</span>{'\n'}{meeting.minutes}</div> : <p className="small muted">No minutes yet.</p>}
          {meeting.attendance.length ? <p className="small">Present: {meeting.attendance.filter((a) => a.present).map((a) => a.name).join(', ') || 'nobody recorded'}; absent: {meeting.attendance.filter((a) => !a.present).map((a) => a.name).join(', ') || 'none'}</p> : null}
        </>
      )}
    </article>
  );
}

function NewMeetingForm({ group, onDone }: { group: WorkingGroupDetail; onDone(): void }) {
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState('');
  const [zone, setZone] = useState('Asia/Kolkata');
  const [location, setLocation] = useState('');
  const [agenda, setAgenda] = useState('');
  const [error, setError] = useState<ApiError>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await partnershipApi.createMeeting(group.id, { title, startsAt: zonedToIso(when, zone), timeZone: zone, location, agenda });
      setTitle(''); setWhen(''); setAgenda(''); setLocation('');
      onDone();
    } catch (err) {
      setError(toApiError(err));
    }
  };
  return (
    <form className="form form-section" onSubmit={(e) => void submit(e)} noValidate aria-label="Schedule a meeting">
      <h3 className="subhead">Schedule a meeting</h3>
      <ErrorBanner error={error} />
      <div className="grid-3">
        <div className="field"><label htmlFor="mt-title" className="field-label">Title</label><input id="mt-title" value={title} onChange={(e) => setTitle(e.target.value)} /></div>
        <div className="field"><label htmlFor="mt-when" className="field-label">Date and time</label><input id="mt-when" type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} /></div>
        <div className="field"><label htmlFor="mt-zone" className="field-label">Time zone</label><select id="mt-zone" value={zone} onChange={(e) => setZone(e.target.value)}>{ZONES.map((z) => <option key={z}>{z}</option>)}</select></div>
      </div>
      <div className="field"><label htmlFor="mt-loc" className="field-label">Location</label><input id="mt-loc" value={location} onChange={(e) => setLocation(e.target.value)} /></div>
      <div className="field"><label htmlFor="mt-agenda" className="field-label">Agenda</label><textarea id="mt-agenda" rows={2} value={agenda} onChange={(e) => setAgenda(e.target.value)} /></div>
      <div className="form-foot"><button type="submit" className="btn btn-small btn-primary">Schedule</button></div>
    </form>
  );
}

function NewItemForm({ group, onDone }: { group: WorkingGroupDetail; onDone(): void }) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [meetingId, setMeetingId] = useState(group.meetings.find((m) => new Date(m.startsAt).getTime() <= Date.now())?.id ?? '');
  const [mode, setMode] = useState<'days' | 'date'>('days');
  const [days, setDays] = useState('5');
  const [date, setDate] = useState('');
  const [error, setError] = useState<ApiError>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      await partnershipApi.createActionItem(group.id, {
        title,
        ...(owner ? { ownerMemberId: owner } : {}),
        ...(meetingId ? { meetingId } : {}),
        ...(mode === 'days' ? { dueInWorkingDays: Number(days) } : { dueDate: date }),
      });
      setTitle('');
      onDone();
    } catch (err) {
      setError(toApiError(err));
    }
  };
  const fe = error?.fieldErrors ?? {};
  return (
    <form className="form form-section" onSubmit={(e) => void submit(e)} noValidate aria-label="Add an action item">
      <h3 className="subhead">Add an action item</h3>
      <ErrorBanner error={error} />
      <div className="grid-2">
        <div className="field"><label htmlFor="ai-title" className="field-label">Action</label><input id="ai-title" value={title} onChange={(e) => setTitle(e.target.value)} /></div>
        <div className={fe.ownerMemberId ? 'field has-error' : 'field'}><label htmlFor="ai-owner" className="field-label">Owner</label>
          <select id="ai-owner" value={owner} onChange={(e) => setOwner(e.target.value)} aria-invalid={fe.ownerMemberId ? true : undefined}>
            <option value="">Choose the owner…</option>
            {group.members.map((m) => <option key={m.id} value={m.id}>{m.name} ({m.nation})</option>)}
          </select>
          {fe.ownerMemberId ? <div className="field-error" role="alert">{fe.ownerMemberId}</div> : null}
        </div>
      </div>
      <div className="grid-3">
        <div className="field"><label htmlFor="ai-meeting" className="field-label">From meeting</label>
          <select id="ai-meeting" value={meetingId} onChange={(e) => setMeetingId(e.target.value)}><option value="">—</option>{group.meetings.map((m) => <option key={m.id} value={m.id}>{m.title}</option>)}</select></div>
        <div className="field"><span className="field-label">Due</span>
          <label className="check small"><input type="radio" name="ai-mode" checked={mode === 'days'} onChange={() => setMode('days')} /> working days from the meeting</label>
          <label className="check small"><input type="radio" name="ai-mode" checked={mode === 'date'} onChange={() => setMode('date')} /> on a date</label></div>
        {mode === 'days' ? (
          <div className="field"><label htmlFor="ai-days" className="field-label">Working days (owner's calendar)</label><input id="ai-days" inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} /></div>
        ) : (
          <div className="field"><label htmlFor="ai-date" className="field-label">Due date</label><input id="ai-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} /></div>
        )}
      </div>
      <div className="form-foot"><button type="submit" className="btn btn-small btn-primary">Add action item</button></div>
    </form>
  );
}

function GroupDetail({ id }: { id: string }) {
  const { reference } = useSession();
  const group = useLoad(() => partnershipApi.getGroup(id), [id]);
  const [error, setError] = useState<ApiError>();
  const g = group.data;
  const setStatus = async (item: ActionItem, status: ItemStatus) => {
    setError(undefined);
    try {
      await partnershipApi.setActionItemStatus(id, item.id, status);
      group.reload();
    } catch (err) {
      setError(toApiError(err));
    }
  };
  if (group.error) return <div className="page"><a className="back-link" href={href('/working-groups')}>← Working groups</a><ErrorBanner error={group.error} onRetry={group.reload} /></div>;
  if (!g) return <div className="page"><Spinner label="Loading the working group…" /></div>;
  const overdue = g.actionItems.filter((i) => i.overdue).length;
  return (
    <div className="page partnership-page">
      <a className="back-link" href={href('/working-groups')}>← Working groups</a>
      <PageHeader title={g.name} subtitle={<>{g.nations.map((n) => nationName(reference, n)).join(' – ')} · {g.arrangementId}{overdue ? <span className="badge wg-overdue" data-testid="overdue-badge">{overdue} overdue</span> : null}</>} />
      {g.purpose ? <p className="prose">{g.purpose}</p> : null}
      <div className="wg-grid">
        <Panel title="Action items" id="wg-items">
          <ErrorBanner error={error} />
          {g.actionItems.length === 0 ? <p className="pad muted">No action items yet.</p> : (
            <div className="table-wrap">
              <table className="table" data-testid="items-table">
                <caption className="sr-only">Action items</caption>
                <thead><tr><th scope="col">Action</th><th scope="col">Owner</th><th scope="col">Due</th><th scope="col">Status</th></tr></thead>
                <tbody>
                  {g.actionItems.map((i) => (
                    <tr key={i.id} data-testid="item-row" className={i.overdue ? 'is-late' : undefined}>
                      <td>{i.title}</td>
                      <td className="nowrap">{i.ownerName} <span className="chip">{i.ownerNation}</span></td>
                      <td className="nowrap" title={String(i.dueBasis.rule ?? '')}>{formatDate(i.dueDate)}<div className="small muted">{String(i.dueBasis.calendar ?? i.ownerNation)} working days</div></td>
                      <td className="nowrap">
                        <div className="wg-status-cell">
                        <StatusBadge item={i} />
                        {g.canEdit ? (
                          <select className="wg-status-select" aria-label={`Status of ${i.title}`} value={i.status} onChange={(e) => void setStatus(i, e.target.value as ItemStatus)}>
                            <option value="open">Open</option><option value="done">Done</option><option value="cancelled">Cancelled</option>
                          </select>
                        ) : null}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {g.canEdit ? <NewItemForm group={g} onDone={group.reload} /> : null}
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
        {g.meetings.length === 0 ? <p className="pad muted">No meetings yet.</p> : g.meetings.map((m) => <MeetingCard key={m.id} group={g} meeting={m} onChanged={group.setData} />)}
        {g.canEdit ? <NewMeetingForm group={g} onDone={group.reload} /> : null}
      </Panel>
    </div>
  );
}

export function WorkingGroupsPage({ id }: { id?: string | undefined }) {
  return id ? <GroupDetail id={id} /> : <GroupList />;
}
