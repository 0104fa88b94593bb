// Adding an action item: its owner, the meeting it came from, and a due date given as working
// days of the owner's nation's calendar or as a date.
import { useState } from 'react';
import { partnershipApi, type WorkingGroupDetail } from '../../api/partnership.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';

export function NewItemForm({ group }: { group: WorkingGroupDetail }) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [meetingId, setMeetingId] = useState(group.meetings.find((m) => new Date(m.startsAt).getTime() <= Date.now())?.id ?? '');
  const [mode, setMode] = useState<'days' | 'date'>('days');
  const [days, setDays] = useState('5');
  const [date, setDate] = useState('');
  const add = useApiMutation(
    () =>
      partnershipApi.createActionItem(group.id, {
        title,
        ...(owner ? { ownerMemberId: owner } : {}),
        ...(meetingId ? { meetingId } : {}),
        ...(mode === 'days' ? { dueInWorkingDays: Number(days) } : { dueDate: date }),
      }),
    { invalidates: [keys.workingGroups.all], onSaved: () => setTitle('') },
  );
  const fe = add.fieldErrors;
  return (
    <form className="form form-section" onSubmit={(e) => (e.preventDefault(), void add.run(undefined))} noValidate aria-label="Add an action item">
      <h3 className="subhead">Add an action item</h3>
      <ErrorBanner error={add.error} />
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
