// Disruption events of the user's nation (issue #15): the list, and for analysts and SOSA
// officers a form to record one (sites, companies, countries, a circle, a polygon, sea lanes) and
// an import of a CAP 1.2 alert or a GeoJSON file, with every failing field named.
import { PageHeader } from '../components/PageHeader.js';
import { navigate } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { EventList } from './events/EventList.js';
import { ImportAlertForm } from './events/ImportAlertForm.js';
import { RecordEventForm } from './events/RecordEventForm.js';
import '../components/events/events.css';

export function EventsPage() {
  const { user } = useSession();
  const writer = hasRole(user, 'analyst') || hasRole(user, 'sosa_officer');
  return (
    <div className="page events-page">
      <PageHeader title="Disruption events" subtitle={`What happened — a fire, a flood, a closed port, an embargo — and which of ${user.nation}'s programs it hits.`} />
      <EventList writer={writer} />
      {writer ? <RecordEventForm onRecorded={(id) => navigate(`/events/${id}`)} /> : null}
      {writer ? <ImportAlertForm onImported={(ids) => ids.length === 1 && navigate(`/events/${ids[0]}`)} /> : null}
    </div>
  );
}
