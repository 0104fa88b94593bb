// Supply networks of the user's nation: the list (with a search box) and, for analysts, the
// import of a JSON model or a Willems (2008) CSV file with every problem shown by row and column.
import { useState } from 'react';
import { networksApi, type ImportNetworkBody } from '../api/networks.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { DataTable, type Column } from '../components/list/DataTable.js';
import { PageHeader } from '../components/PageHeader.js';
import { Spinner } from '../components/Spinner.js';
import { FileImportPanel, type ChosenFile, type ImportFile } from '../components/FileImportPanel.js';
import { InputField, SelectField } from '../components/FormField.js';
import { formatDate } from '../format.js';
import { href, navigate } from '../router.js';
import { hasRole, useSession } from '../session.js';
import { useApiMutation } from '../queries/use-api-mutation.js';
import { useLoad } from '../use-load.js';

/** "rows/51/columns/15" → "Row 51, column 15"; "network/nodes/3/kind" → "Node 3, kind". */
export function networkErrorLabel(field: string): string {
  const rows = /^(?:text\/)?rows\/(\d+)(?:\/columns\/(\d+))?/.exec(field);
  if (rows) return `Row ${rows[1]}${rows[2] ? `, column ${rows[2]}` : ''}`;
  const model = /^network\/(nodes|edges)\/(\d+)(?:\/(.+))?$/.exec(field);
  if (model) return `${model[1] === 'nodes' ? 'Node' : 'Edge'} ${Number(model[2]) + 1}${model[3] ? `, ${model[3]}` : ''}`;
  return field || 'File';
}

const NETWORK_FILE: ImportFile = {
  id: 'net-file',
  accept: '.json,.csv,application/json,text/csv,text/plain',
  help: 'A JSON model (nodes, edges) or a Willems (2008) chain exported as CSV. All of it is imported, or nothing.',
  missing: 'Choose a JSON network model or a Willems CSV file first.',
  placeLabel: networkErrorLabel,
};

const FORMATS = [['auto', 'From the file name (.csv = Willems)'], ['json', 'JSON model'], ['willems', 'Willems CSV']] as const;

function ImportPanel({ onImported }: { onImported(id: string): void }) {
  const [format, setFormat] = useState<'auto' | 'json' | 'willems'>('auto');
  const [name, setName] = useState('');
  const [program, setProgram] = useState('');
  const [concern, setConcern] = useState('');
  const bodyOf = (file: ChosenFile): ImportNetworkBody => ({
    format: format === 'auto' ? (/\.csv$/i.test(file.name) ? 'willems' : 'json') : format,
    text: file.text,
    ...(name.trim() ? { name: name.trim() } : {}),
    ...(program.trim() ? { program: program.trim() } : {}),
    ...(concern.trim() ? { countriesOfConcern: concern.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean) } : {}),
  });
  const importer = useApiMutation((file: ChosenFile) => networksApi.importNetwork(bodyOf(file)), { onSaved: (created) => onImported(created.id) });

  return (
    <FileImportPanel
      testId="network-import"
      title="Import a network"
      formLabel="Import a supply network"
      file={NETWORK_FILE}
      importer={importer}
    >
      {(fileField) => (
        <div className="grid-2">
          {fileField}
          <SelectField id="net-format" label="Format" value={format} options={FORMATS} onChange={setFormat} />
          <InputField id="net-name" label="Name (optional)" autoComplete="off" placeholder="From the file" value={name} onChange={setName} />
          <InputField id="net-program" label="Program (optional)" autoComplete="off" placeholder="LCA Tejas Mk2" value={program} onChange={setProgram} />
          <InputField id="net-concern" label="Countries of concern (optional)" autoComplete="off" placeholder="CN, RU" value={concern} onChange={setConcern} />
        </div>
      )}
    </FileImportPanel>
  );
}

type Row = Awaited<ReturnType<typeof networksApi.list>>['items'][number];

const COLUMNS: Array<Column<Row>> = [
  { head: 'Network', cell: (n) => <a href={href(`/networks/${n.id}`)} className="strong">{n.name}</a> },
  { head: 'Program', cell: (n) => n.program || <span className="muted">—</span> },
  { head: 'Nodes', className: 'num', cell: (n) => n.nodeCount.toLocaleString('en-US') },
  { head: 'Edges', className: 'num', cell: (n) => n.edgeCount.toLocaleString('en-US') },
  { head: 'End items', className: 'num', cell: (n) => n.endItemCount },
  { head: 'Source', cell: (n) => (n.sourceFormat === 'willems' ? 'Willems CSV' : 'JSON') },
  { head: 'Imported', cellClass: 'nowrap', cell: (n) => <>{formatDate(n.createdAt)} <span className="muted small">by {n.createdBy}</span></> },
  { head: 'Last analysis', cell: (n) => (n.lastAnalysis ? `${n.lastAnalysis.kind} · ${n.lastAnalysis.status}` : <span className="muted">none</span>) },
];

export function NetworksPage() {
  const { user } = useSession();
  const [q, setQ] = useState('');
  const list = useLoad(() => networksApi.list(q.trim() || undefined), [q]);
  const items = list.data?.items ?? [];
  const analyst = hasRole(user, 'analyst');
  return (
    <div className="page networks-page">
      <PageHeader title="Supply networks" subtitle={`Multi-tier supply networks of ${user.nation}: single points of failure, country exposure, disruption scenarios.`} />
      {analyst ? <ImportPanel onImported={(id) => navigate(`/networks/${id}`)} /> : null}
      <section className="panel" aria-labelledby="net-list-h" data-testid="network-list">
        <div className="panel-head">
          <h2 id="net-list-h" className="panel-title">Networks</h2>
          <div className="inline-filters" role="search" aria-label="Search networks">
            <input type="search" aria-label="Search by name or program" placeholder="Search name or program" value={q} onChange={(e) => setQ(e.target.value)} />
          </div>
        </div>
        <ErrorBanner error={list.error} onRetry={list.reload} />
        {list.loading && !list.data ? <Spinner label="Loading networks…" /> : null}
        {list.data && items.length === 0 ? <EmptyState title={q ? 'No network matches' : 'No networks yet'}>{q ? 'Try another search.' : analyst ? 'Import one above.' : 'An analyst of your nation imports them.'}</EmptyState> : null}
        {items.length > 0 ? (
          <div className="table-wrap">
            <DataTable rows={items} columns={COLUMNS} rowKey={(n) => n.id} rowProps={() => ({ 'data-testid': 'network-row' })} caption="Supply networks" />
          </div>
        ) : null}
      </section>
    </div>
  );
}
