// Imports events from a file (issue #15): an OASIS CAP 1.2 alert or a GeoJSON FeatureCollection,
// all of it or nothing, with every failing field named.
import type { FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { eventsApi } from '../../api/events.js';
import { keys } from '../../queries/keys.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';
import { ChosenFileField } from '../../components/ChosenFileField.js';
import { PanelForm } from '../../components/PanelForm.js';
import { useChosenFile } from '../../components/use-chosen-file.js';
import { eventErrorLabel } from './event-places.js';

const NO_FILE = new ApiError(0, { title: 'No file chosen', detail: 'Choose a CAP alert (.xml) or a GeoJSON file first.' });

export function ImportAlertForm({ onImported }: { onImported(ids: string[]): void }) {
  // The imported events join the list (reloaded through keys.events).
  const importer = useApiMutation((f: { name: string; text: string }) => eventsApi.importFile(/\.(xml|cap)$/i.test(f.name) || f.text.trimStart().startsWith('<') ? 'cap' : 'geojson', f.text), {
    invalidates: [keys.events.all],
    onSaved: (res) => onImported(res.items.map((i) => i.id)),
  });
  const { error, pick, take } = useChosenFile(importer, NO_FILE);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const file = take();
    if (file) void importer.run(file);
  };
  return (
    <PanelForm
      testId="event-import"
      headingId="event-import-h"
      title="Import an alert"
      formLabel="Import events from a file"
      onSubmit={submit}
      error={error}
      fieldLabel={eventErrorLabel}
      submit={{ busy: importer.busy, label: 'Import', busyLabel: 'Importing…' }}
    >
      <ChosenFileField
        id="ev-file"
        accept=".xml,.cap,.json,.geojson,application/xml,application/json,application/geo+json"
        help="An OASIS CAP 1.2 alert (XML), or a GeoJSON FeatureCollection (one event per feature). All of it is imported, or nothing."
        onPick={pick}
      />
    </PanelForm>
  );
}
