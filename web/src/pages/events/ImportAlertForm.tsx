// Imports events from a file (issue #15): an OASIS CAP 1.2 alert or a GeoJSON FeatureCollection,
// all of it or nothing, with every failing field named.
import { eventsApi } from '../../api/events.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { FileImportPanel, type ChosenFile, type ImportFile } from '../../components/FileImportPanel.js';
import { eventErrorLabel } from './event-places.js';

const ALERT_FILE: ImportFile = {
  id: 'ev-file',
  accept: '.xml,.cap,.json,.geojson,application/xml,application/json,application/geo+json',
  help: 'An OASIS CAP 1.2 alert (XML), or a GeoJSON FeatureCollection (one event per feature). All of it is imported, or nothing.',
  missing: 'Choose a CAP alert (.xml) or a GeoJSON file first.',
  placeLabel: eventErrorLabel,
};

export function ImportAlertForm({ onImported }: { onImported(ids: string[]): void }) {
  // The imported events join the list (reloaded through keys.events).
  const importer = useApiMutation((f: ChosenFile) => eventsApi.importFile(/\.(xml|cap)$/i.test(f.name) || f.text.trimStart().startsWith('<') ? 'cap' : 'geojson', f.text), {
    invalidates: [keys.events.all],
    onSaved: (res) => onImported(res.items.map((i) => i.id)),
  });
  return (
    <FileImportPanel
      testId="event-import"
      title="Import an alert"
      formLabel="Import events from a file"
      file={ALERT_FILE}
      importer={importer}
    />
  );
}
