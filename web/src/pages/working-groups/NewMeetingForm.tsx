// Scheduling a meeting of a working group, in the wall time of a chosen zone.
import { useState } from 'react';
import { partnershipApi, type WorkingGroupDetail } from '../../api/partnership.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { zonedToIso, ZONES } from './zoned-time.js';

export function NewMeetingForm({ group }: { group: WorkingGroupDetail }) {
  const [title, setTitle] = useState('');
  const [when, setWhen] = useState('');
  const [zone, setZone] = useState('Asia/Kolkata');
  const [location, setLocation] = useState('');
  const [agenda, setAgenda] = useState('');
  const schedule = useApiMutation(() => partnershipApi.createMeeting(group.id, { title, startsAt: zonedToIso(when, zone), timeZone: zone, location, agenda }), {
    invalidates: [keys.workingGroups.all],
    onSaved: () => (setTitle(''), setWhen(''), setAgenda(''), setLocation('')),
  });
  return (
    <form className="form form-section" onSubmit={(e) => (e.preventDefault(), void schedule.run(undefined))} noValidate aria-label="Schedule a meeting">
      <h3 className="subhead">Schedule a meeting</h3>
      <ErrorBanner error={schedule.error} />
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
