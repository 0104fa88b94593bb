// One meeting of a working group: agenda, and minutes and attendance (kept by the members who may edit).
import { useState } from 'react';
import { partnershipApi, type Meeting, type WorkingGroupDetail } from '../../api/partnership.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { formatDateTime } from '../../format.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';

export function MeetingCard({ group, meeting }: { group: WorkingGroupDetail; meeting: Meeting }) {
  const [minutes, setMinutes] = useState(meeting.minutes);
  const [present, setPresent] = useState<Record<string, boolean>>(Object.fromEntries(meeting.attendance.map((a) => [a.memberId, a.present])));
  const [saved, setSaved] = useState(false);
  const save = useApiMutation(() => partnershipApi.updateMeeting(group.id, meeting.id, { minutes, attendance: group.members.map((m) => ({ memberId: m.id, present: Boolean(present[m.id]) })) }), {
    stores: (g) => keys.workingGroups.detail(g.id),
    onSaved: () => setSaved(true),
  });
  const upcoming = new Date(meeting.startsAt).getTime() > Date.now();
  return (
    <article className="wg-meeting" data-testid="meeting">
      <header className="wg-meeting-head">
        <h3 className="subhead">{meeting.title}</h3>
        <span className="small">{formatDateTime(meeting.startsAt, meeting.timeZone)}{meeting.location ? ` · ${meeting.location}` : ''}</span>
        {upcoming ? <span className="chip chip-action">Upcoming</span> : null}
      </header>
      {meeting.agenda ? <div className="prose wg-pre"><span className="strong">Agenda</span>{'\n'}{meeting.agenda}</div> : null}
      <ErrorBanner error={save.error} />
      {group.canEdit ? (
        <>
          <div className="field"><label htmlFor={`min-${meeting.id}`} className="field-label">Minutes</label><textarea id={`min-${meeting.id}`} rows={3} value={minutes} onChange={(e) => { setMinutes(e.target.value); setSaved(false); }} /></div>
          <fieldset className="fieldset"><legend className="field-label">Attendance</legend>
            <div className="wg-attendance">
              {group.members.map((m) => <label key={m.id} className="check small"><input type="checkbox" checked={Boolean(present[m.id])} onChange={(e) => { setPresent({ ...present, [m.id]: e.target.checked }); setSaved(false); }} /> {m.name} ({m.nation})</label>)}
            </div>
          </fieldset>
          <div className="form-foot"><button type="button" className="btn btn-small" onClick={() => void save.run(undefined)}>Save minutes and attendance</button>{saved ? <span className="small muted" role="status">{group.heldBy ? `Sent to ${group.heldBy}'s instance, not yet applied` : 'Saved'}</span> : null}</div>
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
