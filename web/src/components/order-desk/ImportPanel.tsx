// CSV import of the order book, with each bad row named.
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { api, ApiError, normaliseField } from '../../api/client.js';
import { ImportErrors } from '../ImportErrors.js';
import { useApiMutation } from '../../queries/use-api-mutation.js';


const CSV_HEADER = 'order_number,customer,rating,resource,quantity,required_delivery_date,received_date,accepted';
const CSV_OPTIONAL = 'signed_by, certified, destination';

/** "rows/3/rating" → "Row 3, rating"; "rows/3" → "Row 3"; anything else as it is. */
export function rowErrorLabel(field: string): string {
  const parts = normaliseField(field).split('/');
  if (parts[0] === 'rows' && parts[1]) return `Row ${parts[1]}${parts[2] ? `, ${parts.slice(2).join('/')}` : ''}`;
  if (parts[0] === 'rows') return 'File';
  return field;
}

const NOTHING_TO_IMPORT = new ApiError(0, { title: 'Nothing to import', detail: 'Paste the CSV order book or choose a file first.' });

export function ImportPanel({ reloadAll }: { reloadAll(): void }) {
  const [csv, setCsv] = useState('');
  const [empty, setEmpty] = useState(false);
  const importer = useApiMutation((text: string) => api.importOrderBook(text), {
    onSaved: () => {
      setCsv('');
      reloadAll();
    },
  });
  const error = empty ? NOTHING_TO_IMPORT : importer.error;
  const done = importer.result;
  const busy = importer.busy;

  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setCsv(await file.text());
    setEmpty(false);
    importer.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setEmpty(!csv.trim());
    if (!csv.trim()) {
      importer.reset();
      return;
    }
    void importer.run(csv);
  };

  return (
    <section className="panel" aria-labelledby="import-h" data-testid="import-panel">
      <h2 id="import-h" className="panel-title">Import order book (CSV)</h2>
      <form className="form form-section" onSubmit={submit} noValidate aria-label="Import order book">
        {done !== undefined ? (
          <div className="banner banner-success" role="status" data-testid="import-success">
            Imported {done.imported} order{done.imported === 1 ? '' : 's'}{done.orders.length ? ` (${done.orders.slice(0, 5).map((o) => o.orderNumber).join(', ')}${done.orders.length > 5 ? ` and ${done.orders.length - 5} more` : ''})` : ''}. The schedule below is updated.
          </div>
        ) : null}
        <ImportErrors error={error} fieldLabel={rowErrorLabel} testId="import-errors" />
        <div className="field">
          <label htmlFor="import-csv" className="field-label">CSV order book</label>
          <textarea id="import-csv" className="mono csv-input" rows={6} spellCheck={false} placeholder={`${CSV_HEADER}\nD-1001,US Navy,DO-A1,Blade line,5,2026-12-01,2026-11-24,true`} value={csv} onChange={(e) => setCsv(e.target.value)} />
          <div className="field-help">
            Columns: <span className="mono csv-columns">{CSV_HEADER}</span>. Optional: <span className="mono csv-columns">{CSV_OPTIONAL}</span> — a rated order without its signer and certification is "not yet rated" (700.12). Leave the rating blank for an unrated order. All rows are imported, or none.
          </div>
        </div>
        <div className="form-foot import-foot">
          <input id="import-file" type="file" accept=".csv,text/csv,text/plain" aria-label="Or upload a file" onChange={(e) => void pick(e)} />
          <button type="submit" className="btn btn-primary btn-small" disabled={busy}>{busy ? 'Importing…' : 'Import'}</button>
        </div>
      </form>
    </section>
  );
}
